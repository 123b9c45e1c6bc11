/**
 * Date-times as the sheet shows them: 'yyyy-MM-dd HH:mm' in the configured time zone.
 * Intl.DateTimeFormat with timeZone works in Node and in Apps Script V8 alike.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wallClockSlow(ms: number, timeZone: string): WallClock {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/**
 * formatToParts is slow (tens of µs); a table of 50,000 rows compares many dates. Zone offsets change only at
 * quarter-hour boundaries, so the offset is looked up once per zone and quarter hour.
 */
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(ms: number, timeZone: string): number {
  let byQuarter = offsets.get(timeZone);
  if (!byQuarter) {
    byQuarter = new Map();
    offsets.set(timeZone, byQuarter);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const w = wallClockSlow(start, timeZone);
    offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - start;
    if (byQuarter.size > 50_000) byQuarter.clear();
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** The wall-clock fields of an instant in timeZone. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const t = new Date(ms + offsetAt(ms, timeZone));
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'yyyy-MM-dd HH:mm' in timeZone. */
export function formatDateTime(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}`;
}

/** 'yyyy-MM-dd' in timeZone. */
export function formatDate(ms: number, timeZone: string): string {
  return formatDateTime(ms, timeZone).slice(0, 10);
}

/** Epoch ms of a wall-clock time in timeZone (the offset is found by formatting a first guess back). */
export function zonedTimeToEpoch(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = asUtc;
  // Two rounds settle DST edges: the offset at the guess may differ from the offset at the answer.
  for (let i = 0; i < 2; i++) {
    const w = wallClock(guess, timeZone);
    const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - guess;
    guess = asUtc - offset;
  }
  return guess;
}

/** True when y-m-d is a real calendar date. */
export function isCalendarDate(y: number, mo: number, d: number): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
