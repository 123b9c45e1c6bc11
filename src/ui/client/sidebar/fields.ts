import type { FieldIssue } from '../../shared/rpc';
import { h } from '../dom';
import { s } from './store';

/** Form widgets of the sidebar: labelled inputs tied to the server's FieldIssue.field names, and their errors. */

let idSeq = 0;
/** ids only tie labels to inputs; a fresh one per render keeps two open forms apart */
export const fid = (name: string) => `f-${name.replace(/[^A-Za-z0-9]/g, '-')}-${++idSeq}`;

export function errorSlot(field: string): HTMLElement {
  return h('p', { className: 'field-error', 'data-error-for': field });
}

export function textField(
  field: string,
  label: string,
  value: string,
  set: (v: string) => void,
  opts: { required?: boolean; type?: string; placeholder?: string; hint?: string; inputmode?: string } = {},
): HTMLElement {
  const id = fid(field);
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, label, opts.required ? h('span', { className: 'req', title: s('required') }, ' *') : null),
    h('input', {
      id,
      type: opts.type ?? 'text',
      value,
      'data-field': field,
      placeholder: opts.placeholder,
      inputmode: opts.inputmode,
      autocomplete: opts.type === 'password' ? 'new-password' : 'off',
      spellcheck: 'false',
      oninput: (ev) => set((ev.target as HTMLInputElement).value),
    }),
    opts.hint ? h('p', { className: 'hint' }, opts.hint) : null,
    errorSlot(field),
  );
}

export function toggle(field: string, label: string, value: boolean, set: (v: boolean) => void): HTMLElement {
  const id = fid(field);
  return h(
    'div',
    { className: 'field field-inline' },
    h('input', {
      id,
      type: 'checkbox',
      checked: value,
      'data-field': field,
      onchange: (ev) => set((ev.target as HTMLInputElement).checked),
    }),
    h('label', { for: id }, label),
    errorSlot(field),
  );
}

export function selectField(
  field: string,
  label: string,
  value: string,
  options: [string, string][],
  set: (v: string) => void,
): HTMLElement {
  const id = fid(field);
  const known = options.some(([v]) => v === value);
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, 'data-field': field, onchange: (ev) => set((ev.target as HTMLSelectElement).value) },
      // a value typed in the Settings tab that is not a choice stays visible (and the server says why)
      known ? null : h('option', { value, selected: true }, value),
      ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
    errorSlot(field),
  );
}

/** Shows issues next to their inputs; an issue whose field has no input goes to the form's own slot. */
export function setIssues(form: HTMLElement, issues: FieldIssue[]): void {
  form.querySelectorAll('[data-error-for]').forEach((el) => {
    el.textContent = '';
  });
  form.querySelectorAll('.invalid').forEach((el) => {
    el.classList.remove('invalid');
  });
  const general: string[] = [];
  for (const issue of issues) {
    const slot = issue.field ? form.querySelector(`[data-error-for="${cssEscape(issue.field)}"]`) : null;
    if (!slot) {
      general.push(issue.message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${issue.message}` : issue.message;
    form.querySelector(`[data-field="${cssEscape(issue.field)}"]`)?.classList.add('invalid');
  }
  const top = form.querySelector('[data-error-for=""]');
  if (top) top.textContent = general.length ? general.join(' / ') : issues.length ? s('fixErrors') : '';
  (form.querySelector('.invalid') as HTMLElement | null)?.focus();
}

const cssEscape = (v: string) => v.replace(/["\\]/g, '\\$&');
