import {
  applyAutoFetchTrigger,
  isDue,
  runCheck,
  runExport,
  runFetch,
  runTimer,
  timerMinutes,
} from '../../../src/engine';
import { engineCheckLines } from '../../../src/engine/check/check';
import { readLog } from '../../../src/engine/log/log-sheet';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { readState, updateState } from '../../../src/engine/run/state';
import { ShopBaseSchema } from '../../../src/engine/settings/schema';
import type { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { translate } from '../../../src/i18n';
import { CARRIERS, fakeConnector, line, SECRET, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

const config = (shops: unknown[]) => () => ({ locale: 'ja', shops, carriers: CARRIERS });
const MIN = 60_000;

/** What a seller does: tracking number and ship date on the row of an order. */
function fillTracking(book: MemorySpreadsheet, orderId: string, tracking: string) {
  const sheet = book.getSheet('受注一覧')!;
  const rows = sheet.readAll();
  const r = rows.findIndex((row) => row[sheet.columnOf('注文番号') - 1] === orderId);
  sheet.edit(r + 1, sheet.columnOf('伝票番号'), tracking);
  sheet.edit(r + 1, sheet.columnOf('出荷日'), '2026-11-22');
}

function snapshot(w: ReturnType<typeof fakeEnv>) {
  return JSON.stringify({
    sheets: ['受注一覧', 'ログ', '設定'].map((n) => w.book.getSheet(n)?.readAll() ?? null),
    props: w.props.data,
  });
}

describe('runExport', () => {
  function world() {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1'), line('A2')]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    runFetch(w.env, { trigger: 'manual' });
    fillTracking(w.book, 'A1', 'TN-0001');
    return { clock, a, w };
  }

  test('sends the ready rows, writes the outcomes, logs the counts', () => {
    const { a, w } = world();
    const report = runExport(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(0);
    expect(a.calls.exported).toHaveLength(1);
    expect(a.calls.exported[0].map((o) => o.orderId)).toEqual(['A1']);
    expect(report.shops[0]).toMatchObject({ shop: 'Shop A', action: 'export', exported: 1, failed: 0 });
    const sheet = w.book.getSheet('受注一覧')!;
    const row = sheet.readAll().find((r) => r[sheet.columnOf('注文番号') - 1] === 'A1')!;
    expect(row[sheet.columnOf('書出結果') - 1]).toBe('OK');
    const log = readLog(w.book, 'Asia/Tokyo').filter((r) => r.action === 'export');
    expect(log.map((r) => [r.shop, r.exported, r.failed])).toEqual([['Shop A', 1, 0]]);
  });

  test('a row the mall refuses makes exit 1 and stays explained', () => {
    const { w } = world();
    const clock = w.env.clock as VirtualClock;
    const failing = fakeConnector('a', clock, {
      pages: [],
      outcome: (key) => ({ key, kind: 'error', message: 'E100 bad tracking' }),
    });
    w.env.connectors = [failing.connector];
    const report = runExport(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    expect(report.shops[0]).toMatchObject({ exported: 0, failed: 1 });
    expect(report.shops[0].message).toContain('E100');
  });

  test('a dry run previews and changes nothing: no sheet write, no Log, no state', () => {
    const { a, w } = world();
    const before = snapshot(w);
    const calls = { ...w.book.calls };
    const report = runExport(w.env, { trigger: 'manual', dryRun: true });
    expect(report.exitCode).toBe(0);
    expect(report.preview).toEqual(['Shop A: A1 TN0001']);
    expect(a.calls.dryRuns).toBe(1);
    expect(a.calls.exported).toHaveLength(0);
    expect(snapshot(w)).toBe(before);
    expect(w.book.calls.writeBlock).toBe(calls.writeBlock);
    expect(w.book.calls.setFormats).toBe(calls.setFormats);
  });

  test('a busy dry run changes nothing either', () => {
    const { w } = world();
    const before = snapshot(w);
    w.lock.held = true;
    expect(runExport(w.env, { trigger: 'manual', dryRun: true })).toMatchObject({ busy: true, exitCode: 0 });
    expect(snapshot(w)).toBe(before);
  });
});

describe('timer', () => {
  const shop = (m: number, extra: Record<string, unknown> = {}) =>
    ShopBaseSchema.parse({ ...shopConfig('S', 'a'), autoFetchMinutes: m, ...extra });
  const now = Date.UTC(2026, 10, 22, 3, 0);

  test('isDue follows the interval, tolerates an early tick, and always resumes an unfinished window', () => {
    expect(isDue(shop(30), {}, now)).toBe(true);
    expect(isDue(shop(30), { lastAttemptAt: now - 10 * MIN }, now)).toBe(false);
    expect(isDue(shop(30), { lastAttemptAt: now - 29.5 * MIN }, now)).toBe(true);
    expect(isDue(shop(120), { lastAttemptAt: now - 61 * MIN }, now)).toBe(false);
    expect(isDue(shop(120), { lastAttemptAt: now - 121 * MIN }, now)).toBe(true);
    expect(isDue(shop(0), {}, now)).toBe(false);
    expect(isDue(shop(30, { enabled: false }), {}, now)).toBe(false);
    expect(isDue(shop(30), { lastAttemptAt: now - MIN, resume: { from: 0, to: 1, cursor: 2 } }, now)).toBe(true);
  });

  test('timerMinutes: the shortest enabled interval, snapped to what a trigger can do', () => {
    expect(timerMinutes([shop(30), shop(10)])).toBe(10);
    expect(timerMinutes([shop(120), shop(180)])).toBe(60);
    expect(timerMinutes([shop(0), shop(5, { enabled: false })])).toBe(0);
    expect(timerMinutes([])).toBe(0);
  });

  test('a tick fetches the due shops only, then exports the autoExport shops', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const b = fakeConnector('b', clock, { pages: [[line('B1')]] });
    const w = fakeEnv(
      [a.connector, b.connector],
      config([
        shopConfig('Shop A', 'a', { autoFetchMinutes: 30, autoExport: true }),
        shopConfig('Shop B', 'b', { autoFetchMinutes: 60 }),
      ]),
      clock,
    );
    updateState(w.props, 'Shop A', { lastAttemptAt: clock.now() - 40 * MIN });
    updateState(w.props, 'Shop B', { lastAttemptAt: clock.now() - 40 * MIN });
    const report = runTimer(w.env);
    expect(report.exitCode).toBe(0);
    expect(a.calls.fetch).toHaveLength(1);
    expect(b.calls.fetch).toHaveLength(0);
    expect(report.shops.map((s) => [s.shop, s.action])).toEqual([
      ['Shop A', 'fetch'],
      ['Shop A', 'export'],
    ]);
    expect(readLog(w.book, 'Asia/Tokyo').every((r) => r.trigger === 'auto')).toBe(true);
  });

  test('applyAutoFetchTrigger sets the timer, and invalid settings leave it alone', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [] });
    let shops: unknown[] = [
      shopConfig('Shop A', 'a', { autoFetchMinutes: 15 }),
      shopConfig('Shop B', 'a', { autoFetchMinutes: 120 }),
    ];
    const w = fakeEnv([a.connector], () => ({ shops, carriers: CARRIERS }), clock);
    expect(applyAutoFetchTrigger(w.env)).toMatchObject({ minutes: 15, exitCode: 0 });
    expect(w.triggers.timerMinutes).toBe(15);
    shops = [shopConfig('Shop A', 'a', { autoFetchMinutes: 0 })];
    expect(applyAutoFetchTrigger(w.env).minutes).toBe(0);
    expect(w.triggers.timerMinutes).toBe(0);
    w.triggers.timerMinutes = 30;
    shops = [shopConfig('Shop A', 'a', { autoFetchMinutes: 7 })];
    const bad = applyAutoFetchTrigger(w.env);
    expect(bad).toMatchObject({ minutes: null, exitCode: 2 });
    expect(w.triggers.timerMinutes).toBe(30);
  });
});

