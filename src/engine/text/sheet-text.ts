import type { CellValue } from '../../ports';
import { formatDateTime, zonedTimeToEpoch } from './dates';

/**
 * Text safety for values going into the sheet (docs/contract.md §2, docs/apps-script.md §C5): Sheets turns
 * a string starting with = or + into a formula, and OWASP lists = + - @ tab CR. A leading apostrophe makes
 * the cell show the text as it is. A string that itself starts with ' gets one too, or Sheets would eat it.
 */
const TRIGGER = /^[=+\-@\t\r']/;

/** Strings Sheets would turn into a number, a date or a boolean when the cell is not formatted as text. */
const COERCIBLE =
  /^\s*([+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?|\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2})?|true|false)\s*$/i;

/** How a column's cells are typed in the sheet. */
export type CellKind = 'text' | 'plain' | 'number' | 'date';

/** The value to hand writeBlock so that the cell ends up holding `value` as intended. */
export function toSheetValue(value: CellValue, kind: CellKind): CellValue {
  if (value === null) return '';
  if (typeof value !== 'string') return value;
  if (value === '') return '';
  // 'date' strings are meant to become date cells; everything else must stay the text it is.
  if (kind === 'date') return TRIGGER.test(value) ? `'${value}` : value;
  if (TRIGGER.test(value)) return `'${value}`;
  if (kind !== 'text' && COERCIBLE.test(value)) return `'${value}`;
  return value;
}

/** A cell as comparable text: Date cells in the configured zone, numbers plainly, '' for empty. */
export function cellText(value: CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDateTime(value.getTime(), timeZone);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

const CELL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A date-time cell as epoch ms: a Date (Sheets' getValues), or 'yyyy-MM-dd HH:mm' text in the zone; else null. */
export function cellTime(cell: CellValue, timeZone: string): number | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.getTime();
  const m = CELL_TIME.exec(cellText(cell, timeZone).trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  return zonedTimeToEpoch(y, mo, d, h, mi, s, timeZone);
}

/** NFKC, trimmed, case-folded: for matching header texts, status labels and carrier names. */
export function looseKey(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Characters a cell of an .xlsx file (XML 1.0) cannot hold: C0 controls other than tab, LF and CR, unpaired
 * surrogates, U+FFFE and U+FFFF. An xlsx writer drops them, so a value would change between two runs.
 */
const NOT_IN_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first such character as `U+0000`, or null when the text is fine. */
export function cellUnsafeChar(s: string): string | null {
  const m = NOT_IN_XML.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The text with such characters written as \\u0000, for naming it in a message. */
export function showUnsafeChars(s: string): string {
  return s.replace(new RegExp(NOT_IN_XML.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
