import type { CellValue } from '../../ports';
import { looseKey } from '../text/sheet-text';
import { COLUMNS, type ColumnId } from './columns';

/** Header text (either locale, NFKC, case-insensitive) → column id. */
const BY_HEADER = new Map<string, ColumnId>();
for (const c of COLUMNS) {
  BY_HEADER.set(looseKey(c.ja), c.id);
  BY_HEADER.set(looseKey(c.en), c.id);
}

export interface HeaderLayout {
  /** 0-based sheet column of each engine-known column found */
  at: Partial<Record<ColumnId, number>>;
  /** known columns absent from the header row, in COLUMNS order */
  missing: ColumnId[];
  /** a known header seen again: the later column is ignored */
  duplicates: { id: ColumnId; header: string; first: number; again: number }[];
}

/** Finds columns by header text, never by position (docs/contract.md §2): users reorder and insert columns. */
export function discoverHeaders(headerRow: readonly CellValue[]): HeaderLayout {
  const at: Partial<Record<ColumnId, number>> = {};
  const duplicates: HeaderLayout['duplicates'] = [];
  headerRow.forEach((cell, col) => {
    const id = typeof cell === 'string' ? BY_HEADER.get(looseKey(cell)) : undefined;
    if (!id) return;
    const first = at[id];
    if (first === undefined) at[id] = col;
    else duplicates.push({ id, header: String(cell), first, again: col });
  });
  const missing = COLUMNS.map((c) => c.id).filter((id) => at[id] === undefined);
  return { at, missing, duplicates };
}
