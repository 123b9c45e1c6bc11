import { VirtualClock } from '../../../src/engine/memory-ports';
import { signParams } from '../../../src/malls/temu/sign';
import { nodeCrypto } from '../../../src/node/crypto';
import { answered } from '../../../src/sandbox/controls';
import { Sandbox } from '../../../src/sandbox/sandbox';
import { createTemuSandbox, TEMU_SANDBOX_CREDENTIALS, type TemuOrderView } from '../../../src/sandbox/temu';

const { appKey, appSecret, accessToken } = TEMU_SANDBOX_CREDENTIALS;

/** What a test reads of a bg.order.list.v2.get page item. */
type ListItem = { parentOrderMap: { parentOrderSn: string } };

function world(orders = 30) {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: () => clock.now(), seed: 3, orders });
  /** A signed router call; `over` replaces common params after signing inputs are built, `secret` signs. */
  const call = (
    type: string,
    params: Record<string, unknown> = {},
    opts: { over?: Record<string, unknown>; secret?: string; tamper?: boolean } = {},
  ) => {
    const p: Record<string, unknown> = {
      type,
      app_key: appKey,
      access_token: accessToken,
      timestamp: Math.floor(clock.now() / 1000),
      data_type: 'JSON',
      ...params,
      ...opts.over,
    };
    const sign = signParams(p, opts.secret ?? appSecret, nodeCrypto.md5Hex);
    const sent = opts.tamper ? { ...p, pageSize: 99, sign } : { ...p, sign };
    const res = sandbox.handle({
      method: 'POST',
      path: '/openapi/router',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sent),
    });
    return JSON.parse(res.body);
  };
  const temu = sandbox.mall('temu');
  const orderList = () => sandbox.orders('temu');
  return { clock, sandbox, call, temu, orderList };
}