describe('runCheck', () => {
  test('adds last fetch, expiry and the export success rate to the connector lines', () => {
    const clock = new VirtualClock();
    const soon = clock.now() + 5 * 86_400_000 + 3_600_000;
    const a = fakeConnector('a', clock, { pages: [[line('A1'), line('A2')]], expiresAt: soon });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    runFetch(w.env, { trigger: 'manual' });
    fillTracking(w.book, 'A1', 'TN-1');
    runExport(w.env, { trigger: 'manual' });
    const report = runCheck(w.env, {});
    expect(report.exitCode).toBe(1);
    const lines = report.shops[0].lines;
    expect(lines.map((l) => l.id)).toEqual(['auth', 'lastFetch', 'expiry', 'exportRate', 'timerBudget', 'cells']);
    expect(lines.find((l) => l.id === 'expiry')).toMatchObject({ ok: false });
    expect(lines.find((l) => l.id === 'expiry')!.message).toContain('5 日');
    expect(lines.find((l) => l.id === 'exportRate')).toMatchObject({ ok: true });
    expect(lines.find((l) => l.id === 'exportRate')!.message).toContain('100%');
    expect(lines.find((l) => l.id === 'lastFetch')!.ok).toBe(true);
    expect(report.shops[0].ok).toBe(false);
    expect(readLog(w.book, 'Asia/Tokyo').some((r) => r.action === 'check' && r.shop === 'Shop A')).toBe(true);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  test('a shop never fetched is said so without failing the check; a far expiry is fine; the expiry is recorded', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [], expiresAt: clock.now() + 200 * 86_400_000 });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const report = runCheck(w.env, { shop: 'Shop A' });
    const byId = Object.fromEntries(report.shops[0].lines.map((l) => [l.id, l]));
    // a check right after setting a shop up passes: never having fetched is news, not a fault
    expect(byId.lastFetch).toMatchObject({ ok: true, message: translate('ja', 'check.neverFetched') });
    expect(report.exitCode).toBe(0);
    expect(byId.expiry.ok).toBe(true);
    expect(byId.exportRate).toMatchObject({ ok: true });
    expect(readState(w.props, 'Shop A').expiresAt).toBe(clock.now() + 200 * 86_400_000);
  });
});

