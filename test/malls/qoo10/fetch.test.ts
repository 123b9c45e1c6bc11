import { OrderLineSchema } from '../../../src/engine/order-line';
import { qoo10Connector } from '../../../src/malls/qoo10';
import { CLAIMS_EVERY_MS } from '../../../src/malls/qoo10/fetch';
import { DAY, fetchAll, qoo10Ctx, qoo10World } from './helpers';

const ALL = ['AWAITING_PAYMENT', 'SHIPPING_REQUESTED', 'SELLER_CONFIRMED', 'ON_DELIVERY', 'DELIVERED'];

describe('Qoo10 fetch', () => {
  test('fetches every order of the selected statuses, one line per OrderNo, no duplicates', () => {
    const { world } = qoo10World({ orders: 60 });
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const { lines } = fetchAll(ctx, {
      from: now - 30 * DAY,
      to: now,
      statuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'],
    });
    const expected = world.sandbox
      .orders('qoo10')
      .filter((o) => (o.status === 2 || o.status === 3) && !(o.claim === '3' || o.claim === '16'))
      .flatMap((o) => o.orderNos);
    expect(expected.length).toBeGreaterThan(20);
    const keys = lines.map((l) => `${l.orderId}/${l.lineId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(lines.map((l) => l.lineId).sort()).toEqual([...expected].sort());
    for (const l of lines) expect(OrderLineSchema.safeParse(l).success).toBe(true);
  });

  test('one status per call (statuses among 1–3 in one call with 0), form-encoded POST with the header key, JST 14-digit dates', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const shipping = () => world.http.sent.filter((r) => r.url.endsWith('/ShippingBasic.GetShippingInfo_v3'));
    fetchAll(ctx, { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED', 'ON_DELIVERY'] });
    expect(shipping().map((r) => new URLSearchParams(r.body).get('ShippingStatus'))).toEqual(['2', '4']);
    const sent = shipping().length;
    const { lines } = fetchAll(ctx, {
      from: now - 7 * DAY,
      to: now,
      statuses: ['SELLER_CONFIRMED', 'SHIPPING_REQUESTED'],
    });
    const orderCalls = shipping().slice(sent);
    expect(orderCalls).toHaveLength(1);
    const bodies = orderCalls.map((r) => new URLSearchParams(r.body));
    expect(bodies.map((b) => b.get('ShippingStatus'))).toEqual(['0']);
    // 0 also returns 配送待ち (1): only the asked statuses become lines
    expect(new Set(lines.map((l) => l.mallStatus))).toEqual(new Set(['配送要請', '配送準備']));
    // 2026-11-22T00:00Z = 09:00 JST; the end is the second `to` falls in (windows may share it)
    expect(bodies[0].get('SearchStartDate')).toBe('20261115090000');
    expect(bodies[0].get('SearchEndDate')).toBe('20261122090000');
    expect(orderCalls[0].method).toBe('post');
    expect(orderCalls[0].contentType).toBe('application/x-www-form-urlencoded');
    expect(orderCalls[0].headers?.GiosisCertificationKey).toMatch(/^SAK/);
    expect(orderCalls[0].headers?.QAPIVersion).toBe('1.0');
    expect(orderCalls[0].url.startsWith('http://127.0.0.1:8787/GMKT.INC.Front.QAPIService/ebayjapan.qapi/')).toBe(true);
  });

  test('status filtering: only the asked status comes back, labelled from the digit in parentheses', () => {
    const { world } = qoo10World({ orders: 60 });
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const { lines } = fetchAll(ctx, { from: now - 30 * DAY, to: now, statuses: ['ON_DELIVERY'] });
    const expected = world.sandbox
      .orders('qoo10')
      .filter((o) => o.status === 4 && !o.claim)
      .flatMap((o) => o.orderNos);
    expect(lines.length).toBe(expected.length);
    expect(new Set(lines.map((l) => l.mallStatus))).toEqual(new Set(['配送中']));
    const en = qoo10Ctx(world, {}, { locale: 'en' });
    expect(
      new Set(
        fetchAll(en, { from: now - 30 * DAY, to: now, statuses: ['ON_DELIVERY'] }).lines.map((l) => l.mallStatus),
      ),
    ).toEqual(new Set(['On delivery']));
  });

  test('windows longer than 89 days are split, and every window is within the limit', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const { steps, lines } = fetchAll(ctx, { from: now - 200 * DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    const calls = world.http.sent
      .filter((r) => r.url.endsWith('GetShippingInfo_v3'))
      .map((r) => new URLSearchParams(r.body));
    expect(calls).toHaveLength(3);
    // 89-day windows: each touches at most 90 JST calendar days, which the sandbox (like Qoo10) accepts
    const day = (stamp: string) =>
      Date.UTC(Number(stamp.slice(0, 4)), Number(stamp.slice(4, 6)) - 1, Number(stamp.slice(6, 8)));
    for (const c of calls)
      expect((day(c.get('SearchEndDate')!) - day(c.get('SearchStartDate')!)) / DAY + 1).toBeLessThanOrEqual(90);
    expect(steps).toBe(3 * 5); // 1 status + 4 claim states per window
    expect(lines.length).toBeGreaterThan(0);
    const claims = world.http.sent.filter((r) => r.url.endsWith('GetClaimInfo_V3'));
    expect(claims).toHaveLength(12);
    expect(new URLSearchParams(claims[0].body).get('search_Sdate')).toMatch(/^\d{14}$/);
    // finished cancellations by completion date, open ones by request date
    const conds = claims
      .slice(0, 4)
      .map((r) => new URLSearchParams(r.body))
      .map((b) => `${b.get('ClaimStat')}:${b.get('search_condition')}`);
    expect(conds).toEqual(['1:2', '2:2', '3:3', '16:3']);
  });

  test('maps a Qoo10 row: IDs as text, cart = 注文番号, phone without +81, postcode text, amount with currency', () => {
    const { world } = qoo10World({ orders: 60 });
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const { lines } = fetchAll(ctx, { from: now - 30 * DAY, to: now, statuses: ALL });
    for (const l of lines) {
      expect(typeof l.orderId).toBe('string');
      expect(l.orderId).toMatch(/^7\d{8}$/);
      expect(l.lineId).toMatch(/^11\d{8}$/);
      expect(l.phone.startsWith('+81')).toBe(false);
      expect(l.currency).toBe('JPY');
      expect(l.orderedAt).not.toBeNull();
    }
    expect(lines.some((l) => l.postalCode === '0010010')).toBe(true);
    expect(lines.some((l) => l.phone === '090-1234-5678')).toBe(true);
    expect(lines.some((l) => l.sku === '=SUM(1,2)')).toBe(true);
    expect(lines.every((l) => l.phone !== '')).toBe(true); // mobile "+81--" falls back to the landline
    const multi = world.sandbox.orders('qoo10').find((o) => o.orderNos.length > 1 && o.status === 2 && !o.claim)!;
    const cart = lines.filter((l) => l.orderId === multi.packNo);
    expect(cart.map((l) => l.lineId).sort()).toEqual([...multi.orderNos].sort());
  });

  test('the cart shipping fee is counted once per cart, on its first line', () => {
    const { world } = qoo10World({ orders: 80 });
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    fetchAll(ctx, { from: now - 30 * DAY, to: now, statuses: ALL });
    // read the raw rows the sandbox served to compare with what was mapped
    const raw = world.http.sent.filter((r) => r.url.endsWith('GetShippingInfo_v3'));
    expect(raw.length).toBe(5);
    const served = raw.flatMap((r) => {
      world.clock.advance(1000); // stay inside the sandbox's rate limit
      const res = world.sandbox.handle({
        method: 'POST',
        path: new URL(r.url).pathname,
        query: {},
        headers: {
          'content-type': r.contentType!,
          giosiscertificationkey: r.headers!.GiosisCertificationKey,
          qapiversion: '1.0',
        },
        body: r.body!,
      });
      const obj = JSON.parse(res.body).ResultObject;
      return Array.isArray(obj) ? obj : obj ? [obj] : [];
    }) as { PackNo: number; OrderNo: number; Total: number; ShippingRate: number }[];
    const { lines } = fetchAll(ctx, { from: now - 30 * DAY, to: now, statuses: ALL });
    const carts = new Map<string, typeof served>();
    for (const r of served) carts.set(String(r.PackNo), [...(carts.get(String(r.PackNo)) ?? []), r]);
    const charged = [...carts.entries()].filter(([, rs]) => rs.length > 1 && rs[0].ShippingRate > 0);
    expect(charged.length).toBeGreaterThan(0);
    for (const [packNo, rs] of charged) {
      const sum = lines.filter((l) => l.orderId === packNo).reduce((a, l) => a + (l.amount ?? 0), 0);
      expect(sum).toBe(rs.reduce((a, r) => a + r.Total, 0) + rs[0].ShippingRate);
    }
  });

  test('cancellations come from claims as updates with cancelled: true', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const target = world.sandbox.orders('qoo10').find((o) => o.status === 2 && !o.claim)!;
    const before = fetchAll(ctx, { from: now - 30 * DAY, to: now + DAY, statuses: ['SHIPPING_REQUESTED'] });
    expect(before.lines.some((l) => l.orderId === target.packNo)).toBe(true);
    world.clock.advance(60_000);
    mall.control('cancel', { packNo: target.packNo });
    const after = fetchAll(ctx, { from: now - 30 * DAY, to: now + DAY, statuses: ['SHIPPING_REQUESTED'] });
    expect(after.lines.some((l) => l.orderId === target.packNo)).toBe(false); // vanishes from GetShippingInfo
    const ups = after.updates.filter((u) => u.orderId === target.packNo);
    expect(ups.map((u) => u.lineId).sort()).toEqual([...target.orderNos].sort());
    for (const u of ups) {
      expect(u.cancelled).toBe(true);
      expect(qoo10Connector.isCancelledStatus(u.mallStatus)).toBe(true);
    }
    // a cancel request is reported but does not cancel the line
    const requested = after.updates.filter((u) => u.mallStatus === 'キャンセル要請');
    for (const u of requested) expect(u.cancelled).toBe(false);
    expect(qoo10Connector.isCancelledStatus('配送要請')).toBe(false);
    expect(qoo10Connector.isCancelledStatus('Cancelled')).toBe(true);
  });

  test('a claim stamped in the second the fetch starts is seen by that fetch', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const target = world.sandbox.orders('qoo10').find((o) => o.status === 2 && !o.claim)!;
    // the claim at x.200 s, the fetch at x.700 s of the same second
    world.clock.advance(1000 - (world.clock.now() % 1000) + 200);
    mall.control('cancel', { packNo: target.packNo });
    world.clock.advance(500);
    const now = world.clock.now();
    const { updates } = fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    expect(
      updates
        .filter((u) => u.orderId === target.packNo && u.cancelled)
        .map((u) => u.lineId)
        .sort(),
    ).toEqual([...target.orderNos].sort());
  });

  test('an unknown status name is a clear error naming the shop', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    expect(() =>
      qoo10Connector.fetch(ctx, { from: now - DAY, to: now, statuses: ['UN_SHIPPING'], cursor: null }),
    ).toThrow(/Qoo10 デモ店.*UN_SHIPPING/);
  });

  test('a cursor from an earlier step resumes without repeating calls', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const req = { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED', 'ON_DELIVERY'] };
    const s1 = qoo10Connector.fetch(ctx, { ...req, cursor: null });
    const sent = world.http.sent.length;
    const s2 = qoo10Connector.fetch(ctx, { ...req, cursor: JSON.parse(JSON.stringify(s1.cursor)) });
    expect(new URLSearchParams(world.http.sent[sent].body).get('ShippingStatus')).toBe('4');
    expect(s2.lines.every((l) => l.mallStatus === '配送中')).toBe(true);
  });

  test('the claims are read only when the list changed or 15 minutes passed', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    const claims = () => world.http.sent.filter((r) => r.url.endsWith('/ShippingBasic.GetClaimInfo_V3')).length;
    const req = { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'] };
    fetchAll(ctx, req);
    expect(claims()).toBe(4);
    world.clock.advance(5 * 60_000);
    const quiet = fetchAll(ctx, req);
    expect(claims()).toBe(4);
    expect(quiet.steps).toBe(1);
    world.clock.advance(CLAIMS_EVERY_MS);
    fetchAll(ctx, req);
    expect(claims()).toBe(8);
  });
});