describe('Temu sandbox: gateway checks (docs/malls/temu.md §5, §6)', () => {
  test('a correctly signed call succeeds with errorCode 1000000', () => {
    const w = world();
    expect(w.call('bg.open.accesstoken.info.get')).toMatchObject({
      success: true,
      errorCode: 1000000,
      result: { regionId: 100 },
    });
  });

  test('a wrong secret or a body changed after signing → 3000001', () => {
    const w = world();
    expect(w.call('bg.order.list.v2.get', { pageSize: 10 }, { secret: 'other' })).toMatchObject({
      success: false,
      errorCode: 3000001,
    });
    expect(w.call('bg.order.list.v2.get', { pageSize: 10 }, { tamper: true })).toMatchObject({
      success: false,
      errorCode: 3000001,
    });
  });

  test('timestamps as the gateway table defines them: none 3000010, future 3000011, expired 3000012', () => {
    const w = world();
    const now = Math.floor(w.clock.now() / 1000);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: undefined } }).errorCode).toBe(3000010);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: now + 301 } }).errorCode).toBe(3000011);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: w.clock.now() } }).errorCode).toBe(3000011);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: now - 301 } }).errorCode).toBe(3000012);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: now - 299 } }).success).toBe(true);
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { timestamp: String(now) } }).success).toBe(true);
  });

  test('app key and fields: unknown key 3000026, suspended app 3000028, no data_type 3000013, no sign 3000040', () => {
    const w = world();
    expect(w.call('bg.order.list.v2.get', {}, { over: { app_key: 'unknown' } }).errorCode).toBe(3000026);
    expect(w.call('bg.order.list.v2.get', {}, { over: { data_type: undefined } }).errorCode).toBe(3000013);
    const unsigned = {
      type: 'bg.open.accesstoken.info.get',
      app_key: appKey,
      access_token: accessToken,
      timestamp: Math.floor(w.clock.now() / 1000),
      data_type: 'JSON',
    };
    const res = w.sandbox.handle({
      method: 'POST',
      path: '/openapi/router',
      query: {},
      headers: {},
      body: JSON.stringify(unsigned),
    });
    expect(JSON.parse(res.body).errorCode).toBe(3000040);
    w.temu.control('suspend', {});
    expect(w.call('bg.open.accesstoken.info.get').errorCode).toBe(3000028);
  });

  test('tokens: unknown → 3000031, expired → 3000034; unknown type → 3000003', () => {
    const w = world();
    expect(w.call('bg.open.accesstoken.info.get', {}, { over: { access_token: 'x' } }).errorCode).toBe(3000031);
    expect(w.call('bg.nothing.here').errorCode).toBe(3000003);
    w.temu.control('expire', {});
    expect(w.call('bg.open.accesstoken.info.get').errorCode).toBe(3000034);
  });

  test('the token lists v1 API names, as every public token sample does', () => {
    const w = world();
    const scopes: string[] = w.call('bg.open.accesstoken.info.get').result.apiScopeList;
    expect(scopes).toEqual(
      expect.arrayContaining(['bg.order.list.get', 'bg.order.shippinginfo.get', 'bg.logistics.shipment.confirm']),
    );
    expect(scopes.some((s) => s.includes('.v2.'))).toBe(false);
  });

  test("carriers are served for the store's region only (regionId required)", () => {
    const w = world();
    expect(w.call('bg.logistics.companies.get', { regionId: 100 }).result).toHaveLength(3);
    expect(w.call('bg.logistics.companies.get').errorCode).toBe(120011020);
    w.temu.control('region', { regionId: 134 });
    expect(w.call('bg.open.accesstoken.info.get').result.regionId).toBe(134);
    expect(w.call('bg.logistics.companies.get', { regionId: 100 }).result).toEqual([]);
    expect(w.call('bg.logistics.companies.get', { regionId: 134 }).result).toHaveLength(3);
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
    const unshipped = w
      .orderList()
      .filter((o) => o.status === 2)
      .map((o) => o.parentOrderSn);
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = w.call('bg.order.list.v2.get', { pageNumber: page, pageSize: 100, parentOrderStatus: 2, ...window });
      expect(r.result.totalItemNum).toBe(unshipped.length);
      seen.push(...r.result.pageItems.map((i: ListItem) => i.parentOrderMap.parentOrderSn));
      w.clock.advance(1000);
    }
    expect(seen.sort()).toEqual([...unshipped].sort());
    expect(w.call('bg.order.list.v2.get', { pageSize: 101 }).errorCode).toBe(140020011);
    expect(w.call('bg.order.list.v2.get', { createAfter: now - 100 }).errorCode).toBe(140020013);
    expect(
      w.call('bg.order.list.v2.get', { createAfter: (now - 100) * 1000, createBefore: now * 1000 }).errorCode,
    ).toBe(140020014);
    expect(w.call('bg.order.list.v2.get', { createAfter: now, createBefore: now - 5 }).errorCode).toBe(140020012);
    const none = w.call('bg.order.list.v2.get', { createAfter: now - 30 * 86400, createBefore: now - 10 * 86400 });
    expect(none.result).toEqual({ totalItemNum: 0, pageItems: [] });
  });

  test('deterministic per seed, different across seeds; 10,000 orders on request', () => {
    const clock = new VirtualClock();
    const a = createTemuSandbox({ now: () => clock.now(), seed: 5 }).control('orders', {});
    const b = createTemuSandbox({ now: () => clock.now(), seed: 5 }).control('orders', {});
    const c = createTemuSandbox({ now: () => clock.now(), seed: 6 }).control('orders', {});
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(answered<{ orders: unknown[] }>(a).orders.length).toBe(25);
    const big = answered<{ orders: TemuOrderView[] }>(
      createTemuSandbox({ now: () => clock.now(), seed: 5, orders: 10_000 }).control('orders', {}),
    ).orders;
    expect(big).toHaveLength(10_000);
    expect(big.filter((o) => o.status === 3).length).toBeGreaterThan(300);
  });

  test("'advance' moves PENDING orders on (or one order to a given status) and stamps the update time", () => {
    const w = world(60);
    const pending = w
      .orderList()
      .filter((o) => o.status === 1)
      .map((o) => o.parentOrderSn);
    expect(pending.length).toBeGreaterThan(0);
    w.clock.advance(5000);
    expect(w.temu.control('advance', {})).toEqual({ ok: true, changed: pending.length });
    expect(
      w
        .orderList()
        .filter((o) => pending.includes(o.parentOrderSn))
        .every((o) => o.status === 2),
    ).toBe(true);
    const now = Math.floor(w.clock.now() / 1000);
    const updated = w.call('bg.order.list.v2.get', { pageSize: 100, updateAtStart: now - 1, updateAtEnd: now });
    expect(updated.result.pageItems.map((i: ListItem) => i.parentOrderMap.parentOrderSn).sort()).toEqual(
      [...pending].sort(),
    );
    expect(w.temu.control('advance', { parentOrderSn: pending[0], status: 'SHIPPED' })).toEqual({
      ok: true,
      changed: 1,
    });
    expect(w.temu.control('advance', { status: 'LOST' })).toMatchObject({ ok: false });
  });

  test('amount query is refused with 3000032 once permission is denied', () => {
    const w = world();
    const sn = w.orderList()[0].parentOrderSn;
    expect(w.call('bg.order.amount.query', { parentOrderSn: sn }).result.orderList[0].unitRetailPrice.currency).toBe(
      'JPY',
    );
    w.temu.control('deny-amounts', {});
    expect(w.call('bg.order.amount.query', { parentOrderSn: sn }).errorCode).toBe(3000032);
  });
});

