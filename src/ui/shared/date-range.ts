import { isCalendarDate } from '../../engine/text/dates';

/**
 * The date-range rules, shared by the dialog (instant feedback) and the server (which decides).
 * Dates are calendar days YYYY-MM-DD in the settings' time zone; both days are included.
 */

/** the longest range one fetch may ask for: the same bound as a shop's `days` (docs/contract.md §4 schema) */
export const MAX_RANGE_DAYS = 365;

export type RangeProblem = { field: 'from' | 'to'; code: 'errDate' | 'errOrder' | 'errFuture' | 'errTooLong' };

/** Day number (days since 1970-01-01) of a real calendar date, or null (2026-02-30 is not one). */
export function dayNumber(ymd: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? Math.round(Date.UTC(y, mo - 1, d) / 86_400_000) : null;
}

/** Every problem of a range, given today's date in the same time zone. */
export function rangeProblems(from: string, to: string, today: string): RangeProblem[] {
  const f = dayNumber(from);
  const t = dayNumber(to);
  const problems: RangeProblem[] = [];
  const now = dayNumber(today);
  if (f === null) problems.push({ field: 'from', code: 'errDate' });
  if (t === null) problems.push({ field: 'to', code: 'errDate' });
  else if (now !== null && t > now) problems.push({ field: 'to', code: 'errFuture' });
  if (f === null || t === null) return problems;
  if (f > t) problems.push({ field: 'to', code: 'errOrder' });
  else if (t - f + 1 > MAX_RANGE_DAYS) problems.push({ field: 'from', code: 'errTooLong' });
  return problems;
}
