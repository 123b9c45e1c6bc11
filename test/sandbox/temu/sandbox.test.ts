import { Sandbox } from '../../../src/sandbox/sandbox';
import { TEMU_SANDBOX_CREDENTIALS, createTemuSandbox } from '../../../src/sandbox/temu';
import { signParams } from '../../../src/malls/temu/sign';
import { nodeCrypto } from '../../../src/node/crypto';
import { VirtualClock } from '../../../src/engine/memory-ports';

const { appKey, appSecret, accessToken } = TEMU_SANDBOX_CREDENTIALS;

function world(orders = 30) {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: () => clock.now(), seed: 3, orders });
  /** A signed router call; `over` replaces common params after signing inputs are built, `secret` signs. */
  const call = (type: string, params: Record<string, unknown> = {}, opts: { over?: Record<string, unknown>; secret?: string; tamper?: boolean } = {}) => {
    const p: Record<string, unknown> = { type, app_key: appKey, access_token: accessToken, timestamp: Math.floor(clock.now() / 1000), data_type: 'JSON', ...params, ...opts.over };
    const sign = signParams(p, opts.secret ?? appSecret, nodeCrypto.md5Hex);
    const sent = opts.tamper ? { ...p, pageSize: 99, sign } : { ...p, sign };
    const res = sandbox.handle({ method: 'POST', path: '/openapi/router', query: {}, headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent) });
    return JSON.parse(res.body);
  };
  const temu = sandbox.mall('temu');
  const orderList = () => temu.control('orders', {}) as { parentOrderSn: string; status: number; children: { orderSn: string; status: number; quantity: number }[] }[];
  return { clock, sandbox, call, temu, orderList };
}

describe('Temu sandbox: gateway checks (docs/malls/temu.md §5, §6)', () => {
  test('a correctly signed call succeeds with errorCode 1000000', () => {
    const w = world();
    expect(w.call('bg.open.accesstoken.info.get')).toMatchObject({ success: true, errorCode: 1000000, result: { regionId: 100 } });
  });

  test('a wrong secret or a body changed after signing → 3000001', () => {
    const w = world();
    expect(w.call('bg.order.list.v2.get', { pageSize: 10 }, { secret: 'other' })).toMatchObject({ success: false, errorCode: 3000001 });
    expect(w.call('bg.order.list.v2.get', { pageSize: 10 }, { tamper: true })).toMatchObject({ success: false, errorCode: 3000001 });
    expect(w.call('bg.order.list.v2.get', {}, { over: { app_key: 'unknown' } })).toMatchObject({ errorCode: 3000001 });
  });

  test('timestamps: outside ±300 s → 3000011, not 10-digit seconds → 3000012', () => {
    const w = world();
    const now = Math.floor(w.clock.now() / 1000);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: now - 301 } }).errorCode).toBe(3000011);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: now + 301 } }).errorCode).toBe(3000011);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: now - 299 } }).success).toBe(true);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: w.clock.now() } }).errorCode).toBe(3000012);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: String(now) } }).success).toBe(true);
  });

  test('tokens: unknown → 3000033, expired → 3000034; unknown type → 3000003', () => {
    const w = world();
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { access_token: 'x' } }).errorCode).toBe(3000033);
    expect(w.call('bg.nothing.here').errorCode).toBe(3000003);
    w.temu.control('expire', {});
    expect(w.call('bg.open.accesstoken.info.get').errorCode).toBe(3000034);
  });

  test('rate limit: the 21st request within one second per app key → 4000004, fine a second later', () => {
    const w = world();
    const codes = Array.from({ length: 21 }, () => w.call('bg.logistics.warehouse.list.get').errorCode);
    expect(codes.slice(0, 20).every((c) => c === 1000000)).toBe(true);
    expect(codes[20]).toBe(4000004);
    w.clock.advance(1000);
    expect(w.call('bg.logistics.warehouse.list.get').errorCode).toBe(1000000);
  });

  test('fault injection: HTTP 503 then malformed JSON, each for one request', () => {
    const w = world();
    w.temu.control('fault', { kind: 503 });
    w.temu.control('fault', { kind: 'malformed' });
    const body = JSON.stringify({ type: 'x' });
    const req = { method: 'POST', path: '/openapi/router', query: {}, headers: {}, body };
    expect(w.sandbox.handle(req).status).toBe(503);
    expect(() => JSON.parse(w.sandbox.handle(req).body)).toThrow();
    expect(w.call('bg.open.accesstoken.info.get').success).toBe(true);
  });
});