describe('Temu sandbox: v2.confirm rules (docs/malls/temu.md §1.2, §1.3)', () => {
  function setup() {
    const w = world(60);
    const all = w.orderList();
    const liveOf = (o: (typeof all)[number]) => o.children.filter((c) => c.status !== 3);
    const order = all.find((o) => o.status === 2 && liveOf(o).length >= 2)!;
    const linesOf = (o: (typeof all)[number]) =>
      liveOf(o).map((c) => ({ parentOrderSn: o.parentOrderSn, orderSn: c.orderSn, quantity: c.quantity }));
    const lines = linesOf(order);
    const pkg = (trackingNumber: string, ls = lines, extra: Record<string, unknown> = {}) => ({
      carrierId: 998264701,
      trackingNumber,
      selfShippingWarehouseId: 'WH-00000000000000101',
      orderSendInfoList: ls,
      ...extra,
    });
    const confirm = (params: Record<string, unknown>) => w.call('bg.logistics.shipment.v2.confirm', params);
    const status = (sn: string) => w.orderList().find((o) => o.parentOrderSn === sn)!;
    return { w, all, order, lines, linesOf, pkg, confirm, status };
  }

  test('refuses bad quantities, carriers, warehouses and tracking numbers with their codes', () => {
    const { lines, pkg, confirm } = setup();
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines.slice(1))] }).errorCode).toBe(120012016);
    expect(
      confirm({
        sendType: 0,
        sendRequestList: [
          pkg(
            'AB1',
            lines.map((l) => ({ ...l, quantity: l.quantity + 1 })),
          ),
        ],
      }).errorCode,
    ).toBe(120012016);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines, { carrierId: 1 })] }).errorCode).toBe(120014022);
    expect(
      confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines, { selfShippingWarehouseId: undefined })] }).errorCode,
    ).toBe(120015527);
    expect(
      confirm({ sendType: 0, sendRequestList: [pkg('AB1', lines, { selfShippingWarehouseId: 'WH-1' })] }).errorCode,
    ).toBe(120011085);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB-1')] }).errorCode).toBe(120014020);
    expect(confirm({ sendType: 0, sendRequestList: [pkg(' ')] }).errorCode).toBe(120014001);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('AB1'), pkg('AB2')] }).errorCode).toBe(120011020);
    expect(confirm({ sendType: 3, sendRequestList: [pkg('AB1')] }).errorCode).toBe(120011020);
    expect(
      confirm({ sendType: 1, sendRequestList: [pkg('AB1', lines.slice(0, 1)), pkg('AB1', lines.slice(1))] }).errorCode,
    ).toBe(120014003);
    expect(
      confirm({ sendType: 0, sendRequestList: [pkg('AB1', [lines[0], { ...lines[1], parentOrderSn: 'PO-100-0' }])] })
        .errorCode,
    ).toBe(120012016);
    expect(
      confirm({ sendType: 0, sendRequestList: [pkg('AB1', [{ ...lines[0], parentOrderSn: 'PO-100-0' }])] }).errorCode,
    ).toBe(120012007);
  });

  test('partial fulfilment within a parent: sendType 1 ships some children now, the rest later', () => {
    const { w, order, lines, pkg, confirm, status } = setup();
    expect(confirm({ sendType: 1, sendRequestList: [pkg('PART1', lines.slice(0, 1))] }).success).toBe(true);
    expect(status(order.parentOrderSn).status).toBe(41);
    expect(status(order.parentOrderSn).children.find((c) => c.orderSn === lines[0].orderSn)!.status).toBe(4);
    // a shipped child cannot ship again; the others still can, with a new tracking number
    expect(confirm({ sendType: 1, sendRequestList: [pkg('PART2', lines.slice(0, 1))] }).errorCode).toBe(120012004);
    expect(confirm({ sendType: 1, sendRequestList: [pkg('PART1', lines.slice(1))] }).errorCode).toBe(120014004);
    expect(confirm({ sendType: 0, sendRequestList: [pkg('PART3', lines.slice(1))] }).success).toBe(true);
    expect(status(order.parentOrderSn).status).toBe(4);
    expect(w.sandbox.state('temu').shipments).toHaveLength(2);
  });

  test('sendType 1 with one package plus subSendRequests (the official example) is accepted', () => {
    const { w, lines, pkg, confirm } = setup();
    const sub = { carrierId: 998264701, trackingNumber: 'SUB1', selfShippingWarehouseId: 'WH-00000000000000101' };
    expect(confirm({ sendType: 1, sendRequestList: [pkg('MAIN1', lines, { subSendRequests: [sub] })] }).success).toBe(
      true,
    );
    const state = w.sandbox.state('temu');
    expect(state.shipments[0].packages[0]).toMatchObject({
      trackingNumber: 'MAIN1',
      subPackages: [{ trackingNumber: 'SUB1' }],
    });
    const many = Array.from({ length: 11 }, (_, i) => ({ ...sub, trackingNumber: `SUBX${i}` }));
    const other = setup();
    expect(
      other.confirm({ sendType: 1, sendRequestList: [other.pkg('MAIN2', other.lines, { subSendRequests: many })] })
        .errorCode,
    ).toBe(120011098);
  });

  test('sendType 2: several whole parents of one address in one package; partial or other addresses refused', () => {
    const { all, linesOf, pkg, confirm, status } = setup();
    const open = all.filter((o) => o.status === 2);
    const pair = open.find((o, i) => i > 0 && open.slice(0, i).some((p) => p.buyer === o.buyer))!;
    const mate = open.find((p) => p.buyer === pair.buyer && p !== pair)!;
    const stranger = open.find((p) => p.buyer !== pair.buyer)!;
    expect(
      confirm({ sendType: 2, sendRequestList: [pkg('CMB1', [...linesOf(pair), ...linesOf(stranger)])] }).errorCode,
    ).toBe(120012015);
    if (linesOf(pair).length > 1) {
      expect(
        confirm({ sendType: 2, sendRequestList: [pkg('CMB1', [...linesOf(pair).slice(1), ...linesOf(mate)])] })
          .errorCode,
      ).toBe(120015539);
    }
    expect(confirm({ sendType: 2, sendRequestList: [pkg('CMB1', linesOf(pair))] }).errorCode).toBe(120011020);
    expect(confirm({ sendType: 2, sendRequestList: [pkg('CMB1', [...linesOf(pair), ...linesOf(mate)])] }).success).toBe(
      true,
    );
    expect([status(pair.parentOrderSn).status, status(mate.parentOrderSn).status]).toEqual([4, 4]);
  });

  test('ships once: then 120012004; the same tracking number on another parent → 120014004', () => {
    const { w, order, pkg, confirm, status } = setup();
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK1')] })).toMatchObject({
      success: true,
      result: { warningMessage: [] },
    });
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK2')] }).errorCode).toBe(120012004);
    expect(status(order.parentOrderSn).status).toBe(4);
    const other = w.orderList().find((o) => o.status === 2)!;
    const otherLines = other.children
      .filter((c) => c.status !== 3)
      .map((c) => ({ parentOrderSn: other.parentOrderSn, orderSn: c.orderSn, quantity: c.quantity }));
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK1', otherLines)] }).errorCode).toBe(120014004);
    const state = w.sandbox.state('temu');
    expect(state.shipments).toHaveLength(1);
  });

  test('a cancelled parent cannot ship', () => {
    const { w, order, pkg, confirm } = setup();
    w.temu.control('cancel', { parentOrderSn: order.parentOrderSn });
    expect(confirm({ sendType: 0, sendRequestList: [pkg('TRK9')] }).errorCode).toBe(120012007);
  });
});

