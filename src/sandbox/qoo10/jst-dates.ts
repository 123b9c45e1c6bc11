/** The QAPI's dates: 8- or 14-digit JST stamps in requests, 'yyyy-MM-dd HH:mm:ss' JST text in answers (docs/malls/qoo10.md §1, §3). */

const DAY = 86_400_000;
const JST = 9 * 3_600_000;

export interface Range {
  from: number;
  to: number;
}

/**
 * yyyyMMdd (whole day) or yyyyMMddHHmmss, JST; 'period' when the bounds touch more than 90 JST calendar days
 * (§3). The docs say 90 days without saying how they are counted; counting the days touched is the strict
 * reading, and the one under which production clients' move to 89-day windows makes sense.
 */
export function searchRange(start?: string, end?: string): Range | 'date' | 'period' {
  const s = parseStamp(start ?? '', false);
  const e = parseStamp(end ?? '', true);
  if (s === null || e === null || s > e) return 'date';
  const days = Math.floor((e + JST) / DAY) - Math.floor((s + JST) / DAY) + 1;
  return days > 90 ? 'period' : { from: s, to: e };
}

function parseStamp(v: string, endOfDay: boolean): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = m[4]
    ? Date.UTC(y, mo - 1, d, Number(m[4]), Number(m[5]), Number(m[6]))
    : Date.UTC(y, mo - 1, d) + (endOfDay ? DAY - 1000 : 0);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t - JST;
}

/** inclusive to the second, as the 14-digit bounds are */
export function inRange(t: number | null, r: Range): boolean {
  return t !== null && t >= r.from && t < r.to + 1000;
}

export function jstText(t: number): string {
  return new Date(t + JST).toISOString().slice(0, 19).replace('T', ' ');
}