describe('Temu sandbox: orders (docs/malls/temu.md §3)', () => {
  test('pages by status and creation window; pairs, seconds and pageSize are enforced', () => {
    const w = world(250);
    const now = Math.floor(w.clock.now() / 1000);
    const window = { createAfter: now - 7 * 86400, createBefore: now };
    const unshipped = w.orderList().filter((o) => o.status === 2).map((o) => o.parentOrderSn);
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = w.call('bg.order.list.v2.get', { pageNumber: page, pageSize: 100, parentOrderStatus: 2, ...window });
      expect(r.result.totalItemNum).toBe(unshipped.length);
      seen.push(...r.result.pageItems.map((i: any) => i.parentOrderMap.parentOrderSn));
      w.clock.advance(1000);
    }
    expect(seen.sort()).toEqual([...unshipped].sort());
    expect(w.call('bg.order.list.v2.get', { pageSize: 101 }).errorCode).toBe(140020011);
    expect(w.call('bg.order.list.v2.get', { createAfter: now - 100 }).errorCode).toBe(140020013);
    expect(w.call('bg.order.list.v2.get', { createAfter: (now - 100) * 1000, createBefore: now * 1000 }).errorCode).toBe(140020014);
    expect(w.call('bg.order.list.v2.get', { createAfter: now, createBefore: now - 5 }).errorCode).toBe(140020012);
    const none = w.call('bg.order.list.v2.get', { createAfter: now - 30 * 86400, createBefore: now - 10 * 86400 });
    expect(none.result).toEqual({ totalItemNum: 0, pageItems: [] });
  });

  test('deterministic per seed, different across seeds; 10,000 orders are cheap', () => {
    const clock = new VirtualClock();
    const a = createTemuSandbox({ now: () => clock.now(), seed: 5 }).control('orders', {});
    const b = createTemuSandbox({ now: () => clock.now(), seed: 5 }).control('orders', {});
    const c = createTemuSandbox({ now: () => clock.now(), seed: 6 }).control('orders', {});
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect((a as unknown[]).length).toBe(25);
    const t0 = Date.now();
    const big = createTemuSandbox({ now: () => clock.now(), seed: 5, orders: 10_000 }).control('orders', {}) as { status: number }[];
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(big).toHaveLength(10_000);
    expect(big.filter((o) => o.status === 3).length).toBeGreaterThan(300);
  });

  test("'advance' moves PENDING orders on (or one order to a given status) and stamps the update time", () => {
    const w = world(60);
    const pending = w.orderList().filter((o) => o.status === 1).map((o) => o.parentOrderSn);
    expect(pending.length).toBeGreaterThan(0);
    w.clock.advance(5000);
    expect(w.temu.control('advance', {})).toEqual({ ok: true, changed: pending.length });
    expect(w.orderList().filter((o) => pending.includes(o.parentOrderSn)).every((o) => o.status === 2)).toBe(true);
    const now = Math.floor(w.clock.now() / 1000);
    const updated = w.call('bg.order.list.v2.get', { pageSize: 100, updateAtStart: now - 1, updateAtEnd: now });
    expect(updated.result.pageItems.map((i: any) => i.parentOrderMap.parentOrderSn).sort()).toEqual([...pending].sort());
    expect(w.temu.control('advance', { parentOrderSn: pending[0], status: 'SHIPPED' })).toEqual({ ok: true, changed: 1 });
    expect(w.temu.control('advance', { status: 'LOST' })).toMatchObject({ ok: false });
  });

  test('amount query is refused with 3000032 once permission is denied', () => {
    const w = world();
    const sn = w.orderList()[0].parentOrderSn;
    expect(w.call('bg.order.amount.query', { parentOrderSn: sn }).result.orderList[0].unitRetailPrice.currency).toBe('JPY');
    w.temu.control('deny-amounts', {});
    expect(w.call('bg.order.amount.query', { parentOrderSn: sn }).errorCode).toBe(3000032);
  });
});

