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

/** Splits [from, to) into windows of at most 90 days (§3 Maximum range), oldest first. */
export function splitWindows(from: number, to: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let start = from; start < to; start += MAX_WINDOW_MS) out.push({ from: start, to: Math.min(to, start + MAX_WINDOW_MS) });
  return out;
}

/** The inclusive 14-digit search bounds of [from, to): the end is the last whole second before to. */
export function searchBounds(w: { from: number; to: number }): { start: string; end: string } {
  return { start: jstStamp(w.from), end: jstStamp(Math.max(w.from, w.to - 1000)) };
}
