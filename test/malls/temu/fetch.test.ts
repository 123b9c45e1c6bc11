import { temuConnector } from '../../../src/malls/temu';
import { TemuError } from '../../../src/malls/temu/errors';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { BASE, control, DAY, fetchAll, sandboxOrders, temuCtx, temuState, temuWorld, windowReq } from './helpers';

const keysOf = (ls: { orderId: string; lineId: string }[]) => ls.map((l) => `${l.orderId}/${l.lineId}`);

describe('Temu fetch against the sandbox', () => {
  test('reads every page of every status once: one line per child order, no duplicates', () => {
    const world = temuWorld({ orders: 250 });
    const ctx = temuCtx(world);
    const expected = sandboxOrders(world)
      .filter((o) => o.status === 2)
      .flatMap((o) => o.children.map((c) => `${o.parentOrderSn}/${c.orderSn}`));
    expect(expected.length).toBeGreaterThan(200);

    const { lines, steps } = fetchAll(ctx, windowReq(world));
    const keys = keysOf(lines);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(expected.sort());
    const parents = new Set(lines.map((l) => l.orderId)).size;
    // one step per list page of UN_SHIPPING (100 parents each), then the CANCELED pass for updates
    expect(steps).toBeGreaterThanOrEqual(Math.ceil(parents / 100) + 1);
    expect(temuState(world).requestsByType['bg.order.shippinginfo.v2.get']).toBe(parents);
  });

  test('maps a child order to an OrderLine: string IDs, extCode SKU, text kept, amounts in JPY', () => {
    const world = temuWorld({ orders: 60 });
    const { lines } = fetchAll(temuCtx(world), windowReq(world));
    const line = lines.find((l) => !l.cancelled)!;
    expect(line.orderId).toMatch(/^PO-100-\d{17}$/);
    expect(line.lineId).toMatch(/^100-\d{17}$/);
    expect(line.currency).toBe('JPY');
    expect(line.amount).toBe(line.unitPrice! * line.qty);
    expect(line.orderedAt).toBeGreaterThan(world.clock.now() - 7 * DAY);
    expect(line.shipBy).toBeGreaterThan(line.orderedAt!);
    // hostile sample data passes through verbatim (the engine writes it as text)
    const all = JSON.stringify(lines);
    expect(lines.some((l) => l.postalCode === '0010010' || l.postalCode.startsWith('0'))).toBe(true);
    expect(lines.some((l) => l.phone.startsWith('+81'))).toBe(true);
    expect(all).toContain('=HYPERLINK(');
    expect(lines.some((l) => l.sku === '=SUM(1,2)' || l.sku === '00123-NV' || l.sku === '+EAR-01')).toBe(true);
    expect(lines.every((l) => typeof l.orderId === 'string' && typeof l.lineId === 'string')).toBe(true);
    expect(lines.every((l) => l.address !== '' && l.recipient !== '')).toBe(true);
  });

  test('a child cancelled before shipment is a cancelled line; a parent cancelled later comes as an update', () => {
    const world = temuWorld({ orders: 80 });
    const ctx = temuCtx(world);
    const first = fetchAll(ctx, windowReq(world));
    const partly = sandboxOrders(world).find((o) => o.status === 2 && o.children.some((c) => c.status === 3))!;
    const cancelledChild = partly.children.find((c) => c.status === 3)!;
    const row = first.lines.find((l) => l.lineId === cancelledChild.orderSn)!;
    expect(row).toMatchObject({ cancelled: true, mallStatus: 'CANCELED' });
    expect(temuConnector.isCancelledStatus(row.mallStatus)).toBe(true);
    expect(first.lines.find((l) => l.orderId === partly.parentOrderSn && !l.cancelled)?.mallStatus).toBe('UN_SHIPPING');

    const victim = first.lines.find((l) => !l.cancelled && l.orderId !== partly.parentOrderSn)!.orderId;
    expect(first.updates.some((u) => u.orderId === victim)).toBe(false);
    expect(control(world, 'cancel', { parentOrderSn: victim })).toEqual({ ok: true });
    world.clock.advance(60_000);
    const second = fetchAll(ctx, windowReq(world));
    expect(second.lines.some((l) => l.orderId === victim)).toBe(false);
    const ups = second.updates.filter((u) => u.orderId === victim);
    expect(ups.length).toBe(first.lines.filter((l) => l.orderId === victim).length);
    expect(ups.every((u) => u.cancelled && u.mallStatus === 'CANCELED')).toBe(true);
  });

  test('CANCELED as a fetch status gives full cancelled lines instead of updates', () => {
    const world = temuWorld({ orders: 120 });
    const { lines, updates } = fetchAll(temuCtx(world), windowReq(world, ['CANCELED']));
    const expected = sandboxOrders(world)
      .filter((o) => o.status === 3)
      .flatMap((o) => o.children.map((c) => c.orderSn));
    expect(lines.map((l) => l.lineId).sort()).toEqual(expected.sort());
    expect(lines.every((l) => l.cancelled)).toBe(true);
    expect(updates).toEqual([]);
  });

  test('without the amount permission: prices blank, one notice for the whole run, no further amount calls', () => {
    const world = temuWorld({ orders: 250 });
    control(world, 'deny-amounts', { deny: true });
    const { lines, notices, steps } = fetchAll(temuCtx(world), windowReq(world));
    expect(steps).toBeGreaterThan(2);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.unitPrice === null && l.amount === null)).toBe(true);
    expect(notices.filter((n) => n.includes('bg.order.amount.query'))).toHaveLength(1);
    // only the first wave group of the first page asked
    expect(temuState(world).requestsByType['bg.order.amount.query']).toBeLessThanOrEqual(50);
  });

  test('a run cut short by its time budget resumes from the cursor with nothing lost or repeated', () => {
    const world = temuWorld({ orders: 150 });
    const short = temuCtx(world, {}, { budgetMs: 3000 });
    const req = windowReq(world);
    const step1 = temuConnector.fetch(short, { ...req, cursor: null });
    const cursor = JSON.parse(JSON.stringify(step1.cursor));
    expect(cursor.pending.length).toBeGreaterThan(0);
    const rest = fetchAll(temuCtx(world), req, cursor);
    const keys = keysOf([...step1.lines, ...rest.lines]);
    expect(new Set(keys).size).toBe(keys.length);
    const expected = sandboxOrders(world)
      .filter((o) => o.status === 2)
      .flatMap((o) => o.children.map((c) => `${o.parentOrderSn}/${c.orderSn}`));
    expect(keys.sort()).toEqual(expected.sort());
  });

  test('token expiry is recorded, and a notice warns 14 days ahead', () => {
    const world = temuWorld();
    const ctx = temuCtx(world);
    const start = world.clock.now();
    const far = fetchAll(ctx, windowReq(world));
    expect(ctx.expiry.value).toBe(start + 180 * DAY);
    expect(far.notices.some((n) => n.includes('有効期限'))).toBe(false);
    control(world, 'expiry', { inDays: 10 });
    // the token is read once a day, not on every poll
    const infoCalls = () => world.http.sent.filter((r) => r.body?.includes('bg.open.accesstoken.info.get')).length;
    const before = infoCalls();
    const again = fetchAll(ctx, windowReq(world));
    expect(infoCalls()).toBe(before);
    expect(again.notices.some((n) => n.includes('有効期限'))).toBe(false);
    world.clock.advance(DAY);
    const soon = fetchAll(ctx, windowReq(world));
    expect(infoCalls()).toBe(before + 1);
    expect(soon.notices.filter((n) => n.includes('有効期限'))).toHaveLength(1);
  });

  test('survives the rate limit (4000004), 5xx, 429 and malformed JSON by retrying', () => {
    const world = temuWorld({ orders: 40 });
    const ctx = temuCtx(world);
    // another client of the same app key used up this second's 20 requests
    for (let i = 0; i < 20; i++)
      world.sandbox.handle({
        method: 'POST',
        path: '/openapi/router',
        query: {},
        headers: {},
        body: JSON.stringify({ app_key: TEMU_SANDBOX_CREDENTIALS.appKey }),
      });
    control(world, 'fault', { kind: 503, type: 'bg.order.list.v2.get' });
    control(world, 'fault', { kind: 'malformed', type: 'bg.order.shippinginfo.v2.get' });
    control(world, 'fault', { kind: 429, type: 'bg.order.amount.query' });
    control(world, 'fault', { kind: 'code', code: 4000000, type: 'bg.order.list.v2.get' });
    const { lines } = fetchAll(ctx, windowReq(world));
    const expected = sandboxOrders(world)
      .filter((o) => o.status === 2)
      .flatMap((o) => o.children);
    expect(lines).toHaveLength(expected.length);
    expect(lines.every((l) => l.recipient !== '' && l.unitPrice !== null)).toBe(true);
    // each faulty answer was asked again: one extra request per injected fault
    const parents = new Set(lines.map((l) => l.orderId)).size;
    const byType = temuState(world).requestsByType;
    expect(byType['bg.order.shippinginfo.v2.get']).toBe(parents + 1);
    expect(byType['bg.order.amount.query']).toBe(parents + 1);
    // token info was refused once by the exhausted rate limit and retried
    expect(byType['bg.open.accesstoken.info.get']).toBe(2);
    expect(world.log.lines.some((w) => w.startsWith('WARN Temu: 4000004'))).toBe(true);
  });

  test('a wrong secret stops the shop with a clear message that names the code and hides the secret', () => {
    const world = temuWorld();
    const ctx = temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'not-the-secret' } });
    let error: unknown;
    try {
      temuConnector.fetch(ctx, { ...windowReq(world), cursor: null });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemuError);
    const msg = (error as Error).message;
    expect(msg).toContain('3000001');
    expect(msg).toContain('署名');
    expect(msg).not.toContain('not-the-secret');
    expect(msg).not.toContain(TEMU_SANDBOX_CREDENTIALS.accessToken);
  });

  test('an expired token and a missing credential give their own messages (English too)', () => {
    const world = temuWorld();
    control(world, 'expire');
    expect(() =>
      temuConnector.fetch(temuCtx(world, {}, { locale: 'en' }), { ...windowReq(world), cursor: null }),
    ).toThrow(/access token expired.*3000034/);
    expect(() =>
      temuConnector.fetch(temuCtx(world, { credentials: { appKey: 'k', appSecret: 's' } }), {
        ...windowReq(world),
        cursor: null,
      }),
    ).toThrow(/accessToken/);
    expect(() => temuConnector.fetch(temuCtx(world), { ...windowReq(world, ['SHIPPING']), cursor: null })).toThrow(
      /SHIPPING/,
    );
  });

  test('endpoints.api replaces the host, the path stays /openapi/router, and the body is signed JSON', () => {
    const world = temuWorld({ orders: 5 });
    fetchAll(temuCtx(world), windowReq(world));
    const sent = world.http.sent[0];
    expect(sent.url).toBe(`${BASE}/openapi/router`);
    const body = JSON.parse(sent.body!);
    expect(body).toMatchObject({
      type: 'bg.open.accesstoken.info.get',
      app_key: TEMU_SANDBOX_CREDENTIALS.appKey,
      data_type: 'JSON',
    });
    expect(body.sign).toMatch(/^[0-9A-F]{32}$/);
    expect(String(body.timestamp)).toMatch(/^\d{10}$/);
  });

  test('a stale or unreadable cursor never breaks the fetch', () => {
    const world = temuWorld({ orders: 10 });
    const ctx = temuCtx(world);
    expect(temuConnector.fetch(ctx, { ...windowReq(world), cursor: { pass: 5, page: 1 } })).toEqual({
      lines: [],
      cursor: null,
      notices: [],
    });
    const restarted = fetchAll(ctx, windowReq(world), { garbage: true });
    expect(restarted.lines.length).toBeGreaterThan(0);
  });
});
