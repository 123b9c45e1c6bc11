import type { LabelFormat } from '../settings/schema';
import { LABEL_FORMAT_DEFS } from './formats';
import { halfWidth } from './normalize';

/**
 * The carrier's issued data, read back (docs/contract.md §3 Issued-data import): each line's key finds the rows
 * with that 送り状キー; an empty 伝票番号 is filled (with 出荷日 and 配送業者), an equal one left alone, a
 * different one never overwritten; unknown keys are reported. Pure: the run writes what this plans.
 */

export interface IssuedRecord {
  /** 1-based line of the file */
  line: number;
  key: string;
  tracking: string;
  /** YYYY/MM/DD, or '' when the file gives none */
  shippedOn: string;
}

export type IssuedParse = { ok: true; records: IssuedRecord[] } | { ok: false; missing: string[] };

const headerKey = (v: string) =>
  halfWidth(v)
    .replace(/[\s"']/g, '')
    .toLowerCase();

/** Reads the file's records by header name; a file without the key or tracking column is not of the format. */
export function parseIssued(format: LabelFormat, table: readonly (readonly string[])[]): IssuedParse {
  const layout = LABEL_FORMAT_DEFS[format].issued;
  if (!layout) return { ok: false, missing: [] };
  const headerAt = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  const header = (table[headerAt] ?? []).map(headerKey);
  const find = (names: string[]) => {
    const keys = new Set(names.map(headerKey));
    return header.findIndex((h) => keys.has(h));
  };
  const at = { key: find(layout.key), tracking: find(layout.tracking), shippedOn: find(layout.shippedOn) };
  const missing = [at.key < 0 ? layout.key[0] : '', at.tracking < 0 ? layout.tracking[0] : ''].filter((m) => m !== '');
  if (missing.length > 0) return { ok: false, missing };
  const records: IssuedRecord[] = [];
  table.forEach((r, i) => {
    if (i <= headerAt) return;
    const cell = (c: number) => (c >= 0 ? halfWidth(r[c] ?? '') : '');
    const key = cell(at.key);
    const tracking = cell(at.tracking);
    if (key === '' && tracking === '') return; // a blank line
    records.push({ line: i + 1, key, tracking, shippedOn: dateOf(cell(at.shippedOn)) });
  });
  return { ok: true, records };
}

/**
 * The format whose issued layout the file's header has (B2, e飛伝Ⅱ and ゆうプリR name their key columns
 * differently), or null when none fits: the import dialog's "detect" choice.
 */
export function detectIssuedFormat(table: readonly (readonly string[])[]): LabelFormat | null {
  const formats = Object.keys(LABEL_FORMAT_DEFS) as LabelFormat[];
  return formats.find((f) => LABEL_FORMAT_DEFS[f].issued !== undefined && parseIssued(f, table).ok) ?? null;
}

/** YYYY/MM/DD from `2026/12/01`, `2026-12-01 10:20` or `20261201`; '' for anything else. */
function dateOf(v: string): string {
  const m = /^(\d{4})[/-]?(\d{1,2})[/-]?(\d{1,2})(?:\D.*)?$/.exec(v);
  if (!m) return '';
  return `${m[1]}/${m[2].padStart(2, '0')}/${m[3].padStart(2, '0')}`;
}

/** A tracking number as carriers print it: digits, maybe with hyphens (B2 and e飛伝 12 digits, ゆうパック 11–12). */
export function trackingOf(v: string): string | null {
  const digits = halfWidth(v).replace(/[-\s]/g, '');
  return /^\d{10,14}$/.test(digits) ? digits : null;
}

export interface IssuedRowInput {
  index: number;
  row: number;
  shop: string;
  labelKey: string;
  tracking: string;
  shippedOn: string;
}

export interface IssuedFill {
  index: number;
  row: number;
  shop: string;
  key: string;
  tracking: string;
  /** '' keeps the cell as it is (it was filled already) */
  shippedOn: string;
}

export interface IssuedPlan {
  fills: IssuedFill[];
  /** rows whose 伝票番号 already equals the file's */
  unchanged: number;
  conflicts: { line: number; key: string; row: number; shop: string; sheet: string; file: string }[];
  unknown: { line: number; key: string }[];
  invalid: { line: number; key: string; value: string }[];
}

export function planIssuedImport(
  rows: readonly IssuedRowInput[],
  records: readonly IssuedRecord[],
  today: string,
): IssuedPlan {
  const byKey = new Map<string, IssuedRowInput[]>();
  for (const r of rows) {
    const k = r.labelKey.trim();
    if (k === '') continue;
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const plan: IssuedPlan = { fills: [], unchanged: 0, conflicts: [], unknown: [], invalid: [] };
  const filled = new Map<number, string>(); // row index → tracking this import gives it
  for (const rec of records) {
    const tracking = trackingOf(rec.tracking);
    if (tracking === null || rec.key === '') {
      plan.invalid.push({ line: rec.line, key: rec.key, value: rec.tracking });
      continue;
    }
    const found = byKey.get(rec.key);
    if (!found) {
      plan.unknown.push({ line: rec.line, key: rec.key });
      continue;
    }
    for (const r of found) {
      const current = filled.get(r.index) ?? trackingOf(r.tracking) ?? r.tracking.trim();
      if (current === '') {
        filled.set(r.index, tracking);
        const shippedOn = r.shippedOn.trim() === '' ? rec.shippedOn || slashed(today) : '';
        plan.fills.push({ index: r.index, row: r.row, shop: r.shop, key: rec.key, tracking, shippedOn });
      } else if (current === tracking) {
        if (!filled.has(r.index)) plan.unchanged++;
      } else {
        plan.conflicts.push({
          line: rec.line,
          key: rec.key,
          row: r.row,
          shop: r.shop,
          sheet: r.tracking.trim() || current,
          file: tracking,
        });
      }
    }
  }
  return plan;
}

const slashed = (d: string) => `${d.slice(0, 4)}/${d.slice(4, 6)}/${d.slice(6, 8)}`;