describe('Temu sandbox: shipment lookup and tracking change (docs/malls/temu.md §1.2, §1.4)', () => {
  test('v2.get shows the package holding a child; shippingtype.update changes its tracking number', () => {
    const w = world(60);
    const order = w.orderList().find((o) => o.status === 2)!;
    const child = order.children.find((c) => c.status !== 3)!;
    const get = () =>
      w.call('bg.logistics.shipment.v2.get', { parentOrderSn: order.parentOrderSn, orderSn: child.orderSn });
    expect(get().result).toEqual({ shipmentInfoDTO: [] });
    expect(
      w.call('bg.logistics.shipment.v2.get', { parentOrderSn: order.parentOrderSn, orderSn: 'nope' }).errorCode,
    ).toBe(120012007);
    w.temu.control('ship', { parentOrderSn: order.parentOrderSn, trackingNumber: 'OLD123' });
    const dto = get().result.shipmentInfoDTO;
    expect(dto).toEqual([
      expect.objectContaining({
        trackingNumber: 'OLD123',
        carrierId: 998264701,
        quantity: child.quantity,
        packageDeliveryType: 1,
      }),
    ]);
    const edit = (extra: Record<string, unknown>) =>
      w.call('bg.logistics.shipment.shippingtype.update', {
        editPackageRequestList: [
          {
            packageSn: dto[0].packageSn,
            trackingNumber: 'NEW456',
            shipCompanyId: 998264702,
            selfShippingWarehouseId: 'WH-00000000000000101',
            ...extra,
          },
        ],
      });
    expect(edit({ packageSn: 'PK-404' }).errorCode).toBe(120018027);
    expect(edit({ trackingNumber: 'NEW-456' }).errorCode).toBe(120014020);
    expect(edit({})).toMatchObject({ success: true, result: true });
    expect(get().result.shipmentInfoDTO[0]).toMatchObject({ trackingNumber: 'NEW456', carrierId: 998264702 });
    w.temu.control('advance', { parentOrderSn: order.parentOrderSn, status: 'RECEIPTED' });
    expect(edit({ trackingNumber: 'NEW789' }).errorCode).toBe(120015529);
  });
});