describe('Temu sandbox: v2.confirm rules (docs/malls/temu.md §1.2, §1.3)', () => {
  function setup() {
    const w = world(60);
    const order = w.orderList().find((o) => o.status === 2 && o.children.filter((c) => c.status !== 3).length >= 2)!;
    const liveChildren = order.children.filter((c) => c.status !== 3);
    const lines = liveChildren.map((c) => ({ parentOrderSn: order.parentOrderSn, orderSn: c.orderSn, quantity: c.quantity }));
    const pkg = (trackingNumber: string, ls = lines, extra: Record<string, unknown> = {}) => ({ carrierId: 998264701, trackingNumber, selfShippingWarehouseId: 'WH-00000000000000101', orderSendInfoList: ls, ...extra });
    const confirm = (params: Record<string, unknown>) => w.call('bg.logistics.shipment.v2.confirm', params);
    return { w, order, lines, pkg, confirm };
  }

  test('refuses partial parents, bad carriers, warehouses and tracking numbers with their codes', () => {
    const { lines, pkg, confirm } = setup();
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines.slice(1))] }).errorCode).toBe(120012016);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines.map((l) => ({ ...l, quantity: l.quantity + 1 })))] }).errorCode).toBe(120012016);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines, { carrierId: 1 })] }).errorCode).toBe(120014022);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines, { selfShippingWarehouseId: undefined })] }).errorCode).toBe(120015527);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines, { selfShippingWarehouseId: 'WH-1' })] }).errorCode).toBe(120011085);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB-1')] }).errorCode).toBe(120014020);
    expect(confirm({ sendType: 0, sendRequestList: [pkg(' ')] }).errorCode).toBe(120014001);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1'), pkg('AB2')] }).errorCode).toBe(120012016);
    expect(confirm({ sendType: 1, sendRequestList: [pkg('AB1', lines.slice(0, 1)), pkg('AB1', lines.slice(1))] }).errorCode).toBe(120014003);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', [lines[0], { ...lines[1], parentOrderSn: 'PO-100-0' }])] }).errorCode).toBe(120012016);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', [{ ...lines[0], parentOrderSn: 'PO-100-0' }])] }).errorCode).toBe(120012007);
  });

  test('ships once: then 120012004; the same tracking number on another parent → 120014004', () => {
    const { w, order, pkg, confirm } = setup();
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK1')] })).toMatchObject({ success: true, result: { warningMessage: [] } });
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK2')] }).errorCode).toBe(120012004);
    expect(w.orderList().find((o) => o.parentOrderSn === order.parentOrderSn)!.status).toBe(4);
    const other = w.orderList().find((o) => o.status === 2)!;
    const otherLines = other.children.filter((c) => c.status !== 3).map((c) => ({ parentOrderSn: other.parentOrderSn, orderSn: c.orderSn, quantity: c.quantity }));
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK1', otherLines)] }).errorCode).toBe(120014004);
    const state = w.temu.control('state', {}) as { shipments: unknown[] };
    expect(state.shipments).toHaveLength(1);
  });

  test('a cancelled parent cannot ship', () => {
    const { w, order, pkg, confirm } = setup();
    w.temu.control('cancel', { parentOrderSn: order.parentOrderSn });
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK9')] }).errorCode).toBe(120012007);
  });
});
