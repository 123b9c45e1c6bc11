/**
 * The sliding one-second rate window the sandbox malls enforce (each mall's docs/malls/<mall>.md §5): per key, the sends
 * of the last second are kept; a send over the limit is refused and not counted.
 */
export function rateWindow() {
  const sends = new Map<string, number[]>();
  /** true when `key` already has `perSecond` sends in the second up to `now` (epoch ms); otherwise records this send */
  return function over(key: string, perSecond: number, now: number): boolean {
    const recent = (sends.get(key) ?? []).filter((t) => t > now - 1000 && t <= now);
    sends.set(key, recent);
    if (recent.length >= perSecond) return true;
    recent.push(now);
    return false;
  };
}
