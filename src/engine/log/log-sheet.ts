import { type MessageKey, translate } from '../../i18n';
import type { CellValue, SheetPort, SpreadsheetPort } from '../../ports';
import type { Locale } from '../settings/schema';
import { formatDateTime, zonedTimeToEpoch } from '../text/dates';
import { cellText, looseKey, toSheetValue } from '../text/sheet-text';

/**
 * ログ / Log (docs/contract.md §2): one row per run and shop. The engine owns the tab; columns are still found by
 * header text in either locale, so a user may reorder them or add notes beside them.
 */

export type LogTrigger = 'manual' | 'auto';
export type LogAction = 'fetch' | 'export' | 'check' | 'labels' | 'slips';

export interface LogRow {
  time: number;
  trigger: LogTrigger;
  action: LogAction;
  /** '' for a line about the whole run (busy, invalid settings) */
  shop: string;
  /** counts that do not apply to the action stay blank */
  fetched?: number;
  new?: number;
  updated?: number;
  exported?: number;
  failed?: number;
  durationMs?: number;
  message: string;
}

/** Rows the Log keeps; it may grow a tenth past that before one trim. */
const MAX_LOG_ROWS = 5000;

export const LOG_SHEET_NAMES = { ja: 'ログ', en: 'Log' } as const;

type Field =
  | 'time'
  | 'trigger'
  | 'action'
  | 'shop'
  | 'fetched'
  | 'new'
  | 'updated'
  | 'exported'
  | 'failed'
  | 'duration'
  | 'message';
const COLUMNS: { field: Field; key: MessageKey }[] = [
  { field: 'time', key: 'log.col.time' },
  { field: 'trigger', key: 'log.col.trigger' },
  { field: 'action', key: 'log.col.action' },
  { field: 'shop', key: 'log.col.shop' },
  { field: 'fetched', key: 'log.col.fetched' },
  { field: 'new', key: 'log.col.new' },
  { field: 'updated', key: 'log.col.updated' },
  { field: 'exported', key: 'log.col.exported' },
  { field: 'failed', key: 'log.col.failed' },
  { field: 'duration', key: 'log.col.duration' },
  { field: 'message', key: 'log.col.message' },
];
const TRIGGER_KEYS: Record<LogTrigger, MessageKey> = { manual: 'log.trigger.manual', auto: 'log.trigger.auto' };
const ACTION_KEYS: Record<LogAction, MessageKey> = {
  fetch: 'log.action.fetch',
  export: 'log.action.export',
  check: 'log.action.check',
  labels: 'log.action.labels',
  slips: 'log.action.slips',
};

function findLogSheet(book: SpreadsheetPort): SheetPort | null {
  return book.getSheet(LOG_SHEET_NAMES.ja) ?? book.getSheet(LOG_SHEET_NAMES.en);
}

function columnsAt(header: readonly CellValue[]): Map<Field, number> {
  const at = new Map<Field, number>();
  header.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const c = COLUMNS.find(
      (x) => looseKey(cell) === looseKey(translate('ja', x.key)) || looseKey(cell) === looseKey(translate('en', x.key)),
    );
    if (c && !at.has(c.field)) at.set(c.field, i);
  });
  return at;
}

/**
 * Appends every row of a run. Writing them is ONE spreadsheet call (one read finds the end and the
 * columns); a new tab is created with its header in that same write.
 */
