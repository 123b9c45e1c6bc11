import type { LabelImportPlanView, LabelImportRequest, LabelImportState } from '../shared/rpc';
import { append, clear, fill, h } from './dom';
import { base64OfBytes, lineList, select } from './labels-common';
import { call, closeDialog } from './rpc';

/**
 * 発行済みデータを取込: the carrier's file read as bytes in the browser (FileReader) and sent as base64; the
 * server decodes it as the CLI does and answers with what would change (filled, unchanged, conflicts, unknown
 * keys, with 受注一覧 rows and file lines); Apply runs the same import for real. Nothing is written before.
 */

let state: LabelImportState;
let file: LabelImportRequest | null = null;
const root = document.getElementById('app') as HTMLElement;
const s = (key: string, params?: Record<string, string | number>) =>
  fill(state.strings[`labels.ui.${key}`] ?? key, params);
/** rows shown per table; the counts above them are complete */
const SHOWN = 200;

function render(): void {
  document.documentElement.lang = state.locale;
  clear(root);
  const preview = h('div', { className: 'labels-preview', 'aria-live': 'polite', 'data-preview': '' });
  const input = h('input', { type: 'file', name: 'file', id: 'f-file', accept: '.csv,.txt,text/csv,text/plain' });
  input.addEventListener('change', () => void readFile(input, preview));
  append(root, [
    h(
      'div',
      { className: 'labels-form' },
      select(
        'format',
        s('format'),
        [{ value: 'auto', label: s('detect') }, ...state.formats.map((f) => ({ value: f.id, label: f.title }))],
        'auto',
        () => void (file ? previewFile(preview) : undefined),
      ),
      h('div', { className: 'field' }, h('label', { for: 'f-file' }, s('file')), input),
    ),
    preview,
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'btn btn-text', type: 'button', onclick: () => closeDialog() }, s('close')),
    ),
  ]);
}

const formatChoice = () =>
  (root.querySelector('[name="format"]') as HTMLSelectElement).value as LabelImportRequest['format'];

async function readFile(input: HTMLInputElement, preview: HTMLElement): Promise<void> {
  const chosen = input.files?.[0];
  file = null;
  clear(preview);
  if (!chosen) return;
  if (chosen.size > state.maxBytes) {
    const mb = Math.floor(state.maxBytes / 1_000_000);
    append(preview, [h('p', { className: 'notice notice-error', role: 'alert' }, s('tooLarge', { mb }))]);
    return;
  }
  append(preview, [h('p', { className: 'slips-note' }, s('reading'))]);
  const bytes = await new Promise<Uint8Array>((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => fail(reader.error ?? new Error(chosen.name));
    reader.readAsArrayBuffer(chosen);
  });
  file = { format: formatChoice(), fileName: chosen.name, base64: base64OfBytes(bytes) };
  await previewFile(preview);
}

async function previewFile(preview: HTMLElement): Promise<void> {
  if (!file) return;
  file = { ...file, format: formatChoice() };
  const req = file;
  clear(preview);
  append(preview, [h('p', { className: 'slips-note' }, s('reading'))]);
  try {
    const plan = await call('labelImportPreview', req);
    showPlan(preview, plan, req);
  } catch (err) {
    clear(preview);
    append(preview, [h('p', { className: 'notice notice-error', role: 'alert' }, (err as Error).message)]);
  }
}

function table(caption: string, head: string[], rows: (string | number)[][], attr: string): HTMLElement | null {
  if (rows.length === 0) return null;
  const shown = rows.slice(0, SHOWN);
  return h(
    'table',
    { className: 'labels-table', [attr]: '' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, s(`col.${c}`))))),
    h('tbody', {}, ...shown.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, String(v)))))),
    rows.length > SHOWN
      ? h('tfoot', {}, h('tr', {}, h('td', { colspan: head.length }, s('more', { count: rows.length - SHOWN }))))
      : null,
  );
}

function showPlan(preview: HTMLElement, plan: LabelImportPlanView, req: LabelImportRequest): void {
  clear(preview);
  if (plan.refused) {
    append(
      preview,
      plan.lines.map((l) => h('p', { className: 'notice notice-error', role: 'alert', 'data-refused': '' }, l)),
    );
    return;
  }
  const title = state.formats.find((f) => f.id === plan.format)?.title ?? String(plan.format);
  const count = (key: string, n: number, bad = false) =>
    h('li', { className: bad && n > 0 ? 'bad' : '', [`data-count-${key}`]: String(n) }, s(key, { count: n }));
  const apply = h(
    'button',
    { className: 'btn btn-primary', type: 'button', 'data-action': 'apply', disabled: plan.fills.length === 0 },
    s('apply'),
  );
  apply.addEventListener('click', () => void applyFile(apply, preview, req));
  append(preview, [
    h('p', { className: 'labels-summary', 'data-format': plan.format ?? '' }, s('formatRead', { format: title })),
    plan.applied ? h('p', { className: 'done', 'data-applied': '' }, s('applied')) : null,
    h(
      'ul',
      { className: 'labels-counts' },
      count('fills', plan.fills.length),
      count('unchanged', plan.unchanged),
      count('conflicts', plan.conflicts.length, true),
      count('unknown', plan.unknown.length, true),
      count('invalid', plan.invalid.length, true),
    ),
    h(
      'div',
      { className: 'labels-tables' },
      table(
        s('fills', { count: plan.fills.length }),
        ['row', 'shop', 'key', 'tracking', 'shippedOn'],
        plan.fills.map((f) => [f.row, f.shop, f.key, f.tracking, f.shippedOn]),
        'data-fills',
      ),
      table(
        s('conflicts', { count: plan.conflicts.length }),
        ['row', 'line', 'shop', 'key', 'sheet', 'file'],
        plan.conflicts.map((c) => [c.row, c.line, c.shop, c.key, c.sheet, c.file]),
        'data-conflicts',
      ),
      table(
        s('unknown', { count: plan.unknown.length }),
        ['line', 'key'],
        plan.unknown.map((u) => [u.line, u.key]),
        'data-unknown',
      ),
      table(
        s('invalid', { count: plan.invalid.length }),
        ['line', 'key', 'value'],
        plan.invalid.map((i) => [i.line, i.key, i.value]),
        'data-invalid',
      ),
    ),
    lineList(plan.lines, 'data-lines'),
    plan.applied ? null : h('div', { className: 'actions' }, apply),
    !plan.applied && plan.fills.length === 0 ? h('p', { className: 'slips-note' }, s('nothing')) : null,
  ]);
}

async function applyFile(btn: HTMLButtonElement, preview: HTMLElement, req: LabelImportRequest): Promise<void> {
  btn.disabled = true;
  btn.textContent = s('applying');
  try {
    showPlan(preview, await call('labelImportApply', req), req);
  } catch (err) {
    append(preview, [h('p', { className: 'notice notice-error', role: 'alert' }, (err as Error).message)]);
    btn.disabled = false;
    btn.textContent = s('apply');
  }
}

if (root)
  call('labelImportGetState', {})
    .then((st) => {
      state = st;
      render();
    })
    .catch((err: Error) =>
      root.appendChild(h('div', { className: 'notice notice-error', role: 'alert' }, err.message)),
    );
