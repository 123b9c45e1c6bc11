import { h } from './dom';

/** What both label dialogs share: a labelled select, a list of readable lines, a file's bytes as base64. */

export function select(
  name: string,
  label: string,
  options: { value: string; label: string }[],
  value: string,
  onchange: () => void,
): HTMLElement {
  const el = h('select', { name, id: `f-${name}`, onchange });
  for (const o of options) el.appendChild(h('option', { value: o.value }, o.label));
  el.value = value;
  return h('div', { className: 'field' }, h('label', { for: `f-${name}` }, label), el);
}

export function lineList(lines: string[], attr: string): HTMLElement | null {
  if (lines.length === 0) return null;
  return h('div', { className: 'labels-lines', [attr]: '' }, ...lines.map((l) => h('p', {}, l)));
}

/** base64 of a file's bytes, in slices (one String.fromCharCode call per 32 KB keeps the stack small). */
export function base64OfBytes(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(bin);
}