export function appendLog(
  book: SpreadsheetPort,
  rows: readonly LogRow[],
  opts: { locale: Locale; timezone: string; maxRows?: number },
): void {
  if (rows.length === 0) return;
  const { locale, timezone, maxRows = MAX_LOG_ROWS } = opts;
  let sheet = findLogSheet(book);
  let grid: CellValue[][] = [];
  let at: Map<Field, number>;
  let headerOut: CellValue[] | null = null;
  if (sheet) grid = sheet.readAll();
  else sheet = book.insertSheet(LOG_SHEET_NAMES[locale]);
  if (grid.length === 0) {
    at = new Map(COLUMNS.map((c, i) => [c.field, i]));
    headerOut = COLUMNS.map((c) => translate(locale, c.key));
  } else {
    at = columnsAt(grid[0]);
    const missing = COLUMNS.filter((c) => !at.has(c.field));
    if (missing.length > 0) {
      // a deleted column comes back at the right end; the header row is rewritten with it
      const header = [...grid[0]];
      for (const c of missing) {
        at.set(c.field, header.length);
        header.push(translate(locale, c.key));
      }
      sheet.writeBlock(1, 1, [header]);
      grid[0] = header;
    }
  }
  const width = Math.max(...at.values()) + 1;
  const block = rows.map((r) => {
    const out: CellValue[] = new Array<CellValue>(width).fill('');
    const put = (f: Field, v: CellValue) => {
      const i = at.get(f);
      // every column was placed above (a missing one was appended to the header)
      if (i === undefined) throw new Error(`Log: no column for ${f}`);
      out[i] = v;
    };
    put('time', toSheetValue(formatDateTime(r.time, timezone), 'date'));
    put('trigger', translate(locale, TRIGGER_KEYS[r.trigger]));
    put('action', translate(locale, ACTION_KEYS[r.action]));
    put('shop', toSheetValue(r.shop, 'plain'));
    for (const f of ['fetched', 'new', 'updated', 'exported', 'failed'] as const) put(f, r[f] ?? '');
    put('duration', r.durationMs === undefined ? '' : Math.round(r.durationMs / 100) / 10);
    put('message', toSheetValue(r.message, 'plain'));
    return out;
  });
  if (headerOut) sheet.writeBlock(1, 1, [headerOut, ...block]);
  else if (grid.length - 1 + block.length > maxRows + Math.ceil(maxRows / 10))
    sheet.writeBlock(2, 1, trimmed(grid.slice(1), block, maxRows));
  else sheet.writeBlock(grid.length + 1, 1, block);
}

/**
 * The Log keeps the newest rows only (a 5-minute timer over three shops adds ~900 rows a day; a sheet has
 * 10 million cells and every run reads the tab). Trimming happens in batches, in the same one write: the
 * kept rows move up and the rows freed at the bottom are blanked.
 */
function trimmed(old: CellValue[][], block: CellValue[][], maxRows: number): CellValue[][] {
  const width = Math.max(...old.map((r) => r.length), ...block.map((r) => r.length));
  // values read back are what cells show: text that would parse again (a formula, a number) keeps its '
  const again = old.map((r) => r.map((v) => (typeof v === 'string' ? toSheetValue(v, 'plain') : v)));
  const all = [...again, ...block].map((r) => [...r, ...new Array<CellValue>(width - r.length).fill('')]);
  const kept = all.slice(-maxRows);
  const blanks = Array.from({ length: all.length - kept.length }, () => new Array<CellValue>(width).fill(''));
  return [...kept, ...blanks];
}

/** The Log's rows read back (for the check's export success rate); rows it cannot read are skipped. */
export function readLog(book: SpreadsheetPort, timezone: string): LogRow[] {
  const sheet = findLogSheet(book);
  if (!sheet) return [];
  const grid = sheet.readAll();
  const at = columnsAt(grid[0] ?? []);
  const out: LogRow[] = [];
  for (const row of grid.slice(1)) {
    const get = (f: Field): CellValue => {
      const i = at.get(f);
      return i === undefined ? '' : (row[i] ?? '');
    };
    const time = timeOf(get('time'), timezone);
    const trigger = labelOf(get('trigger'), TRIGGER_KEYS);
    const action = labelOf(get('action'), ACTION_KEYS);
    if (time === null || !trigger || !action) continue;
    const num = (f: Field) => {
      const v = get(f);
      return typeof v === 'number'
        ? v
        : v === '' || v === null
          ? undefined
          : Number.isFinite(Number(v))
            ? Number(v)
            : undefined;
    };
    out.push({
      time,
      trigger,
      action,
      shop: cellText(get('shop'), timezone),
      fetched: num('fetched'),
      new: num('new'),
      updated: num('updated'),
      exported: num('exported'),
      failed: num('failed'),
      message: cellText(get('message'), timezone),
    });
  }
  return out;
}

function timeOf(v: CellValue, timezone: string): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(
    String(v ?? '').replace(/^'/, ''),
  );
  return m ? zonedTimeToEpoch(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), timezone) : null;
}

function labelOf<K extends string>(v: CellValue, keys: Record<K, MessageKey>): K | null {
  const text = looseKey(String(v ?? ''));
  for (const k of Object.keys(keys) as K[]) {
    if (text === looseKey(translate('ja', keys[k])) || text === looseKey(translate('en', keys[k]))) return k;
  }
  return null;
}