describe('engineCheckLines', () => {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('en', k, p);
  const shop = ShopBaseSchema.parse({ ...shopConfig('S', 'a'), autoFetchMinutes: 10 });
  const now = Date.UTC(2026, 10, 22);
  const row = (daysAgo: number, exported: number, failed: number, name = 'S') =>
    ({
      time: now - daysAgo * 86_400_000,
      trigger: 'manual',
      action: 'export',
      shop: name,
      exported,
      failed,
      message: '',
    }) as const;

  test('export success rate counts this shop over the last 7 days only', () => {
    const lines = engineCheckLines(
      { t },
      shop,
      { lastFetchAt: now - 5 * MIN },
      [row(1, 9, 1), row(2, 10, 0), row(8, 0, 50), row(1, 0, 7, 'other')],
      now,
    );
    const rate = lines.find((l) => l.id === 'exportRate')!;
    expect(rate.ok).toBe(false);
    expect(rate.message).toContain('95% (19/20)');
  });

  test('a shop whose auto-fetch fell three intervals behind is flagged; expired keys are flagged', () => {
    const lines = engineCheckLines({ t }, shop, { lastFetchAt: now - 45 * MIN, expiresAt: now - 1 }, [], now);
    expect(lines.find((l) => l.id === 'lastFetch')).toMatchObject({ ok: false });
    expect(lines.find((l) => l.id === 'expiry')).toMatchObject({
      ok: false,
      message: expect.stringContaining('expired'),
    });
    const fresh = engineCheckLines({ t }, shop, { lastFetchAt: now - 25 * MIN }, [], now);
    expect(fresh.find((l) => l.id === 'lastFetch')).toMatchObject({ ok: true, message: 'Last fetched 25 min ago' });
  });
});
