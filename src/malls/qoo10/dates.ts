import { MAX_WINDOW_MS } from './protocol';

/**
 * Qoo10 speaks Japan time without an offset (docs/malls/qoo10.md §3 Value formats, §6.2). Japan has no DST,
 * so a fixed +9 h is exact and independent of the runtime's time zone.
 */
const JST_MS = 9 * 3_600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** yyyyMMddHHmmss in JST (the 14-digit search form). */
export function jstStamp(epochMs: number): string {
  const d = new Date(epochMs + JST_MS);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

/** yyyy-MM-dd in JST. */
export function jstDay(epochMs: number): string {
  const s = jstStamp(epochMs);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * Reads "YYYY-MM-DD HH:MM:SS" (or a date alone, '/' separators, 'T') as JST; null when empty or
 * unreadable (Qoo10 leaves unset dates blank).
 */
export function parseJstDateTime(s: string | null | undefined): number | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec((s ?? '').trim());
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (y < 2000) return null; // "1900-01-01" is Qoo10's way of saying "not set"
  return Date.UTC(y, mo - 1, d, h, mi, se) - JST_MS;
}

/** Splits [from, to) into windows of at most 89 days (MAX_WINDOW_MS), oldest first. */
export function splitWindows(from: number, to: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let start = from; start < to; start += MAX_WINDOW_MS)
    out.push({ from: start, to: Math.min(to, start + MAX_WINDOW_MS) });
  return out;
}

/**
 * The inclusive 14-digit search bounds of [from, to): the end is the second `to` falls in, so a claim stamped
 * in the seconds before a fetch started is seen by it (docs/malls/qoo10.md §3). Neighbouring windows share that
 * second; rows are upserted by their keys, so a row seen twice is written once.
 */
export function searchBounds(w: { from: number; to: number }): { start: string; end: string } {
  return { start: jstStamp(w.from), end: jstStamp(Math.max(w.from, w.to)) };
}

/** "YYYY-MM-DD" read as that JST day's start (epoch ms); null when it is not a real date. */
export function jstDate(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return jstDay(t - JST_MS) === day.trim() ? t - JST_MS : null;
}

/** The same JST calendar day one year later (a key issued 2026-03-01 expires 2027-03-01). */
export function oneYearLater(epochMs: number): number {
  const d = new Date(epochMs + JST_MS);
  return Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()) - JST_MS;
}
