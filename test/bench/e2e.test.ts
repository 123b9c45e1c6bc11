import {
  benchWorld,
  e2eTable,
  mallsheetExport,
  mallsheetFetch,
  naiveImport,
  runE2eBench,
  targetsOf,
} from '../../bench/e2e';
import { ExecutionKilled, NAIVE_SHEET, type NaiveShop, naiveRun } from '../../bench/naive-importer';
import { runFetch } from '../../src/engine';
import { buildShopContext } from '../../src/engine/run/shop-context';
import { meterDelta, snapshot } from '../../src/engine/sim/cost-model';

/**
 * A smoke test of the end-to-end benchmark's code on a small backlog: what it counts is what happened.
 * Not a timing test: the simulated times depend on the model, not on this machine.
 */

const DAY = 86_400_000;
/** each world its own time: MallHttp's throttling log is shared by the whole process */
const start = (k: number) => Date.UTC(2027, 0, 1) + k * 40 * DAY;

describe('end-to-end benchmark (small backlog)', () => {
  test('URL fetches counted by the cost model are the requests the sandbox malls received', () => {
    const world = benchWorld({ ordersPerMall: 30, start: start(0) });
    const fetch = mallsheetFetch(world);
    mallsheetExport(world);
    const meter = world.model.meter;
    expect(meter.fetches).toBeGreaterThan(0);
    expect(meter.fetchesBy).toEqual(world.sandbox.received);
    // Temu's own request counter agrees too
    expect(world.sandbox.state('temu').requests).toBe(meter.fetchesBy.temu);
    // a small backlog finishes in one run, and no connector can do with fewer calls than the minimum
    expect(fetch.runs).toHaveLength(1);
    expect(fetch.unfinished).toEqual([]);
    const fetched = fetch.runs[0].meter.fetchesBy;
    for (const [mall, min] of Object.entries(fetch.minimum)) expect(fetched[mall]).toBeGreaterThanOrEqual(min.total);
  });

  test('spreadsheet calls and cells are the ones the workbook itself counted', () => {
    const world = benchWorld({ ordersPerMall: 20, start: start(1) });
    world.rawBook.resetCalls();
    const before = snapshot(world.model.meter);
    const t0 = world.clock.now();
    runFetch(world.env, { trigger: 'manual' });
    const run = meterDelta(world.model.meter, before);
    expect(run.sheetCalls).toBe(world.rawBook.calls.total);
    expect(run.cellsWritten).toBe(world.rawBook.calls.cellsWritten);
    // the run's simulated time is at least what its fetches and sheet calls cost
    expect(world.clock.now() - t0).toBeGreaterThanOrEqual(
      run.waves * world.model.rates.fetchMs + run.sheetCalls * world.model.rates.sheetCallMs,
    );
  });

  test('the naive importer imports the same rows with one sheet call per row and one fetch per order', () => {
    const mine = benchWorld({ ordersPerMall: 15, start: start(2) });
    const fetch = mallsheetFetch(mine);
    const world = benchWorld({ ordersPerMall: 15, start: start(3) });
    const naive = naiveImport(world);
    expect(naive.complete).toBe(true);
    expect(naive.runs).toHaveLength(1);
    expect(naive.rows).toBe(fetch.rows);
    // one appendRow per row, plus creating its sheet (header) and reading it once
    expect(naive.runs[0].meter.sheetCalls).toBe(naive.rows + 2);
    expect(world.model.meter.fetchesBy).toEqual(world.sandbox.received);
    expect(naive.runs[0].meter.fetches).toBeGreaterThan(fetch.runs[0].meter.fetches);
  });

  test('a killed naive execution keeps its rows; the next one imports the rest without duplicating any', () => {
    const world = benchWorld({ ordersPerMall: 12, start: start(5) });
    const now = world.clock.now();
    const shops: NaiveShop[] = world.settings.shops.map((shop) => ({
      mall: shop.mall as NaiveShop['mall'],
      ctx: buildShopContext(world.env, world.settings, shop, now + 600_000, true, (t) => t),
    }));
    const window = { from: now - 14 * DAY, to: now };
    let checks = 0;
    expect(() =>
      naiveRun(world.env.book, shops, window, () => {
        if (++checks > 25) throw new ExecutionKilled();
      }),
    ).toThrow(ExecutionKilled);
    const first = world.rawBook.getSheet(NAIVE_SHEET)!.readAll().length - 1;
    expect(first).toBeGreaterThan(0);
    const second = naiveRun(world.env.book, shops, window, () => undefined);
    expect(second.appended).toBeGreaterThan(0);
    const keys = world.rawBook
      .getSheet(NAIVE_SHEET)!
      .readAll()
      .slice(1)
      .map((r) => `${String(r[0])}|${String(r[3])}`);
    expect(keys).toHaveLength(first + second.appended);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('the table has a verdict for every target and the same columns on every row', () => {
    const result = runE2eBench({ ordersPerMall: 10, start: start(4) });
    const table = e2eTable(result);
    const rows = table.filter((l) => l.startsWith('|'));
    for (const r of rows) expect(r.split('|').length).toBe(6);
    const verdicts = rows.filter((r) => /\*\*(PASS|MISS)\*\*/.test(r));
    const t = targetsOf(result);
    expect(verdicts.length).toBe(Object.keys(t).length);
    expect(verdicts.filter((r) => r.includes('PASS')).length).toBe(Object.values(t).filter(Boolean).length);
    expect(result.received.mallsheet).toEqual(
      expect.objectContaining({ temu: expect.any(Number), tiktok: expect.any(Number), qoo10: expect.any(Number) }),
    );
  });
});
