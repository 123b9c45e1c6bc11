import { benchWorld } from '../../bench/e2e';
import { arrivals, naiveDay, steadyDay, steadyJson, steadyTable, steadyTargets } from '../../bench/steady';

/**
 * A smoke test of the steady-state benchmark on a few simulated hours: what it reports is what happened
 * (every order that arrived has its row, latencies are within an interval and a poll). Not a timing test.
 */

const DAY = 86_400_000;

describe('steady-state benchmark (a short day)', () => {
  test("arrivals: the day's orders at random times plus the burst hour, malls in turn", () => {
    const start = Date.UTC(2027, 0, 1);
    const a = arrivals(start, { perDay: 30, burst: { count: 60, hour: 20 } });
    expect(a).toHaveLength(90);
    expect(a.every((x, i) => i === 0 || a[i - 1].at <= x.at)).toBe(true);
    expect(
      a.filter((x) => x.at >= start + 20 * 3_600_000 && x.at < start + 21 * 3_600_000).length,
    ).toBeGreaterThanOrEqual(60);
    expect(new Set(a.map((x) => x.mall))).toEqual(new Set(['temu', 'tiktok', 'qoo10']));
  });

  test('the sandboxes place new orders now, each once, in a fetch status', () => {
    const w = benchWorld({ ordersPerMall: 20, start: Date.UTC(2027, 1, 1) + 3 * 40 * DAY });
    const temu = w.sandbox.control<{ orders: string[] }>('temu', 'arrive', { count: 3 });
    const again = w.sandbox.control<{ orders: string[] }>('temu', 'arrive', { count: 2 });
    expect(new Set([...temu.orders, ...again.orders]).size).toBe(5);
    const listed = w.sandbox.orders('temu');
    expect(listed).toHaveLength(25);
    for (const sn of temu.orders)
      expect(listed.find((o) => o.parentOrderSn === sn)).toMatchObject({
        status: 2,
        createdAt: Math.floor(w.clock.now() / 1000),
      });
    expect(w.sandbox.control<{ orders: string[] }>('tiktok', 'arrive', { count: 2 }).orders).toHaveLength(2);
    expect(w.sandbox.control<{ orders: string[] }>('qoo10', 'arrive', { count: 2 }).orders).toHaveLength(2);
  });

  test('a few hours at 10 minutes: every order that arrived gets its row within an interval and a poll; empty polls are cheap', () => {
    const m = steadyDay(10, 'consumer', 21, { hours: 3 });
    expect(m.runs).toBe(18);
    expect(m.orders).toBeGreaterThan(20);
    expect(m.p95LatencyMin).toBeLessThanOrEqual(10 + 1);
    expect(m.emptyPoll.sheetWrites).toBe(0);
    expect(m.emptyPoll.sheetReads).toBe(1);
    expect(m.emptyPoll.urlFetchesBy.temu).toBe(1);
    expect(m.engineCountedMinutes).toBeGreaterThan(0);
    const n = naiveDay(10, 22, { hours: 1 });
    // the naive importer reads and rewrites its tab on every poll
    expect(n.emptyPoll.sheetReads).toBeGreaterThanOrEqual(1);
    expect(n.emptyPoll.urlFetches).toBeGreaterThan(m.emptyPoll.urlFetches);
    const r = { mallsheet: [m], naive: [n] };
    const json = steadyJson(r) as {
      steady: Record<string, { triggerMinutesPerDay?: number }> & { emptyPoll: { simMs: number } };
    };
    expect(json.steady.emptyPoll.simMs).toBe(m.emptyPoll.simMs);
    expect(json.steady.interval10m.triggerMinutesPerDay).toBe(m.triggerMinutesPerDay);
    expect(steadyTable(r).join('\n')).toContain('| 10 min | consumer |');
    expect(steadyTargets(r).emptyPollWrites).toBe(true);
  });
});
