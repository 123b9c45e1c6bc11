import { type CellStyle, type ColumnSpan, LAYOUT_MARK, type LayoutChange } from '../../ports';
import { columnRuns } from './write-plan';

/**
 * Layout helpers shared by every tab the engine styles (docs/contract.md §2 Layout). The counts below are
 * what src/gas/sheet.ts does in Apps Script, so the benchmark charges a layout what it really costs.
 */

/** Spans (1-based) of 0-based sheet columns. */
export function spansOf(columns: readonly number[]): ColumnSpan[] {
  return columnRuns(columns).map(([first, last]) => ({ first: first + 1, last: last + 1 }));
}

/** A custom formula that is ours: `cond` AND the mark, which is always true (N of a text is 0). */
export function markedFormula(cond: string): string {
  return `=AND(${cond},N("${LAYOUT_MARK}")=0)`;
}

export function isMarkedFormula(formula: string): boolean {
  return formula.includes(`N("${LAYOUT_MARK}")`);
}

/** A1 column letters of a 1-based column. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The header spans a change styles, each with its row (1 unless the change names one) and style. */
export function headerSpans(change: LayoutChange): { row: number; first: number; last: number; style: CellStyle }[] {
  const { header } = change;
  if (!header) return [];
  return header.spans.map((s) => ({ row: header.row ?? 1, first: s.first, last: s.last, style: header.style }));
}

const styleCalls = (s: CellStyle) => [s.background, s.fontColor, s.bold].filter((v) => v !== undefined).length;

/** Widths given one call per run of adjacent columns of equal width (Sheet.setColumnWidths). */
export function widthGroups(
  widths: readonly { col: number; px: number }[],
): { first: number; count: number; px: number }[] {
  const sorted = [...widths].sort((a, b) => a.col - b.col);
  const groups: { first: number; count: number; px: number }[] = [];
  for (const w of sorted) {
    const g = groups[groups.length - 1];
    if (g && g.px === w.px && g.first + g.count === w.col) g.count++;
    else groups.push({ first: w.col, count: 1, px: w.px });
  }
  return groups;
}

/**
 * Spreadsheet service calls the Apps Script adapter makes for a change: one per setter, one per width
 * group, one per validated column, get + set for the conditional rules, and for protections the lookup,
 * one removal per earlier span (assumed as many as now) and protect + description + warning-only per span.
 */
export function layoutCalls(change: LayoutChange): number {
  let n = 0;
  const needsRows = change.validations?.length || change.highlights || change.protect;
  if (needsRows) n++; // getMaxRows
  if (change.frozenRows !== undefined) n++;
  if (change.header) n += change.header.spans.length * styleCalls(change.header.style);
  if (change.widths) n += widthGroups(change.widths).length;
  if (change.validations) n += change.validations.length;
  if (change.highlights) n += 2;
  if (change.protect) n += 1 + change.protect.length * 4;
  if (change.chart) n += 3; // getCharts, removeChart, insertChart
  return n;
}

export function isEmptyChange(change: LayoutChange): boolean {
  return Object.values(change).every((v) => v === undefined);
}
