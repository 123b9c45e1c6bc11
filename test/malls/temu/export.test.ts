import type { ExportOrder, LineOutcome } from '../../../src/engine/connector';
import { temuConnector } from '../../../src/malls/temu';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import type { World } from '../../support/worlds';
import {
  control,
  exportOrdersOf,
  fetchAll,
  fill,
  live,
  sandboxOrders,
  temuCtx,
  temuState,
  temuWorld,
  windowReq,
} from './helpers';

function fetched(world: World) {
  const { lines } = fetchAll(temuCtx(world), windowReq(world));
  return exportOrdersOf(lines);
}

const byKey = (outs: LineOutcome[]) => new Map(outs.map((o) => [o.key, o]));

/** Two unshipped parents of one buyer (the sandbox repeats a buyer every tenth order); the first multi-line if asked. */
function sameBuyerPair(world: World, orders: ExportOrder[], firstMulti = false): [ExportOrder, ExportOrder] {
  const buyers = new Map(sandboxOrders(world).map((o) => [o.parentOrderSn, o.buyer]));
  const open = orders.filter((o) => live(o).length > 0 && live(o).every((l) => l.mallStatus === 'UN_SHIPPING'));
  for (const p of open) {
    if (firstMulti && live(p).length < 2) continue;
    const q = open.find((x) => x !== p && buyers.get(x.orderId) === buyers.get(p.orderId));
    if (q) return [p, q];
  }
  throw new Error('no two open parents of one buyer in the sample');
}
const singleLive = (orders: ExportOrder[]) => orders.filter((o) => live(o).length === 1);
const multiLive = (orders: ExportOrder[]) => orders.filter((o) => live(o).length >= 2);

