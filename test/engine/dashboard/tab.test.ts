import { runExport, runFetch } from '../../../src/engine';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { CostedSpreadsheet, CostModel, meterDelta, snapshot } from '../../../src/engine/sim/cost-model';
import { fillTrackingAsSeller } from '../../../src/node/demo';
import { demoSettings } from '../../../src/sandbox/demo-config';
import { engineWorld, SANDBOX_URL } from '../../support/worlds';

/**
 * The dashboard tab through real runs (docs/contract.md §2 Dashboard): rebuilt by a run that changed
 * 受注一覧 in one write (a read first only when the extent last written is unknown), laid out once with its chart, untouched by a run that
 * changed nothing.
 */

function world() {
  const w = engineWorld(demoSettings(SANDBOX_URL), { seed: 3 });
  const model = new CostModel(new VirtualClock(0));
  const env = { ...w.env, book: new CostedSpreadsheet(w.book, model) };
  const measured = (body: () => unknown) => {
    const before = snapshot(model.meter);
    body();
    return meterDelta(model.meter, before);
  };
  return { ...w, env, measured };
}

const dashboardCalls = (by: Record<string, number>) =>
  Object.entries(by)
    .filter(([k]) => k.startsWith('ダッシュボード ') && !k.endsWith('applyLayout'))
    .reduce((n, [, v]) => n + v, 0);

test('a fetch that wrote rows rebuilds the dashboard in at most two calls; one that changed nothing leaves it', () => {
  const { book, env, measured, world: sb } = world();
  const first = measured(() => runFetch(env, { trigger: 'manual' }));
  const dash = book.getSheet('ダッシュボード')!;
  expect(dash).not.toBeNull();
  expect(dashboardCalls(first.sheetCallsBy)).toBeLessThanOrEqual(2);
  expect(dash.layout.charts).toHaveLength(1);
  expect(dash.layout.charts[0].source).toMatchObject({ row: 4, col: 1, cols: 2 });

  const grid = dash.readAll();
  const rows = book.getSheet('受注一覧')!.readAll().length - 1;
  const all = grid.find((r) => r.includes('全ショップ'))!;
  const totalCol = grid[3].indexOf('合計');
  expect(all[totalCol]).toBe(rows);
  // the daily table: 30 days of orders, summing to at most the rows
  const daily = grid.slice(4, 34).map((r) => r[1] as number);
  expect(daily).toHaveLength(30);
  expect(daily.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

  sb.clock.advance(60_000);
  const idle = measured(() => runFetch(env, { trigger: 'manual' }));
  if (dashboardCalls(idle.sheetCallsBy) > 0) {
    // the mall changed something (the sandbox moves orders along): then 受注一覧 was written too
    expect(Object.keys(idle.sheetCallsBy).some((k) => k === '受注一覧 writeBlock')).toBe(true);
  }
  expect(idle.layoutCalls).toBe(0);
  expect(dash.layout.history).toHaveLength(1);
});

test('an export that wrote results rebuilds it in one write; done rows are counted', () => {
  const { book, env, measured } = world();
  runFetch(env, { trigger: 'manual' });
  expect(fillTrackingAsSeller(book, 'Asia/Tokyo', Date.now())).toBeGreaterThan(0);
  const exported = measured(() => runExport(env, { trigger: 'manual' }));
  expect(exported.sheetCallsBy['ダッシュボード writeBlock']).toBe(1);
  expect(exported.sheetCallsBy['ダッシュボード readAll']).toBeUndefined();
  const grid = book.getSheet('ダッシュボード')!.readAll();
  const all = grid.find((r) => r.includes('全ショップ'))!;
  expect(all[grid[3].indexOf('処理済')]).toBeGreaterThan(0);
});
