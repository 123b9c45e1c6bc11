import { tiktokConnector } from '../../../src/malls/tiktok';
import { STORE } from '../../../src/malls/tiktok/client';
import { BUYERS } from '../../../src/sandbox/sample-data';
import { toSandboxRequest } from '../../../src/sandbox/sandbox';
import { TIKTOK_SANDBOX_APP } from '../../../src/sandbox/tiktok';
import { DAY, fetchAll, setup } from './helpers';

const ALL = ['ON_HOLD', 'AWAITING_SHIPMENT', 'CANCELLED', 'IN_TRANSIT'];

describe('TikTok fetch', () => {
  test('fetches every page of every status once, page_size 100 with page_token, filters as integers', () => {
    const { world, ctx, orders } = setup({ orders: 530 });
    const { lines, steps } = fetchAll(ctx, world, ALL);
    const ids = new Set(lines.map((l) => l.orderId));
    expect([...ids].sort()).toEqual(
      orders()
        .map((o) => o.id)
        .sort(),
    );
    const keys = lines.map((l) => `${l.orderId}/${l.lineId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const pages = ALL.map((st) => Math.max(1, Math.ceil(orders().filter((o) => o.status === st).length / 100)));
    expect(steps).toBe(pages.reduce((a, b) => a + b, 0));
    expect(steps).toBeGreaterThan(ALL.length);
    const searches = world.http.sent.filter((r) => r.url.includes('/order/202309/orders/search'));
    expect(searches.every((r) => r.url.includes('page_size=100'))).toBe(true);
    expect(searches.some((r) => /page_token=%2B%2F/.test(r.url))).toBe(true);
    const body = JSON.parse(searches[0].body!) as Record<string, unknown>;
    expect(Number.isInteger(body.create_time_ge)).toBe(true);
    expect(Number.isInteger(body.create_time_lt)).toBe(true);
  });

  test('one line per SKU: line item ids joined by comma, qty = their count, IDs as exact strings', () => {
    const { world, ctx, orders } = setup();
    const { lines } = fetchAll(ctx, world, ALL);
    for (const o of orders()) {
      const mine = lines.filter((l) => l.orderId === o.id);
      expect(mine.length).toBe(new Set(o.skus).size);
      expect(mine.flatMap((l) => l.lineId.split(','))).toEqual(o.lineItemIds);
      for (const l of mine) expect(l.qty).toBe(l.lineId.split(',').length);
    }
    expect(lines.some((l) => l.qty > 1)).toBe(true);
    expect(lines.every((l) => /^\d{18}$/.test(l.orderId) && Number(l.orderId) > 2 ** 53)).toBe(true);
  });

  test('maps amounts with currency and keeps phone and postcode text', () => {
    const { world, ctx } = setup();
    const { lines } = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    const l = lines.find((x) => x.qty > 1)!;
    expect(l.currency).toBe('JPY');
    expect(l.amount).toBe(l.unitPrice! * l.qty);
    const withZero = lines.find((x) => x.postalCode.startsWith('0'))!;
    const buyer = BUYERS.find((b) => b.postalCode === withZero.postalCode)!;
    expect(withZero.phone).toBe(buyer.phone);
    expect(withZero.address).toContain(buyer.city);
    expect(l.orderedAt).toBeLessThanOrEqual(world.clock.now());
    expect(l.shipBy).toBeGreaterThan(l.orderedAt!);
  });

  test('発送期限 is rts_sla_time, the latest ship time; shipping_due_time (the auto-cancel time) is not shown', () => {
    const { world, ctx } = setup();
    const { lines } = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    const search = world.http.sent.find((r) => r.url.includes('/orders/search'))!;
    const res = world.sandbox.handle(toSandboxRequest(search));
    const orders = (
      JSON.parse(res.body) as { data: { orders: { id: string; rts_sla_time: number; shipping_due_time: number }[] } }
    ).data.orders;
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect(o.rts_sla_time).not.toBe(o.shipping_due_time);
      for (const l of lines.filter((x) => x.orderId === o.id)) expect(l.shipBy).toBe(o.rts_sla_time * 1000);
    }
  });

  test('ON_HOLD orders come with hold and an empty address; cancelled ones as cancelled', () => {
    const { world, ctx } = setup();
    const { lines } = fetchAll(ctx, world, ALL);
    const held = lines.filter((l) => l.mallStatus === 'ON_HOLD');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((l) => l.hold && l.address === '' && l.recipient === '' && !l.cancelled)).toBe(true);
    const cancelled = lines.filter((l) => l.cancelled);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((l) => tiktokConnector.isCancelledStatus(l.mallStatus) && !l.hold)).toBe(true);
    expect(lines.filter((l) => l.mallStatus === 'AWAITING_SHIPMENT').every((l) => !l.hold && l.address !== '')).toBe(
      true,
    );
  });

  test('an order cancelled after import comes back as a cancellation update when CANCELLED is not fetched', () => {
    const { world, ctx, sb } = setup();
    const first = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(first.lines.every((l) => !l.cancelled)).toBe(true);
    const victim = first.lines[0];
    sb.control('cancel', { orderId: victim.orderId });
    const again = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(again.lines.some((l) => l.orderId === victim.orderId)).toBe(false);
    expect(again.updates).toContainEqual({
      orderId: victim.orderId,
      lineId: victim.lineId,
      mallStatus: 'CANCELLED',
      cancelled: true,
    });
  });

  test('a released ON_HOLD order is fetched with its address under AWAITING_SHIPMENT', () => {
    const { world, ctx, sb } = setup();
    const held = fetchAll(ctx, world, ['ON_HOLD']).lines[0];
    sb.control('advance', { orderId: held.orderId });
    const now = fetchAll(ctx, world, ['AWAITING_SHIPMENT']).lines.find(
      (l) => l.orderId === held.orderId && l.lineId === held.lineId,
    )!;
    expect(now.hold).toBe(false);
    expect(now.address).not.toBe('');
  });
});

describe('TikTok tokens', () => {
  test('refreshes from the settings refresh token and stores the newest token and both absolute expiries', () => {
    const { world, ctx } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    const nowS = world.clock.now() / 1000;
    const refresh = ctx.store.get(STORE.refreshToken)!;
    expect(refresh).not.toBe(TIKTOK_SANDBOX_APP.refreshToken);
    const accessExp = Number(ctx.store.get(STORE.accessTokenExpiresAt));
    const refreshExp = Number(ctx.store.get(STORE.refreshTokenExpiresAt));
    expect(accessExp).toBeGreaterThan(nowS);
    expect(accessExp).toBeLessThan(nowS + 8 * 86_400);
    expect(refreshExp).toBeGreaterThan(accessExp);
    expect(ctx.expiry.value).toBe(refreshExp * 1000);
    // the access token travels in the header, never in the query
    const search = world.http.sent.find((r) => r.url.includes('/orders/search'))!;
    expect(search.headers!['x-tts-access-token']).toBe(ctx.store.get(STORE.accessToken));
    expect(search.url).not.toContain('access_token');
  });

  test('an access token expired mid-run (105002) is refreshed and the call retried', () => {
    const { world, ctx, sb } = setup({ orders: 300 });
    const to = world.clock.now();
    const req = { from: to - 7 * DAY, to, statuses: ['AWAITING_SHIPMENT'], cursor: null as unknown };
    const step1 = tiktokConnector.fetch(ctx, req);
    const token1 = ctx.store.get(STORE.accessToken);
    sb.control('expire', {});
    const step2 = tiktokConnector.fetch(ctx, { ...req, cursor: step1.cursor });
    expect(step2.lines.length).toBeGreaterThan(0);
    expect(ctx.store.get(STORE.accessToken)).not.toBe(token1);
    expect(world.sandbox.state('tiktok').refreshes).toBe(2);
  });

  test('36009004 on a stored access token (revoked or replaced elsewhere) triggers one refresh and the retry', () => {
    const { world, ctx } = setup({ credentials: { accessToken: 'TTP_issued_elsewhere_0001' } });
    const { lines } = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(lines.length).toBeGreaterThan(0);
    expect(world.sandbox.state('tiktok').refreshes).toBe(1);
    expect(ctx.store.get(STORE.accessToken)).not.toBe('TTP_issued_elsewhere_0001');
  });

  test('36009004 on a token refreshed in this run is not refreshed again: the error is reported with its request_id', () => {
    const { world, ctx, sb } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    sb.control('fault', { kind: 'code', code: 36009004, path: '/order/', count: 3 });
    expect(() => fetchAll(ctx, world, ['AWAITING_SHIPMENT'])).toThrow(/\(TikTok 36009004, request_id \w+\)/);
    expect(world.sandbox.state('tiktok').refreshes).toBe(1);
  });

  test('an expired refresh token (36004001) says to re-authorise the app in Partner Center, with code and request_id', () => {
    const { world, ctx, rerun } = setup({ locale: 'en' });
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']); // the rotated refresh token is stored, valid a year
    world.clock.advance(366 * DAY);
    expect(() => fetchAll(rerun({}), world, ['AWAITING_SHIPMENT'])).toThrow(
      /refresh token has expired \(TikTok 36004001, request_id \w+\)\. Re-authorise the app in TikTok Shop Partner Center/,
    );
  });

  test('an authorization the seller removed: the stored token (36009004) is refreshed once, 36004005 says to re-authorise', () => {
    const { world, ctx, sb, rerun } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    sb.control('deauthorize', {});
    expect(() => fetchAll(rerun({}), world, ['AWAITING_SHIPMENT'])).toThrow(
      /認可が見つかりません.*\(TikTok 36004005, request_id \w+\)。TikTok Shop Partner Center でアプリを再認可/,
    );
    const refreshes = world.http.sent.filter((r) => r.url.includes('/api/v2/token/refresh'));
    expect(refreshes).toHaveLength(2); // the first run's, and the one retry
  });

  test('refreshes before the access token expires, without waiting for 105002', () => {
    const { world, ctx } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    const exp = Number(ctx.store.get(STORE.accessTokenExpiresAt)) * 1000;
    world.clock.advance(exp - world.clock.now() - 60_000);
    const before = world.http.sent.length;
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(world.http.sent[before].url).toContain('/api/v2/token/refresh');
    expect(world.sandbox.state('tiktok').refreshes).toBe(2);
  });

  test('a new refresh token in the settings replaces the stored tokens', () => {
    const { world, ctx, rerun } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(() => fetchAll(rerun({ refreshToken: 'TTP_reauthorized' }), world, ['AWAITING_SHIPMENT'])).toThrow(
      /refreshToken/,
    );
    const last = world.http.sent[world.http.sent.length - 1];
    expect(last.url).toContain('refresh_token=TTP_reauthorized');
  });

  test('a wrong app secret gives a clear message that never shows the secret', () => {
    const { world, ctx } = setup({ credentials: { appSecret: 'wrong-secret-123' } });
    let message = '';
    try {
      fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/appSecret/);
    expect(message).not.toContain('wrong-secret-123');
  });

  test('a wrong app secret with a still-valid access token is reported as a bad signature (106001)', () => {
    const { world, ctx, rerun } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(() => fetchAll(rerun({ appSecret: 'wrong-secret-123' }), world, ['AWAITING_SHIPMENT'])).toThrow(
      /署名が無効.*appSecret.*\(TikTok 106001, request_id \w+\)/,
    );
  });
});

describe('TikTok shop cipher', () => {
  test('several authorized shops and none named: a message that says so and lists them', () => {
    const { world, ctx, sb } = setup({ locale: 'en' });
    sb.control('shops', { count: 3 });
    expect(() => fetchAll(ctx, world, ['AWAITING_SHIPMENT'])).toThrow(
      /authorized by 3 shops.*ROW_sbxJPshop2.*set shopCipher/,
    );
  });

  test('the looked-up cipher is kept for later runs, and asked again after a new authorization', () => {
    const { world, ctx, rerun } = setup();
    fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    const asked = () => world.http.sent.filter((r) => r.url.includes('/authorization/202309/shops')).length;
    expect(asked()).toBe(1);
    fetchAll(rerun({}), world, ['AWAITING_SHIPMENT']);
    expect(asked()).toBe(1);
    // the seller re-authorized: the user pastes a new (valid) refresh token into the settings
    fetchAll(rerun({ refreshToken: ctx.store.get(STORE.refreshToken)! }), world, ['AWAITING_SHIPMENT']);
    expect(asked()).toBe(2);
  });

  test('the shop named by shopCipher is used; no shop at all is explained', () => {
    const a = setup({ credentials: { shopCipher: 'ROW_sbxJPshop2' } });
    a.sb.control('shops', { count: 2 });
    expect(fetchAll(a.ctx, a.world, ['AWAITING_SHIPMENT']).lines).toEqual([]);
    expect(a.world.http.sent.some((r) => r.url.includes('/authorization/'))).toBe(false);
    const b = setup();
    b.sb.control('shops', { count: 0 });
    expect(() => fetchAll(b.ctx, b.world, ['AWAITING_SHIPMENT'])).toThrow(/認可されたショップがありません/);
  });
});

describe('TikTok transient answers', () => {
  test('HTTP 429, 503, a busy code on HTTP 200 and malformed JSON are retried and survived', () => {
    const { world, ctx, sb } = setup({ orders: 120 });
    const start = world.clock.now();
    sb.control('fault', { kind: 429, count: 2, path: '/order/' });
    sb.control('fault', { kind: 503, count: 1, path: '/order/' });
    const a = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    sb.control('fault', { kind: 'code', code: 36009003, count: 1, path: '/order/' });
    sb.control('fault', { kind: 'malformed', count: 1, path: '/order/' });
    const b = fetchAll(ctx, world, ['AWAITING_SHIPMENT']);
    expect(a.lines.length).toBeGreaterThan(0);
    expect(b.lines).toEqual(a.lines);
    expect(world.clock.now()).toBeGreaterThan(start);
    expect(world.log.lines.some((l) => l.includes('HTTP 429'))).toBe(true);
  });

  test('a mall that stays down gives a readable error, not a stack trace', () => {
    const { world, ctx, sb } = setup();
    sb.control('fault', { kind: 503, count: 50, path: '/order/' });
    expect(() => fetchAll(ctx, world, ['AWAITING_SHIPMENT'])).toThrow(/TikTok Shop から応答がありません（HTTP 503）/);
  });
});