describe('Temu export against the sandbox', () => {
  test('one v2.confirm per ready parent (sendType 0), OK per line, nothing for parents not filled', () => {
    const world = temuWorld({ orders: 40 });
    const orders = fetched(world);
    const [a, b] = multiLive(orders);
    for (const l of live(a)) fill(l, 'YMT100000001');
    for (const l of live(b)) fill(l, '4470-1234-5678'); // symbols are dropped before sending (spec 120014020)
    const outcomes = temuConnector.exportOrders(temuCtx(world), orders, { dryRun: false });
    expect(outcomes.map((o) => o.kind)).toEqual(new Array(live(a).length + live(b).length).fill('ok'));
    const state = temuState(world);
    expect(state.requestsByType['bg.logistics.shipment.v2.confirm']).toBe(2);
    expect(state.shipments.map((s) => s.parentOrderSn).sort()).toEqual([a.orderId, b.orderId].sort());
    const sb = state.shipments.find((s) => s.parentOrderSn === b.orderId)!;
    expect(sb.sendType).toBe(0);
    expect(sb.packages).toHaveLength(1);
    expect(sb.packages[0]).toMatchObject({
      trackingNumber: '447012345678',
      carrierId: '998264701',
      warehouseId: 'WH-00000000000000101',
    });
    expect(sb.packages[0].lines.map((l) => l.orderSn).sort()).toEqual(
      live(b)
        .map((l) => l.lineId)
        .sort(),
    );
  });

  test('several tracking numbers of one parent go in ONE call with sendType 1', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    for (const [i, l] of live(o).entries()) fill(l, `SGW${i}00000001`, DEMO_CARRIERS[1]);
    const outcomes = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(outcomes.every((x) => x.kind === 'ok')).toBe(true);
    const state = temuState(world);
    expect(state.requestsByType['bg.logistics.shipment.v2.confirm']).toBe(1);
    expect(state.shipments[0]).toMatchObject({ parentOrderSn: o.orderId, sendType: 1 });
    expect(state.shipments[0].packages).toHaveLength(live(o).length);
    expect(state.shipments[0].packages[0].carrierId).toBe('998264702');
  });

  test('partial fulfilment: the ready children of a parent ship now (sendType 1), the rest later (sendType 0)', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    const [first, ...rest] = live(o);
    fill(first, 'PRT100000001');
    expect(temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false })).toEqual([
      { key: first.key, kind: 'ok' },
    ]);
    let state = temuState(world);
    expect(state.shipments[0]).toMatchObject({ parentOrderSn: o.orderId, sendType: 1 });
    expect(state.shipments[0].packages[0].lines.map((l) => l.orderSn)).toEqual([first.lineId]);
    // what the engine records: the row is exported, the mall shows it shipped
    Object.assign(first, { exportedTracking: 'PRT100000001', ready: false, mallStatus: 'SHIPPED' });
    for (const l of rest) fill(l, 'PRT100000002');
    const second = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(second.map((x) => x.kind)).toEqual(rest.map(() => 'ok'));
    state = temuState(world);
    expect(state.shipments[1]).toMatchObject({ parentOrderSn: o.orderId, sendType: 0 });
  });

  test('a sibling shipped outside MallSheet (mall status shipped, nothing exported) does not hold the others', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    const [outside, ...rest] = live(o);
    control(world, 'ship', { parentOrderSn: o.orderId, orderSns: [outside.lineId], trackingNumber: 'SC0000000001' });
    outside.mallStatus = 'SHIPPED'; // as the next fetch shows it
    for (const l of rest) fill(l, 'OUT100000001');
    const outcomes = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(outcomes.map((x) => x.kind)).toEqual(rest.map(() => 'ok'));
    expect(temuState(world).shipments[1].packages[0].lines.map((l) => l.orderSn)).toEqual(rest.map((l) => l.lineId));
  });

  test('children with one tracking number go in one call: a sibling with that number that is not ready holds them', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    const [a, b] = live(o);
    fill(a, 'SAM100000001');
    fill(b, 'SAM100000001');
    Object.assign(b, { ready: false, shippedOn: '' }); // no ship date yet
    const held = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(held).toEqual([
      { key: a.key, kind: 'held', message: expect.stringMatching(new RegExp(`SAM100000001.*${b.lineId}`)) },
    ]);
    expect(temuState(world).requestsByType['bg.logistics.shipment.v2.confirm']).toBeUndefined();
    fill(b, 'SAM100000001');
    expect(
      temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false }).filter((x) => x.kind === 'ok'),
    ).toHaveLength(2);
    const pkg = temuState(world).shipments[0].packages;
    expect(pkg).toHaveLength(1);
    expect(pkg[0].lines.map((l) => l.orderSn).sort()).toEqual([a.lineId, b.lineId].sort());
  });

  test('cancelled children do not hold their parent and are not sent', () => {
    const world = temuWorld({ orders: 80 });
    const o = fetched(world).find((x) => x.lines.some((l) => l.status === 'cancelled') && live(x).length > 0)!;
    for (const l of live(o)) fill(l, 'JP123456789');
    const outcomes = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(outcomes.map((x) => x.kind)).toEqual(live(o).map(() => 'ok'));
    const sent = temuState(world).shipments[0].packages.flatMap((p) => p.lines.map((l) => l.orderSn));
    expect(sent.sort()).toEqual(
      live(o)
        .map((l) => l.lineId)
        .sort(),
    );
  });

  test('a tracking number changed after export goes through shippingtype.update; the mall then holds the new one', () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    const [line] = live(o);
    fill(line, 'YMT300000001');
    expect(temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false })[0].kind).toBe('ok');
    Object.assign(line, { exportedTracking: 'YMT300000001', tracking: 'YMT300000002', mallStatus: 'SHIPPED' });
    const again = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(again).toEqual([{ key: line.key, kind: 'ok', note: expect.stringMatching(/YMT300000001.*YMT300000002/) }]);
    expect(temuState(world).edits).toEqual([expect.objectContaining({ from: 'YMT300000001', to: 'YMT300000002' })]);
    expect(temuState(world).requestsByType['bg.logistics.shipment.v2.confirm']).toBe(1);
  });

  test('when Temu refuses the change, the row fails and says the mall keeps the old number', () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    const [line] = live(o);
    fill(line, 'YMT310000001');
    temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    Object.assign(line, { exportedTracking: 'YMT310000001', tracking: 'YMT310000002', mallStatus: 'SHIPPED' });
    control(world, 'fault', { kind: 'code', code: 120015529, type: 'bg.logistics.shipment.shippingtype.update' });
    const [out] = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(out).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/YMT310000002.*YMT310000001.*120015529/),
    });
  });

  test('"already shipped" counts only when Temu holds the same number (120012004 checked with v2.get)', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    control(world, 'ship', { parentOrderSn: a.orderId, trackingNumber: 'SC0000000001' });
    control(world, 'ship', { parentOrderSn: b.orderId, trackingNumber: 'SC0000000002' });
    fill(live(a)[0], 'SC0000000001');
    fill(live(b)[0], 'YMT320000001');
    const out = byKey(temuConnector.exportOrders(temuCtx(world), [a, b], { dryRun: false }));
    expect(out.get(live(a)[0].key)).toMatchObject({ kind: 'already', note: expect.stringContaining('SC0000000001') });
    expect(out.get(live(b)[0].key)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/SC0000000002.*YMT320000001/),
    });
  });

  test('"already shipped" that cannot be verified is not a success', () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    control(world, 'ship', { parentOrderSn: o.orderId, trackingNumber: 'SC0000000003' });
    fill(live(o)[0], 'SC0000000003');
    control(world, 'fault', { kind: 'code', code: 3000032, type: 'bg.logistics.shipment.v2.get' });
    const [out] = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(out).toMatchObject({ kind: 'error', message: expect.stringContaining('3000032') });
  });

  test('同梱: parents exported with one tracking number go in ONE sendType 2 call with every child', () => {
    const world = temuWorld({ orders: 60 });
    const orders = fetched(world);
    const [p, q] = sameBuyerPair(world, orders);
    for (const l of [...live(p), ...live(q)]) fill(l, 'CMB100000001');
    const outcomes = temuConnector.exportOrders(temuCtx(world), [p, q], { dryRun: false });
    expect(outcomes.map((x) => x.kind)).toEqual([...live(p), ...live(q)].map(() => 'ok'));
    const state = temuState(world);
    expect(state.requestsByType['bg.logistics.shipment.v2.confirm']).toBe(1);
    expect(state.shipments[0]).toMatchObject({ sendType: 2, parentOrderSns: [p.orderId, q.orderId] });
    expect(state.shipments[0].packages).toHaveLength(1);
  });

  test('同梱: a parent whose children cannot all go with that number is held; the other ships alone', () => {
    const world = temuWorld({ orders: 60 });
    const orders = fetched(world);
    const [p, q] = sameBuyerPair(world, orders, true);
    fill(live(p)[0], 'CMB200000001');
    for (const l of live(q)) fill(l, 'CMB200000001');
    const out = byKey(temuConnector.exportOrders(temuCtx(world), [p, q], { dryRun: false }));
    expect(out.get(live(p)[0].key)).toMatchObject({
      kind: 'held',
      message: expect.stringMatching(new RegExp(`CMB200000001.*${p.orderId}.*${live(p)[1].lineId}`)),
    });
    expect(live(q).map((l) => out.get(l.key)?.kind)).toEqual(live(q).map(() => 'ok'));
    expect(temuState(world).shipments).toEqual([expect.objectContaining({ parentOrderSns: [q.orderId], sendType: 0 })]);
  });

  test('a tracking number used for another parent is refused with a readable message (120014004); others still go', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b, c] = singleLive(fetched(world));
    fill(live(a)[0], 'DUP000000001');
    temuConnector.exportOrders(temuCtx(world), [a], { dryRun: false });
    fill(live(b)[0], 'DUP000000001');
    fill(live(c)[0], 'NEW000000001');
    const out = byKey(temuConnector.exportOrders(temuCtx(world), [b, c], { dryRun: false }));
    expect(out.get(live(b)[0].key)).toEqual({
      key: live(b)[0].key,
      kind: 'error',
      message: expect.stringMatching(/既に別の注文.*120014004/),
    });
    expect(out.get(live(c)[0].key)?.kind).toBe('ok');
  });

  test('a carrier Temu does not know is an error naming the candidates; nothing is sent', () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    fill(live(o)[0], 'DHL000000001', { name: 'DHL', temu: 'DHL Express' });
    const [out] = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false });
    expect(out).toMatchObject({ kind: 'error', message: expect.stringContaining('DHL Express') });
    expect((out as { message: string }).message).toContain('Yamato');
    expect(temuState(world).requestsByType['bg.logistics.shipment.v2.confirm']).toBeUndefined();
  });

  test('a carrier typed by name or by id matches case-insensitively', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'JPP000000001', { name: '郵便', temu: 'japan post' });
    fill(live(b)[0], 'JPP000000002', { name: 'id', temu: '998264702' });
    const outs = temuConnector.exportOrders(temuCtx(world), [a, b], { dryRun: false });
    expect(outs.map((o) => o.kind)).toEqual(['ok', 'ok']);
    const ids = temuState(world).shipments.map((s) => s.packages[0].carrierId);
    expect(ids).toEqual(['998264703', '998264702']);
  });

  test("carriers are looked up for the token's region, not a fixed 100 for every global shop", () => {
    const world = temuWorld({ orders: 40 });
    const o = singleLive(fetched(world))[0];
    control(world, 'region', { regionId: 134 }); // a store of the global host outside Japan
    fill(live(o)[0], 'YMT900000001');
    expect(temuConnector.exportOrders(temuCtx(world), [o], { dryRun: false }).map((x) => x.kind)).toEqual(['ok']);
    const asked = world.http.sent
      .filter((r) => r.body?.includes('bg.logistics.companies.get'))
      .map((r) => JSON.parse(r.body!).regionId);
    expect(asked).toEqual([134]);
  });

  test('carrier list and warehouse are looked up once per run', () => {
    const world = temuWorld({ orders: 60 });
    const orders = singleLive(fetched(world)).slice(0, 5);
    for (const [i, o] of orders.entries()) fill(live(o)[0], `YMT40000000${i}`);
    temuConnector.exportOrders(temuCtx(world), orders, { dryRun: false });
    const byType = temuState(world).requestsByType;
    expect(byType['bg.logistics.companies.get']).toBe(1);
    expect(byType['bg.logistics.warehouse.list.get']).toBe(1);
    expect(byType['bg.logistics.shipment.v2.confirm']).toBe(5);
  });

  test('the warehouse of the settings is sent; an invalid one gives the warehouse message (120011085)', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'YMT500000001');
    const ok = temuConnector.exportOrders(temuCtx(world, { warehouseId: 'WH-00000000000000102' }), [a], {
      dryRun: false,
    });
    expect(ok[0].kind).toBe('ok');
    expect(temuState(world).shipments[0].packages[0].warehouseId).toBe('WH-00000000000000102');
    fill(live(b)[0], 'YMT500000002');
    const [bad] = temuConnector.exportOrders(temuCtx(world, { warehouseId: 'WH-404' }), [b], { dryRun: false });
    expect(bad).toMatchObject({ kind: 'error', message: expect.stringMatching(/倉庫.*120011085/) });
  });

  test('dry run previews each shipment and sends nothing', () => {
    const world = temuWorld({ orders: 40 });
    const o = multiLive(fetched(world))[0];
    for (const l of live(o)) fill(l, 'YMT600000001');
    const outs = temuConnector.exportOrders(temuCtx(world), [o], { dryRun: true });
    expect(
      outs.every((x) => x.kind === 'preview' && x.message.includes(o.orderId) && x.message.includes('YMT600000001')),
    ).toBe(true);
    expect(temuState(world).shipments).toEqual([]);
  });

  test('a wrong secret fails every ready line with the signature message; a transient 503 is retried', () => {
    const world = temuWorld({ orders: 40 });
    const [a, b] = singleLive(fetched(world));
    fill(live(a)[0], 'YMT700000001');
    const outs = temuConnector.exportOrders(
      temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'wrong' } }),
      [a],
      { dryRun: false },
    );
    expect(outs).toEqual([{ key: live(a)[0].key, kind: 'error', message: expect.stringContaining('3000001') }]);
    fill(live(b)[0], 'YMT700000002');
    control(world, 'fault', { kind: 503, type: 'bg.logistics.shipment.v2.confirm' });
    control(world, 'fault', { kind: 'code', code: 4000004, type: 'bg.logistics.shipment.v2.confirm' });
    const retried = temuConnector.exportOrders(temuCtx(world), [a, b], { dryRun: false });
    expect(retried.map((x) => x.kind)).toEqual(['ok', 'ok']);
    expect(temuState(world).shipments).toHaveLength(2);
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
    expect(outs[1]).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/tracking number is invalid.*120014008/),
    });
  });

  test('confirms go in groups; what does not fit in the run time budget is held for the next export', () => {
    const world = temuWorld({ orders: 400 });
    const orders = singleLive(fetched(world));
    expect(orders.length).toBeGreaterThan(100);
    for (const [i, o] of orders.entries()) fill(live(o)[0], `BUD${String(i).padStart(9, '0')}`);
    const outs = temuConnector.exportOrders(temuCtx(world, {}, { budgetMs: 4000 }), orders, { dryRun: false });
    expect(outs).toHaveLength(orders.length);
    expect(outs.slice(0, 100).every((o) => o.kind === 'ok')).toBe(true);
    expect(outs.slice(100).every((o) => o.kind === 'deferred' && o.message.includes('次回'))).toBe(true);
    expect(temuState(world).shipments).toHaveLength(100);
  });
});
