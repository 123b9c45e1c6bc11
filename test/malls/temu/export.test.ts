import { temuConnector } from '../../../src/malls/temu';
import type { ExportOrder, LineOutcome } from '../../../src/engine/connector';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { control, exportOrdersOf, fetchAll, fill, live, temuCtx, temuWorld, windowReq } from './helpers';
import type { World } from '../../support/worlds';

function fetched(world: World) {
  const { lines } = fetchAll(temuCtx(world), windowReq(world));
  return exportOrdersOf(lines);
}

const byKey = (outs: LineOutcome[]) => new Map(outs.map((o) => [o.key, o]));
const singleLive = (orders: ExportOrder[]) => orders.filter((o) => live(o).length === 1);
const multiLive = (orders: ExportOrder[]) => orders.filter((o) => live(o).length >= 2);

describe('Temu export against the sandbox', () => {
  test('one v2.confirm per ready parent (sendType 0), OK per line, nothing for parents not filled', () => {
    const world = temuWorld({ orders: 40 });
    const orders = fetched(world);
    const [a, b] = multiLive(orders);
    live(a).forEach((l) => fill(l, 'YMT100000001'));
    live(b).forEach((l) => fill(l, '4470-1234-5678')); // symbols are dropped before sending (spec 120014020)
    const outcomes = temuConnector.exportOrders(temuCtx(world), orders, { dryRun: false });
    expect(outcomes.map((o) => o.kind)).toEqual(new Array(live(a).length + live(b).length).fill('ok'));
    const state = control(world, 'state');
    expect(state.requestsByType['bg.logistics.shipment.v2.confirm']).toBe(2);
    expect(state.shipments.map((s: any) => s.parentOrderSn).sort()).toEqual([a.orderId, b.orderId].sort());
    const sb = state.shipments.find((s: any) => s.parentOrderSn === b.orderId);
    expect(sb.sendType).toBe(0);
    expect(sb.packages).toHaveLength(1);
    expect(sb.packages[0]).toMatchObject({ trackingNumber: '447012345678', carrierId: '998264701', warehouseId: 'WH-00000000000000101' });
    expect(sb.packages[0].lines.map((l: any) => l.orderSn).sort()).toEqual(live(b).map((l) => l.lineId).sort());
  });

  test('several tracking numbers of one parent go in ONE call with sendType 1', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    live(o).forEach((l, i) => fill(l, `SGW${i}00000001`, DEMO_CARRIERS[1]));
    const outcomes = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(outcomes.every((x) => x.kind === 'ok')).toBe(true);
    const state = control(world, 'state');
    expect(state.requestsByType['bg.logistics.shipment.v2.confirm']).toBe(1);
    expect(state.shipments[0]).toMatchObject({ parentOrderSn: o.orderId, sendType: 1 });
    expect(state.shipments[0].packages).toHaveLength(live(o).length);
    expect(state.shipments[0].packages[0].carrierId).toBe('998264702');
  });

  test('a parent whose lines are not all filled is held with a clear message and not sent', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    fill(live(o)[0], 'YMT200000001');
    const outcomes = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(outcomes).toEqual([{ key: live(o)[0].key, kind: 'held', message: expect.stringContaining('すべての明細に伝票番号') }]);
    expect(control(world, 'state').requestsByType['bg.logistics.shipment.v2.confirm']).toBeUndefined();
  });

  test('cancelled children do not hold their parent and are not sent', () => {
    const world = temuWorld({ orders: 80 });
    const o = fetched(world).find((x) => x.lines.some((l) => l.status === 'cancelled') && live(x).length > 0)!;
    live(o).forEach((l) => fill(l, 'JP123456789'));
    const outcomes = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(outcomes.map((x) => x.kind)).toEqual(live(o).map(() => 'ok'));
    const sent = control(world, 'state').shipments[0].packages.flatMap((p: any) => p.lines.map((l: any) => l.orderSn));
    expect(sent.sort()).toEqual(live(o).map((l) => l.lineId).sort());
  });

  test('an order Temu already has as shipped counts as success with a note (120012004)', () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    fill(live(o)[0], 'YMT300000001');
    expect(temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false })[0].kind).toBe('ok');
    live(o)[0].tracking = 'YMT300000002';
    const again = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(again).toEqual([{ key: live(o)[0].key, kind: 'already', note: expect.stringContaining('発送済み') }]);
  });

  test('a tracking number used for another parent is refused with a readable message (120014004); others still go', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b, c] = singleLive(fetched(world));
    fill(live(a)[0], 'DUP000000001');
    temuConnector.exportOrders(temuCtx(world), [a], { dryRun: false });
    fill(live(b)[0], 'DUP000000001');
    fill(live(c)[0], 'NEW000000001');
    const out = byKey(temuConnector.exportOrders(temuCtx(world), [b, c], { dryRun: false }));
    expect(out.get(live(b)[0].key)).toEqual({ key: live(b)[0].key, kind: 'error', message: expect.stringMatching(/既に別の注文.*120014004/) });
    expect(out.get(live(c)[0].key)?.kind).toBe('ok');
  });

  test('a carrier Temu does not know is an error naming the candidates; nothing is sent', () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    fill(live(o)[0], 'DHL000000001', { name: 'DHL', temu: 'DHL Express' });
    const [out] = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(out).toMatchObject({ kind: 'error', message: expect.stringContaining('DHL Express') });
    expect((out as { message: string }).message).toContain('Yamato');
    expect(control(world, 'state').requestsByType['bg.logistics.shipment.v2.confirm']).toBeUndefined();
  });

  test('a carrier typed by name or by id matches case-insensitively', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'JPP000000001', { name: '郵便', temu: 'japan post' });
    fill(live(b)[0], 'JPP000000002', { name: 'id', temu: '998264702' });
    const outs = temuConnector.exportOrders(temuCtx(world), [a, b], { dryRun: false });
    expect(outs.map((o) => o.kind)).toEqual(['ok', 'ok']);
    const ids = control(world, 'state').shipments.map((s: any) => s.packages[0].carrierId);
    expect(ids).toEqual(['998264703', '998264702']);
  });

  test('carrier list and warehouse are looked up once per run', () => {
    const world = temuWorld({ orders: 60 });
    const orders = singleLive(fetched(world)).slice(0, 5);
    orders.forEach((o, i) => fill(live(o)[0], `YMT40000000${i}`));
    temuConnector.exportOrders(temuCtx(world), orders, { dryRun: false });
    const byType = control(world, 'state').requestsByType;
    expect(byType['bg.logistics.companies.get']).toBe(1);
    expect(byType['bg.logistics.warehouse.list.get']).toBe(1);
    expect(byType['bg.logistics.shipment.v2.confirm']).toBe(5);
  });

  test('the warehouse of the settings is sent; an invalid one gives the warehouse message (120011085)', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'YMT500000001');
    const ok = temuConnector.exportOrders(temuCtx(world, { warehouseId: 'WH-00000000000000102' }), [a], { dryRun: false });
    expect(ok[0].kind).toBe('ok');
    expect(control(world, 'state').shipments[0].packages[0].warehouseId).toBe('WH-00000000000000102');
    fill(live(b)[0], 'YMT500000002');
    const [bad] = temuConnector.exportOrders(temuCtx(world, { warehouseId: 'WH-404' }), [b], { dryRun: false });
    expect(bad).toMatchObject({ kind: 'error', message: expect.stringMatching(/倉庫.*120011085/) });
  });

  test('dry run previews each shipment and sends nothing', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    live(o).forEach((l) => fill(l, 'YMT600000001'));
    const outs = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: true });
    expect(outs.every((x) => x.kind === 'preview' && x.message.includes(o.orderId) && x.message.includes('YMT600000001'))).toBe(true);
    expect(control(world, 'state').shipments).toEqual([]);
  });

  test('a wrong secret fails every ready line with the signature message; a transient 503 is retried', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'YMT700000001');
    const outs = temuConnector.exportOrders(temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'wrong' } }), [a], { dryRun: false });
    expect(outs).toEqual([{ key: live(a)[0].key, kind: 'error', message: expect.stringContaining('3000001') }]);
    fill(live(b)[0], 'YMT700000002');
    control(world, 'fault', { kind: 503, type: 'bg.logistics.shipment.v2.confirm' });
    control(world, 'fault', { kind: 'code', code: 4000004, type: 'bg.logistics.shipment.v2.confirm' });
    const retried = temuConnector.exportOrders(temuCtx(world), [a, b], { dryRun: false });
    expect(retried.map((x) => x.kind)).toEqual(['ok', 'ok']);
    expect(control(world, 'state').shipments).toHaveLength(2);
  });

  test('Temu refusals on confirm become readable messages with the code (order state, tracking format)', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'YMT800000001');
    fill(live(b)[0], 'YMT800000002');
    control(world, 'fault', { kind: 'code', code: 120012030, type: 'bg.logistics.shipment.v2.confirm' });
    control(world, 'fault', { kind: 'code', code: 120014008, type: 'bg.logistics.shipment.v2.confirm' });
    const outs = temuConnector.exportOrders(temuCtx(world, {}, { locale: 'en' }), [a, b], { dryRun: false });
    expect(outs[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/cancellation request.*120012030/) });
    expect(outs[1]).toMatchObject({ kind: 'error', message: expect.stringMatching(/tracking number is invalid.*120014008/) });
  });

  test('confirms go in groups; what does not fit in the run time budget is held for the next export', () => {
    const world = temuWorld({ orders: 400 });
    const orders = singleLive(fetched(world));
    expect(orders.length).toBeGreaterThan(100);
    orders.forEach((o, i) => fill(live(o)[0], `BUD${String(i).padStart(9, '0')}`));
    const outs = temuConnector.exportOrders(temuCtx(world, {}, { budgetMs: 4000 }), orders, { dryRun: false });
    expect(outs).toHaveLength(orders.length);
    expect(outs.slice(0, 100).every((o) => o.kind === 'ok')).toBe(true);
    expect(outs.slice(100).every((o) => o.kind === 'deferred' && o.message.includes('次回'))).toBe(true);
    expect(control(world, 'state').shipments).toHaveLength(100);
  });
});
