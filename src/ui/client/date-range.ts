import { MAX_RANGE_DAYS, rangeProblems } from '../shared/date-range';
import type { DateRangeState, FieldIssue } from '../shared/rpc';
import { append, clear, fill, h } from './dom';
import { call, closeDialog } from './rpc';

/**
 * The date-range fetch dialog: two dates (checked here for shape and order, then again on the server,
 * which owns the rules), one shop or all, and the result per shop.
 */

let state: DateRangeState;
const root = document.getElementById('app') as HTMLElement;
const s = (key: string, params?: Record<string, string | number>) =>
  fill(state.strings[`sidebar.range.${key}`] ?? key, params);

function render(): void {
  document.documentElement.lang = state.locale;
  clear(root);
  const draft = { from: state.defaultFrom, to: state.today, shop: '' };
  const results = h('div', { className: 'range-results', 'aria-live': 'polite' });
  const form = h('form', { className: 'range', novalidate: true });
  const dateField = (field: 'from' | 'to') =>
    h(
      'div',
      { className: 'field' },
      h('label', { for: `d-${field}` }, s(field)),
      h('input', {
        id: `d-${field}`,
        type: 'date',
        value: draft[field],
        max: state.today,
        'data-field': field,
        oninput: (ev) => (draft[field] = (ev.target as HTMLInputElement).value),
      }),
      h('p', { className: 'field-error', 'data-error-for': field }),
    );

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(results);
    // instant feedback only: the server checks the same rules again before fetching
    const pre = rangeProblems(draft.from, draft.to, state.today).map((p) => ({
      field: p.field,
      message: s(p.code, { days: MAX_RANGE_DAYS }),
    }));
    if (pre.length) return showIssues(form, pre);
    const btn = form.querySelector('[data-action="fetch"]') as HTMLButtonElement;
    btn.disabled = true;
    btn.textContent = s('fetching');
    try {
      const res = await call('fetchOrdersForRange', draft);
      showIssues(form, res.issues);
      if (res.done)
        append(results, [
          res.lines.every((l) => l.ok)
            ? h('p', { className: 'done' }, s('done'))
            : h('p', { className: 'done partly' }, s('doneWithErrors')),
          h(
            'ul',
            { className: 'check-list' },
            ...res.lines.map((l) =>
              h(
                'li',
                { className: l.ok ? 'ok' : 'bad' },
                h('span', { className: 'check-icon' }, l.ok ? '✓' : '!'),
                h('span', {}, `${l.shop}: ${l.message}`),
              ),
            ),
          ),
        ]);
    } catch (err) {
      showIssues(form, [{ field: '', message: (err as Error).message }]);
    } finally {
      btn.disabled = false;
      btn.textContent = s('fetch');
    }
  });

  append(form, [
    h('div', { className: 'row-2' }, dateField('from'), dateField('to')),
    h(
      'div',
      { className: 'field' },
      h('label', { for: 'd-shop' }, s('shop')),
      h(
        'select',
        { id: 'd-shop', 'data-field': 'shop', onchange: (ev) => (draft.shop = (ev.target as HTMLSelectElement).value) },
        h('option', { value: '' }, s('allShops')),
        ...state.shops.map((name) => h('option', { value: name }, name)),
      ),
    ),
    h('p', { className: 'form-error', 'data-error-for': '' }),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'fetch' }, s('fetch')),
      h('button', { className: 'btn btn-text', type: 'button', onclick: () => closeDialog() }, s('close')),
    ),
    results,
  ]);
  root.appendChild(form);
}

function showIssues(form: HTMLElement, issues: FieldIssue[]): void {
  form.querySelectorAll('[data-error-for]').forEach((el) => {
    el.textContent = '';
  });
  form.querySelectorAll('.invalid').forEach((el) => {
    el.classList.remove('invalid');
  });
  for (const i of issues) {
    const slot = form.querySelector(`[data-error-for="${i.field}"]`) ?? form.querySelector('[data-error-for=""]');
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent} ${i.message}` : i.message;
    form.querySelector(`[data-field="${i.field}"]`)?.classList.add('invalid');
  }
}

if (root)
  call('dateRangeGetState', {})
    .then((st) => {
      state = st;
      render();
    })
    .catch((err: Error) =>
      root.appendChild(h('div', { className: 'notice notice-error', role: 'alert' }, err.message)),
    );
