import type { LabelExportRequest, LabelExportState, LabelExportStateRequest } from '../shared/rpc';
import { append, clear, downloadLink, fill, h } from './dom';
import { lineList, select } from './labels-common';
import { call, closeDialog } from './rpc';

/**
 * 送り状CSVを作成: format, shop and re-issue; a preview of the lines and of the rows kept out (with reasons)
 * from the engine's dry run; then the file, made by the server as Windows-31J bytes and saved by the browser
 * from a Blob (no Drive). Making it writes 送り状キー, so the preview is made again afterwards.
 */

let state: LabelExportState;
const root = document.getElementById('app') as HTMLElement;
const s = (key: string, params?: Record<string, string | number>) =>
  fill(state.strings[`labels.ui.${key}`] ?? key, params);

function request(): LabelExportRequest {
  const value = (name: string) => (root.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
  return {
    format: value('format') as LabelExportRequest['format'],
    shop: value('shop'),
    reissue: (root.querySelector('[name="reissue"]') as HTMLInputElement).checked,
  };
}

function render(result: Node[] = []): void {
  document.documentElement.lang = state.locale;
  clear(root);
  const reload = () => void load(request());
  const empty = state.shipments === 0 || state.stopped;
  const download = h(
    'button',
    { className: 'btn btn-primary', type: 'button', 'data-action': 'download', disabled: empty },
    s('download'),
  );
  const out = h('div', { className: 'labels-result', 'aria-live': 'polite', 'data-result': '' });
  append(out, result);
  download.addEventListener('click', () => void makeFile(download, out));
  append(root, [
    h(
      'div',
      { className: 'labels-form' },
      select(
        'format',
        s('format'),
        state.formats.map((f) => ({ value: f.id, label: f.title })),
        state.request.format,
        reload,
      ),
      select(
        'shop',
        s('shop'),
        [{ value: '', label: s('allShops') }, ...state.shops.map((n) => ({ value: n, label: n }))],
        state.request.shop,
        reload,
      ),
      h(
        'label',
        { className: 'check-field' },
        h('input', { type: 'checkbox', name: 'reissue', checked: state.request.reissue, onchange: reload }),
        s('reissue'),
      ),
    ),
    h(
      'p',
      { className: 'labels-summary', 'data-summary': '' },
      state.shipments === 0 ? s('empty') : s('summary', { shipments: state.shipments, rows: state.rows }),
    ),
    state.keptOut > 0
      ? h('p', { className: 'slips-note notice-warn', 'data-kept-out': '' }, s('keptOut', { count: state.keptOut }))
      : null,
    lineList(state.lines, 'data-lines'),
    empty ? null : h('p', { className: 'slips-note' }, s('keysNote')),
    h(
      'div',
      { className: 'actions' },
      download,
      h('button', { className: 'btn btn-text', type: 'button', onclick: () => closeDialog() }, s('close')),
    ),
    out,
  ]);
}

async function makeFile(btn: HTMLButtonElement, out: HTMLElement): Promise<void> {
  btn.disabled = true;
  btn.textContent = s('making');
  clear(out);
  const req = request();
  try {
    const res = await call('labelExportMakeFile', req);
    const shown: Node[] = [];
    if (res.done) {
      const link = downloadLink(res, 'text/csv;charset=Shift_JIS', s('again'));
      shown.push(h('p', { className: 'done' }, s('done', { file: res.fileName, shipments: res.shipments }), ' ', link));
    }
    for (const l of res.lines) shown.push(h('p', { className: res.done ? 'slips-note' : 'notice notice-error' }, l));
    // the rows now have keys: the preview shows what a next file would take
    state = await call('labelExportGetState', req);
    render(shown);
  } catch (err) {
    append(out, [h('p', { className: 'notice notice-error', role: 'alert' }, (err as Error).message)]);
    btn.disabled = false;
    btn.textContent = s('download');
  }
}

function load(req: LabelExportStateRequest): Promise<void> {
  return call('labelExportGetState', req).then((st) => {
    state = st;
    render();
  });
}

if (root)
  load({ format: null, shop: '', reissue: false }).catch((err: Error) =>
    root.appendChild(h('div', { className: 'notice notice-error', role: 'alert' }, err.message)),
  );
