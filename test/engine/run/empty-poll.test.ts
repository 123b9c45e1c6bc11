import { benchWorld } from '../../../bench/e2e';
import { readLog, readState, runFetch, runTimer } from '../../../src/engine';
import { ORDERS_SHEET_NAMES } from '../../../src/engine/orders/columns';
import { meterDelta, snapshot } from '../../../src/engine/sim/cost-model';

/**
 * An empty timer poll (docs/contract.md §2 Log): the fewest mall calls, no read of 受注一覧, no sheet
 * write, no Log row; the state counts such polls and the next real Log row says how many there were.
 * Counted on the bench's Apps Script cost model (the demo shops, each polled every 5 minutes).
 */

const MIN = 60_000;
/** each world its own time: MallHttp's throttling log is shared by the whole process */
const start = (k: number) => Date.UTC(2027, 3, 1) + k * 40 * 86_400_000;

function pollingWorld(k: number) {
  const w = benchWorld({ ordersPerMall: 40, start: start(k) });
  const loadSettings = w.env.loadSettings;
  w.env.loadSettings = () => {
    const s = loadSettings();
    return { ...s, shops: s.shops.map((shop) => ({ ...shop, autoFetchMinutes: 5 })) };
  };
  runFetch(w.env, { trigger: 'manual' });
  // the first polls read the daily window and learn what the sheet holds
  for (let i = 0; i < 2; i++) {
    w.clock.advance(5 * MIN);
    runTimer(w.env);
  }
  return w;
}

function poll(w: ReturnType<typeof pollingWorld>) {
  w.clock.advance(5 * MIN);
  const m0 = snapshot(w.model.meter);
  const t0 = w.clock.now();
  const report = runTimer(w.env);
  return { report, meter: meterDelta(w.model.meter, m0), ms: w.clock.now() - t0 };
}

describe('an empty timer poll', () => {
  test('one list call per Temu / TikTok shop, no 受注一覧 read, no sheet write, no Log row', () => {
    const w = pollingWorld(0);
    const logRows = readLog(w.rawBook, 'Asia/Tokyo').length;
    const qoo10Calls: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { meter, ms, report } = poll(w);
      expect(report.exitCode).toBe(0);
      expect(meter.fetchesBy.temu).toBe(1);
      expect(meter.fetchesBy.tiktok).toBe(1);
      qoo10Calls.push(meter.fetchesBy.qoo10);
      expect(Object.keys(meter.sheetCallsBy)).toEqual(['設定 readAll']);
      expect(meter.cellsWritten).toBe(0);
      expect(meter.toasts).toBe(0);
      if (meter.fetchesBy.qoo10 === 1) expect(ms).toBeLessThanOrEqual(3000);
    }
    // Qoo10 has no update filter: one list call (statuses 2 and 3 together), the four claims calls only
    // every CLAIMS_EVERY_MS (15 minutes: every third poll)
    expect(qoo10Calls.filter((n) => n === 1)).toHaveLength(4);
    expect(qoo10Calls.filter((n) => n === 5)).toHaveLength(2);
    expect(readLog(w.rawBook, 'Asia/Tokyo')).toHaveLength(logRows);
    for (const shop of w.settings.shops) {
      const state = readState(w.rawProps, shop.name);
      expect(state.quietPolls).toBeGreaterThanOrEqual(6);
      // the last poll's time, in the properties only
      expect(state.lastCheckedAt).toBeGreaterThan(w.clock.now() - 3000);
    }
  });

  test('a new order is read, written and logged at the next poll, with the count of empty ones before it', () => {
    const w = pollingWorld(1);
    poll(w);
    poll(w);
    const temu = w.settings.shops.find((s) => s.mall === 'temu')!;
    const quiet = readState(w.rawProps, temu.name).quietPolls!;
    expect(quiet).toBeGreaterThanOrEqual(2);
    // Seller Center: an order not fetched so far (PENDING, SHIPPED) becomes UN_SHIPPING, a fetch status
    const orders = w.sandbox.orders('temu');
    const other = orders.find((o) => o.status !== 2 && o.status !== 3)!;
    const changed = w.sandbox.control<{ changed: number }>('temu', 'advance', {
      parentOrderSn: other.parentOrderSn,
      status: 'UN_SHIPPING',
    });
    expect(changed.changed).toBe(1);
    const before = w.rawBook.getSheet(ORDERS_SHEET_NAMES.ja)!.readAll().length;
    const { meter, report } = poll(w);
    const line = report.shops.find((s) => s.shop === temu.name)!;
    expect(line.new).toBeGreaterThan(0);
    expect(meter.sheetCallsBy['受注一覧 readAll']).toBe(1);
    expect(w.rawBook.getSheet(ORDERS_SHEET_NAMES.ja)!.readAll().length).toBe(before + line.new);
    const last = readLog(w.rawBook, 'Asia/Tokyo')
      .filter((r) => r.shop === temu.name)
      .pop()!;
    expect(last.new).toBe(line.new);
    expect(last.message).toContain(`変化なしの確認 ${quiet} 回`);
    expect(readState(w.rawProps, temu.name).quietPolls).toBeUndefined();
    // the shops that had nothing stay quiet
    const tiktok = w.settings.shops.find((s) => s.mall === 'tiktok')!;
    expect(report.shops.find((s) => s.shop === tiktok.name)!.new).toBe(0);
    expect(readState(w.rawProps, tiktok.name).quietPolls).toBe(quiet + 1);
  });

  test('an order the mall changes again after it was written is upserted again', () => {
    const w = pollingWorld(2);
    const temu = w.settings.shops.find((s) => s.mall === 'temu')!;
    const orders = w.sandbox.orders('temu');
    const target = orders.find((o) => o.status === 2)!;
    w.sandbox.mall('temu').control('cancel', { parentOrderSn: target.parentOrderSn });
    const { report } = poll(w);
    expect(report.shops.find((s) => s.shop === temu.name)!.updated).toBeGreaterThan(0);
    const again = poll(w);
    // the overlap returns the cancelled order once more: already written, so nothing is read or written
    expect(again.meter.sheetCallsBy['受注一覧 readAll']).toBeUndefined();
    expect(again.report.shops.find((s) => s.shop === temu.name)!.updated).toBe(0);
  });
});
