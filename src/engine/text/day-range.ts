import { isCalendarDate, zonedTimeToEpoch } from './dates';

/**
 * A user-typed day range (YYYY-MM-DD, both days included) → the engine's [from, to) in epoch ms, midnight
 * in the shops' time zone. Pure: the date-range dialog's server side and the CLI's --from/--to use it.
 */
export type DayRangeResult =
  | { ok: true; from: number; to: number }
  | { ok: false; field: 'from' | 'to' | 'order'; value: string };

export function parseDayRange(fromText: string, toText: string, timeZone: string): DayRangeResult {
  const from = parseDay(fromText);
  if (!from) return { ok: false, field: 'from', value: fromText };
  const to = parseDay(toText);
  if (!to) return { ok: false, field: 'to', value: toText };
  const fromMs = zonedTimeToEpoch(from.y, from.mo, from.d, 0, 0, 0, timeZone);
  const next = new Date(Date.UTC(to.y, to.mo - 1, to.d + 1));
  const toMs = zonedTimeToEpoch(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, timeZone);
  if (toMs <= fromMs) return { ok: false, field: 'order', value: `${fromText} > ${toText}` };
  return { ok: true, from: fromMs, to: toMs };
}

/** YYYY-MM-DD or YYYY/MM/DD, a real calendar day. */
function parseDay(text: string): { y: number; mo: number; d: number } | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? { y, mo, d } : null;
}
