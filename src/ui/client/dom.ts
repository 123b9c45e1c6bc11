/**
 * A tiny element builder for the pages. Text always goes in as textContent (shop names, carrier names
 * and mall messages are user or mall data: never parsed as HTML).
 */
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'className') el.className = String(v);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked') (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Fills {name} placeholders of a page string. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * A link that saves the server's bytes (base64) as a file, clicked once at once: the dialogs hand files to
 * the browser without Drive (docs/apps-script.md §C6). The bytes go into the Blob as they are, never
 * re-encoded by the page (a label CSV stays Windows-31J).
 */
export function downloadLink(file: { base64: string; fileName: string }, type: string, label: string): HTMLElement {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const href = URL.createObjectURL(new Blob([bytes], { type }));
  const link = h('a', { href, download: file.fileName, 'data-download': '' }, label);
  link.click();
  return link;
}
