import { z } from 'zod';
import type { PropertiesPort, SheetPort } from '../../ports';

/**
 * The Settings tab's validation messages as notes on the cells they are about (docs/settings-tab.md
 * Errors): set when a run finds the cell invalid, removed once it is fixed. The notes last written are
 * remembered in document properties, so a run whose messages are the same as the last one's makes no
 * spreadsheet call; a change costs one setNotes over the rectangle of the old and new cells.
 */

const NOTES_KEY = 'notes:settings';
const NotesSchema = z.object({ notes: z.array(z.tuple([z.number().int(), z.number().int(), z.string()])) });

/** A message on one cell, 1-based. */
export interface CellNote {
  row: number;
  col: number;
  text: string;
}

/** 1-based row and column of an A1 reference such as `設定!D7` (null when it names no single cell). */
export function cellPosition(ref: string): { row: number; col: number } | null {
  const m = /(?:^|!)\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

function remembered(props: PropertiesPort): CellNote[] {
  try {
    const parsed = NotesSchema.safeParse(JSON.parse(props.get(NOTES_KEY) ?? 'null'));
    return parsed.success ? parsed.data.notes.map(([row, col, text]) => ({ row, col, text })) : [];
  } catch {
    return [];
  }
}

/** Puts `wanted` on the tab and takes off the notes of ours it no longer has; nothing when both are the same. */
export function syncSettingsNotes(sheet: SheetPort, props: PropertiesPort, wanted: readonly CellNote[]): void {
  const byCell = new Map<string, CellNote>();
  // two messages on one cell share its note, one line each
  for (const n of wanted) {
    const k = `${n.row},${n.col}`;
    const had = byCell.get(k);
    byCell.set(k, had ? { ...had, text: `${had.text}\n${n.text}` } : n);
  }
  const next = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const before = remembered(props);
  const same = (a: CellNote[], b: CellNote[]) =>
    a.length === b.length && a.every((n, i) => n.row === b[i].row && n.col === b[i].col && n.text === b[i].text);
  if (same(before, next)) return;
  const cells = [...before, ...next];
  const top = Math.min(...cells.map((n) => n.row));
  const left = Math.min(...cells.map((n) => n.col));
  const bottom = Math.max(...cells.map((n) => n.row));
  const right = Math.max(...cells.map((n) => n.col));
  const grid: (string | null)[][] = Array.from({ length: bottom - top + 1 }, () =>
    new Array<string | null>(right - left + 1).fill(null),
  );
  for (const n of next) grid[n.row - top][n.col - left] = n.text;
  sheet.setNotes(top, left, grid);
  if (next.length === 0) props.delete(NOTES_KEY);
  else props.set(NOTES_KEY, JSON.stringify({ notes: next.map((n) => [n.row, n.col, n.text]) }));
}
