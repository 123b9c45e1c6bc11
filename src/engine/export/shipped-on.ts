import type { CellValue } from '../../ports';
import { formatDate, isCalendarDate } from '../text/dates';

export type ShippedOn = { kind: 'empty' } | { kind: 'date'; date: string } | { kind: 'invalid'; text: string };

const FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/**
 * 出荷日 (docs/contract.md §2): a date cell (read in the configured zone) or text 2026-11-22, 2026/11/22, 2026.11.22,
 * 2026年11月22日, full-width digits included. Anything else is reported, never guessed.
 */
export function readShippedOn(cell: CellValue, timeZone: string): ShippedOn {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime())
      ? { kind: 'invalid', text: '' }
      : { kind: 'date', date: formatDate(cell.getTime(), timeZone) };
  }
  const text = cell === null ? '' : String(cell).trim();
  if (!text) return { kind: 'empty' };
  const t = text.normalize('NFKC').replace(/\s+/g, ' ');
  for (const form of FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isCalendarDate(y, mo, d))
      return { kind: 'date', date: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
  }
  return { kind: 'invalid', text };
}
