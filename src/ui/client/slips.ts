import type { SlipsRequest, SlipsState } from '../shared/rpc';
import { append, clear, downloadLink, fill, h } from './dom';
import { call, closeDialog } from './rpc';

/**
 * The 納品書・ピッキングリスト dialog: which rows (the selection on 受注一覧, or the label-CSV rows), a preview
 * of exactly what prints (the server's HTML in a sandboxed frame: it runs no script and reaches nothing),
 * and a PDF made by Apps Script, handed over as base64 and saved by the browser as a download.
 */

let state: SlipsState;
const root = document.getElementById('app') as HTMLElement;
const s = (key: string, params?: Record<string, string | number>) =>
  fill(state.strings[`slips.ui.${key}`] ?? key, params);

function render(): void {
  document.documentElement.lang = state.locale;
  clear(root);
  const result = h('div', { className: 'slips-result', 'aria-live': 'polite' });
  const scope = state.selection.length > 0 ? scopeChoice() : null;
  const empty = state.shipments === 0;
  const download = h(
    'button',
    { className: 'btn btn-primary', type: 'button', 'data-action': 'download', disabled: empty },
    s('download'),
  );
  download.addEventListener('click', () => void makePdf(download, result));
  append(root, [
    h(
      'div',
      { className: 'slips-head' },
      h(
        'span',
        { className: 'slips-summary', 'data-summary': '' },
        empty ? s('empty') : s('summary', { shipments: state.shipments, lines: state.pickingLines }),
      ),
    ),
    scope,
    state.advancesStatus ? h('p', { className: 'slips-note' }, s('advances')) : null,
    ...state.notes.map((n) => h('p', { className: 'slips-note notice-warn' }, n)),
    h('iframe', { className: 'slips-preview', sandbox: '', title: s('title'), srcdoc: state.html }),
    h(
      'div',
      { className: 'actions' },
      download,
      h('button', { className: 'btn btn-text', type: 'button', onclick: () => closeDialog() }, s('close')),
    ),
    result,
  ]);
}

function scopeChoice(): HTMLElement {
  const option = (value: 'selection' | 'default', label: string) =>
    h(
      'label',
      {},
      h('input', {
        type: 'radio',
        name: 'scope',
        value,
        checked: (value === 'selection') === (state.rows !== null),
        onchange: () => void load({ rows: null, useSelection: value === 'selection' }),
      }),
      ` ${label}`,
    );
  return h(
    'fieldset',
    { className: 'slips-scope' },
    option('selection', s('scopeSelection', { count: state.selection.length })),
    option('default', s('scopeDefault')),
  );
}

async function makePdf(btn: HTMLButtonElement, result: HTMLElement): Promise<void> {
  btn.disabled = true;
  btn.textContent = s('making');
  clear(result);
  try {
    const res = await call('slipsMakePdf', { rows: state.rows, useSelection: false });
    if (res.done) {
      const link = downloadLink(res, 'application/pdf', s('again'));
      append(result, [h('p', { className: 'done' }, s('done', { file: res.fileName }), ' ', link)]);
    }
    append(
      result,
      res.lines.map((l) => h('p', { className: res.done ? 'slips-note' : 'notice notice-error' }, l)),
    );
  } catch (err) {
    append(result, [h('p', { className: 'notice notice-error', role: 'alert' }, (err as Error).message)]);
  } finally {
    btn.disabled = false;
    btn.textContent = s('download');
  }
}

function load(req: SlipsRequest): Promise<void> {
  return call('slipsGetState', req).then((st) => {
    state = st;
    render();
  });
}

if (root)
  load({ rows: null, useSelection: true }).catch((err: Error) =>
    root.appendChild(h('div', { className: 'notice notice-error', role: 'alert' }, err.message)),
  );
