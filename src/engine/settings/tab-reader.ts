import { translate } from '../../i18n';
import type { CellValue } from '../../ports';
import type { MallConnector } from '../connector';
import { cellText, looseKey } from '../text/sheet-text';
import { type BlockId, blockOf, findColumns, GENERAL_FIELDS, type GeneralField, type ShopColumn } from './tab-layout';

/**
 * The Settings tab's contents as typed, before validation (docs/settings-tab.md): where the blocks are, the
 * general entries, the table rows by header, and the words a cell may hold. The engine's loadSettingsFromBook
 * and the sidebar's SettingsTabDocument both read the tab through this, so they agree on its layout.
 */

/** A table block: its header row and the data rows after it, up to the next block (0-based grid rows). */
export interface TabBlock {
  header: number;
  rows: number[];
}

export interface TabBlocks {
  general: number[];
  /** label | value rows like general's: ご依頼主 and label settings */
  shipper: number[];
  /** label | value rows like general's: where alerts go */
  alerts: number[];
  shops: TabBlock | null;
  carriers: TabBlock | null;
}

export interface TabCells {
  grid: CellValue[][];
  /** a cell's text, trimmed ('' outside the grid) */
  text: (r: number, c: number) => string;
  blocks: TabBlocks;
}

export function readTabCells(grid: CellValue[][]): TabCells {
  const text = (r: number, c: number) => cellText(grid[r]?.[c] ?? '', 'UTC').trim();
  return { grid, text, blocks: findBlocks(grid, text) };
}

function findBlocks(grid: CellValue[][], text: (r: number, c: number) => string): TabBlocks {
  const starts: { id: BlockId; row: number }[] = [];
  grid.forEach((row, r) => {
    // a marker row holds the marker alone; it need not stay in column A once the user moves columns
    const filled = row.map((_, c) => text(r, c)).filter((v) => v !== '');
    const id = filled.length === 1 ? blockOf(filled[0]) : null;
    if (id && !starts.some((s) => s.id === id)) starts.push({ id, row: r });
  });
  const out: TabBlocks = { general: [], shipper: [], alerts: [], shops: null, carriers: null };
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].row : grid.length;
    const rows = Array.from({ length: end - s.row - 1 }, (_, k) => s.row + 1 + k);
    if (s.id === 'general' || s.id === 'shipper' || s.id === 'alerts') out[s.id] = rows;
    else {
      // the header is the first non-blank row of the block
      const header = rows.find((r) => (grid[r] ?? []).some((_, c) => text(r, c) !== ''));
      if (header !== undefined) out[s.id] = { header, rows: rows.filter((r) => r > header) };
    }
  });
  return out;
}

/** One general-block entry: the row's first filled cell is its label, the next cell its value. */
export interface GeneralEntry {
  field: GeneralField;
  row: number;
  /** the value's column */
  col: number;
  /** as typed, locale words turned into ja/en; '' when blank */
  value: string;
}

export function generalEntries({ grid, text, blocks }: TabCells): GeneralEntry[] {
  const out: GeneralEntry[] = [];
  // an entry may sit in either label | value block
  for (const r of [...blocks.general, ...blocks.shipper, ...blocks.alerts]) {
    const c = (grid[r] ?? []).findIndex((_, i) => text(r, i) !== '');
    if (c < 0) continue;
    const label = looseKey(text(r, c));
    for (const [field, key] of Object.entries(GENERAL_FIELDS) as [
      GeneralField,
      (typeof GENERAL_FIELDS)[GeneralField],
    ][]) {
      if (label !== looseKey(translate('ja', key)) && label !== looseKey(translate('en', key))) continue;
      const v = text(r, c + 1);
      out.push({ field, row: r, col: c + 1, value: field === 'locale' ? localeWord(v) : v });
    }
  }
  return out;
}

/** A table block's data row: `get` reads a column by field ('' when the tab has no such column). */
export interface TableRow {
  row: number;
  get: (field: string) => string;
}

export interface Table {
  /** column index per field, found by header text in either locale */
  at: Map<string, number>;
  rows: TableRow[];
}

export function readTable(
  { grid, text }: TabCells,
  block: TabBlock,
  columns: readonly { field: string; label: Record<'ja' | 'en', string> }[],
): Table {
  const at = findColumns(grid[block.header] ?? [], columns);
  const rows = block.rows.map((r) => ({
    row: r,
    get: (field: string) => {
      const i = at.get(field);
      return i === undefined ? '' : text(r, i);
    },
  }));
  return { at, rows };
}

/** True when any column of the given kinds is filled in the row: blank rows are no shop. */
export function rowFilled(
  row: TableRow,
  columns: readonly ShopColumn[],
  counts: (kind: ShopColumn['kind']) => boolean,
): boolean {
  return columns.some((col) => counts(col.kind) && row.get(col.field) !== '');
}

/** A carrier row's filled cells by field, or null for a blank row. */
export function carrierEntry(row: TableRow, at: Map<string, number>): Record<string, string> | null {
  const entry: Record<string, string> = {};
  for (const field of at.keys()) if (row.get(field) !== '') entry[field] = row.get(field);
  return Object.keys(entry).length > 0 ? entry : null;
}

/** The mall a shop row names, by id or label. */
export function mallOf(connectors: readonly MallConnector[], mallText: string): MallConnector | undefined {
  return connectors.find((c) => looseKey(c.id) === looseKey(mallText) || looseKey(c.label) === looseKey(mallText));
}

const TRUE_WORDS = ['true', '1', 'yes', 'on', 'はい', '有効', 'する', '✓', '○', '◯'];
const FALSE_WORDS = ['false', '0', 'no', 'off', 'いいえ', '無効', 'しない', '×', '-'];

/** A cell typed as the column expects; anything else goes through as text and the schema names it. */
export function parseCell(v: string, kind: ShopColumn['kind']): unknown {
  if (kind === 'number') {
    const n = Number(v.normalize('NFKC').replace(/,/g, ''));
    return Number.isFinite(n) ? n : v;
  }
  if (kind === 'boolean') {
    const k = looseKey(v);
    if (TRUE_WORDS.includes(k)) return true;
    if (FALSE_WORDS.includes(k)) return false;
    return v;
  }
  if (kind === 'list') return v.split(/[,、，\s]+/).filter((s) => s !== '');
  return v;
}

export function localeWord(v: string): string {
  const k = looseKey(v);
  if (k === 'ja' || k === '日本語' || k === 'japanese') return 'ja';
  if (k === 'en' || k === '英語' || k === 'english') return 'en';
  return v;
}

/** What a blank cell means (docs/settings-tab.md): on, no auto fetch, no auto export; fetch defaults are parse.ts's. */
export function withBlankDefaults(shop: Record<string, unknown>): void {
  shop.enabled ??= true;
  shop.autoFetchMinutes ??= 0;
  shop.autoExport ??= false;
}
