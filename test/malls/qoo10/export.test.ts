import { qoo10Connector } from '../../../src/malls/qoo10';
import type { World } from '../../support/worlds';
import { exportOrder, qoo10Ctx, qoo10World } from './helpers';

const shipments = (world: World) => world.sandbox.state('qoo10').shipments;

describe('Qoo10 export', () => {
  test('sends SetSendingInfo once per OrderNo with the carrier table qoo10 value, and never twice', () => {
    const { world } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const cart = world.sandbox.orders('qoo10').find((o) => o.orderNos.length > 1 && o.status === 2 && !o.claim)!;
    const out = qoo10Connector.exportOrders(ctx, [exportOrder(cart, '1234-5678-9012'.replace(/-/g, ''))], {
      dryRun: false,
    });
    expect(out.map((o) => o.kind)).toEqual(cart.orderNos.map(() => 'ok'));
    const sent = shipments(world);
    expect(sent.map((s) => s.orderNo).sort()).toEqual([...cart.orderNos].sort());
    expect(sent.every((s) => s.shippingCorp === 'ヤマト宅急便' && s.trackingNo === '123456789012')).toBe(true);

    // the engine marks the lines exported; a second run with the same number sends nothing
    const again = exportOrder(cart, '123456789012', 'ヤマト運輸', { exportedTracking: '123456789012' });
    const out2 = qoo10Connector.exportOrders(ctx, [again], { dryRun: false });
    expect(out2.every((o) => o.kind === 'already')).toBe(true);
    expect(shipments(world)).toHaveLength(cart.orderNos.length);
  });

  test('an order already shipped on Qoo10 is "already" (same number); under another number it is not OK and says so', () => {
    const { world } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const [a, b] = world.sandbox.orders('qoo10').filter((o) => o.status === 2 && !o.claim && o.orderNos.length === 1);
    qoo10Connector.exportOrders(ctx, [exportOrder(a, 'AAA111'), exportOrder(b, 'BBB222')], { dryRun: false });
    // engine lost its record (e.g. a crash before writing): the mall refuses, the connector explains
    const same = qoo10Connector.exportOrders(ctx, [exportOrder(a, 'AAA111')], { dryRun: false })[0];
    expect(same).toMatchObject({ kind: 'already', note: expect.stringContaining('AAA111') });
    const other = qoo10Connector.exportOrders(ctx, [exportOrder(b, 'CCC333')], { dryRun: false })[0];
    // the mall kept BBB222: not OK, the row says which number Qoo10 holds and what to do
    expect(other).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/別の伝票番号 BBB222.*CCC333 は登録されていません.*QSM で伝票番号を変更/),
    });
    expect(shipments(world)).toHaveLength(2);
  });

  test('a cancelled or unpaid order is a readable error with the mall code', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const orders = world.sandbox.orders('qoo10');
    const cancelled = orders.find((o) => o.status === 2 && !o.claim)!;
    mall.control('cancel', { packNo: cancelled.packNo });
    const unpaid = orders.find((o) => o.status === 1 && !o.claim)!;
    const [c, u] = qoo10Connector.exportOrders(ctx, [exportOrder(cancelled, 'T1'), exportOrder(unpaid, 'T2')], {
      dryRun: false,
    });
    expect(c).toMatchObject({ kind: 'error', message: expect.stringMatching(/キャンセル完了.*-10100/) });
    expect(u).toMatchObject({ kind: 'error', message: expect.stringMatching(/配送待ち.*-10010/) });
  });

  test('dry run previews every line, says the ship date is not sent, and sends nothing', () => {
    const { world } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const cart = world.sandbox.orders('qoo10').find((o) => o.status === 2 && !o.claim)!;
    const out = qoo10Connector.exportOrders(ctx, [exportOrder(cart, 'T9', '佐川急便')], { dryRun: true });
    expect(out).toHaveLength(cart.orderNos.length);
    for (const o of out)
      expect(o).toMatchObject({
        kind: 'preview',
        message: expect.stringMatching(/佐川急便.*T9.*出荷日 2026-11-22 は Qoo10 の仕様で送信されません/),
      });
    expect(world.http.sent.filter((r) => r.url.includes('SetSendingInfo'))).toHaveLength(0);
    const en = qoo10Ctx(world, {}, { locale: 'en' });
    const [p] = qoo10Connector.exportOrders(en, [exportOrder(cart, 'T9')], { dryRun: true });
    expect(p).toMatchObject({ kind: 'preview', message: expect.stringContaining('ship date 2026-11-22 is not sent') });
  });

  test('lines not ready are left alone; a missing carrier or too-long number is an error without a call', () => {
    const { world } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const [a, b, c] = world.sandbox.orders('qoo10').filter((o) => o.status === 2 && !o.claim);
    const out = qoo10Connector.exportOrders(
      ctx,
      [
        exportOrder(a, 'T1', 'ヤマト運輸', { ready: false }),
        exportOrder(b, 'T2', '', { carrier: null, carrierName: '' }),
        exportOrder(c, 'X'.repeat(51)),
      ],
      { dryRun: false },
    );
    expect(out.map((o) => o.key.split('\u0000')[0])).not.toContain(a.packNo);
    expect(
      out.filter((o) => o.key.startsWith(b.packNo)).every((o) => o.kind === 'error' && /配送業者/.test(o.message)),
    ).toBe(true);
    expect(out.filter((o) => o.key.startsWith(c.packNo)).every((o) => o.kind === 'error' && /50/.test(o.message))).toBe(
      true,
    );
    expect(world.http.sent.filter((r) => r.url.includes('SetSendingInfo'))).toHaveLength(0);
  });

  test('a carrier typed outside the table is sent as typed (Qoo10 takes ShippingCorp as text)', () => {
    const { world } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const o = world.sandbox.orders('qoo10').find((x) => x.status === 3 && !x.claim)!;
    const out = qoo10Connector.exportOrders(
      ctx,
      [exportOrder(o, 'YP1', 'ゆうパック', { carrier: { name: 'ゆうパック' } })],
      { dryRun: false },
    );
    expect(out.every((x) => x.kind === 'ok')).toBe(true);
    expect(shipments(world).every((s) => s.shippingCorp === 'ゆうパック')).toBe(true);
  });

  test('SetSendingInfo result codes become readable messages', () => {
    const { world } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const o = world.sandbox.orders('qoo10').find((x) => x.status === 2 && !x.claim)!;
    const foreign = { ...o, packNo: '799999999', orderNos: ['1999999999'] };
    const [notMine] = qoo10Connector.exportOrders(ctx, [exportOrder(foreign, 'T1')], { dryRun: false });
    expect(notMine).toMatchObject({
      kind: 'error',
      message: 'Qoo10 エラー -10004: この注文番号はこの販売者の注文ではありません',
    });
    const bad = { ...o, orderNos: ['12AB'] };
    const [format] = qoo10Connector.exportOrders(ctx, [exportOrder(bad, 'T1')], { dryRun: false });
    expect(format).toMatchObject({ kind: 'error', message: expect.stringContaining('-10001') });
  });

  test('a 503 storm, malformed JSON and HTTP 429 are retried through; the shipment lands once', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const o = world.sandbox.orders('qoo10').find((x) => x.status === 2 && !x.claim && x.orderNos.length === 1)!;
    mall.control('fault', { kind: 503, count: 1 });
    mall.control('fault', { kind: 'malformed', count: 1 });
    mall.control('fault', { kind: 429, count: 1 });
    const out = qoo10Connector.exportOrders(ctx, [exportOrder(o, 'R1')], { dryRun: false });
    expect(out).toEqual([{ key: `${o.packNo}\u0000${o.orderNos[0]}`, kind: 'ok' }]);
    expect(shipments(world)).toHaveLength(1);
  });

  test('calls are spaced ~300 ms apart and the sandbox rate limit is never hit', () => {
    const { world, mall } = qoo10World({ orders: 60 });
    const ctx = qoo10Ctx(world);
    mall.control('rate', { perSecond: 4 });
    const ready = world.sandbox
      .orders('qoo10')
      .filter((x) => (x.status === 2 || x.status === 3) && !x.claim)
      .slice(0, 10);
    const t0 = world.clock.now();
    const out = qoo10Connector.exportOrders(
      ctx,
      ready.map((o, i) => exportOrder(o, `S${i}`)),
      { dryRun: false },
    );
    expect(out.every((x) => x.kind === 'ok')).toBe(true);
    const n = ready.reduce((a, o) => a + o.orderNos.length, 0);
    expect(shipments(world)).toHaveLength(n);
    expect(world.clock.now() - t0).toBeGreaterThanOrEqual(300 * n); // n sends + the key issuance
  });

  test('a mall that keeps failing: that line and the rest get the readable reason, nothing is lost', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const [a, b] = world.sandbox.orders('qoo10').filter((x) => x.status === 2 && !x.claim && x.orderNos.length === 1);
    qoo10Connector.check(ctx, []); // key issued first
    mall.control('fault', { kind: 'malformed', count: 4 });
    const out = qoo10Connector.exportOrders(ctx, [exportOrder(a, 'M1'), exportOrder(b, 'M2')], { dryRun: false });
    expect(out.map((o) => o.kind)).toEqual(['error', 'error']);
    expect(out[0]).toMatchObject({
      message: expect.stringContaining('Qoo10 の応答を読めません（ShippingBasic.SetSendingInfo）'),
    });
    mall.control('fault', { kind: 503, count: 4 });
    const [c] = qoo10Connector.exportOrders(ctx, [exportOrder(a, 'M1')], { dryRun: false });
    expect(c).toMatchObject({
      kind: 'error',
      message: 'Qoo10 が HTTP 503 を返しました（ShippingBasic.SetSendingInfo）',
    });
    expect(shipments(world)).toHaveLength(0);
  });

  test('lines past the time budget are held, not failed', () => {
    const { world } = qoo10World({ orders: 60 });
    const ctx = qoo10Ctx(world, {}, { budgetMs: 1000 });
    const ready = world.sandbox
      .orders('qoo10')
      .filter((x) => x.status === 2 && !x.claim)
      .slice(0, 8);
    const out = qoo10Connector.exportOrders(
      ctx,
      ready.map((o, i) => exportOrder(o, `B${i}`)),
      { dryRun: false },
    );
    expect(out.some((x) => x.kind === 'ok')).toBe(true);
    expect(out.some((x) => x.kind === 'deferred')).toBe(true);
    expect(out.some((x) => x.kind === 'error')).toBe(false);
    expect(shipments(world)).toHaveLength(out.filter((x) => x.kind === 'ok').length);
  });

  test('normalizeTracking drops hyphens', () => {
    expect(qoo10Connector.normalizeTracking('1234-5678-9012')).toBe('123456789012');
  });
});
