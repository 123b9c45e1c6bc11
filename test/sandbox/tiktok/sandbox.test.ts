import { signRequest } from '../../../src/malls/tiktok/sign';
import { nodeCrypto } from '../../../src/node/crypto';
import { Sandbox } from '../../../src/sandbox/sandbox';
import { TIKTOK_SANDBOX_APP } from '../../../src/sandbox/tiktok';
import { type TokenClaims, tokenMint } from '../../../src/sandbox/tiktok/tokens';
import type { SandboxResponse } from '../../../src/sandbox/types';

const NOW = Date.UTC(2026, 10, 22, 0, 0, 0);
const CIPHER = 'ROW_sbxJPkMbgAAAeVAQra0eZ';

function world(orders = 25) {
  let now = NOW;
  const sandbox = new Sandbox({ now: () => now, seed: 3, orders });
  const sb = sandbox.mall('tiktok');
  const call = (
    method: string,
    path: string,
    query: Record<string, string>,
    opts: { body?: string; headers?: Record<string, string> } = {},
  ): { status: number; code: number; message: string; data: Record<string, unknown> } => {
    const res: SandboxResponse = sandbox.handle({
      method,
      path,
      query,
      headers: opts.headers ?? {},
      body: opts.body ?? '',
    });
    const j = JSON.parse(res.body) as { code: number; message: string; data: Record<string, unknown> };
    return { status: res.status, ...j };
  };
  const token = (): string => {
    const r = call('GET', '/api/v2/token/refresh', {
      app_key: TIKTOK_SANDBOX_APP.appKey,
      app_secret: TIKTOK_SANDBOX_APP.appSecret,
      refresh_token: TIKTOK_SANDBOX_APP.refreshToken,
      grant_type: 'refresh_token',
    });
    expect(r.code).toBe(0);
    return r.data.access_token as string;
  };
  /** a correctly signed call, which each test then spoils in one way */
  const signed = (
    method: 'GET' | 'POST',
    path: string,
    extra: Record<string, string>,
    body = '',
    over: { ts?: string; secret?: string; signBody?: string; headers?: Record<string, string> } = {},
  ) => {
    const query: Record<string, string> = {
      app_key: TIKTOK_SANDBOX_APP.appKey,
      timestamp: over.ts ?? String(Math.floor(now / 1000)),
      ...extra,
    };
    query.sign = signRequest(
      nodeCrypto,
      over.secret ?? TIKTOK_SANDBOX_APP.appSecret,
      path,
      query,
      over.signBody ?? body,
    );
    return { query, body, headers: { 'content-type': 'application/json', ...over.headers } };
  };
  return { sandbox, sb, call, token, signed, advance: (ms: number) => (now += ms), nowS: () => Math.floor(now / 1000) };
}

const SEARCH = '/order/202309/orders/search';
const searchBody = '{"order_status":"AWAITING_SHIPMENT"}';

describe('TikTok sandbox mall', () => {
  test('a correctly signed search succeeds', () => {
    const w = world();
    const t = w.token();
    const r = w.signed('POST', SEARCH, { page_size: '10', shop_cipher: CIPHER }, searchBody);
    const res = w.call('POST', SEARCH, r.query, { body: r.body, headers: { ...r.headers, 'x-tts-access-token': t } });
    expect(res.code).toBe(0);
    expect((res.data.orders as unknown[]).length).toBe(10);
  });

  test('signature, secret, body bytes and hex case are checked (401, 106001)', () => {
    const w = world();
    const t = w.token();
    const send = (r: ReturnType<typeof w.signed>) =>
      w.call('POST', SEARCH, r.query, { body: r.body, headers: { ...r.headers, 'x-tts-access-token': t } });
    const wrongSecret = send(
      w.signed('POST', SEARCH, { page_size: '10', shop_cipher: CIPHER }, searchBody, { secret: 'nope' }),
    );
    expect([wrongSecret.status, wrongSecret.code]).toEqual([401, 106001]);
    const reserialised = send(
      w.signed('POST', SEARCH, { page_size: '10', shop_cipher: CIPHER }, searchBody, {
        signBody: '{ "order_status": "AWAITING_SHIPMENT" }',
      }),
    );
    expect(reserialised.code).toBe(106001);
    const upper = w.signed('POST', SEARCH, { page_size: '10', shop_cipher: CIPHER }, searchBody);
    upper.query.sign = upper.query.sign.toUpperCase();
    expect(send(upper).code).toBe(106001);
    const missing = w.signed('POST', SEARCH, { page_size: '10', shop_cipher: CIPHER }, searchBody);
    delete (missing.query as Record<string, string | undefined>).sign;
    expect(send(missing)).toMatchObject({ code: 36009004, message: 'missing sign' });
  });

  test('timestamps: 10 digits, at most 5 minutes old and 30 seconds ahead', () => {
    const w = world();
    const t = w.token();
    const at = (ts: string) => {
      const r = w.signed('GET', '/logistics/202309/warehouses', { shop_cipher: CIPHER }, '', { ts });
      return w.call('GET', '/logistics/202309/warehouses', r.query, {
        headers: { ...r.headers, 'x-tts-access-token': t },
      });
    };
    expect(at(String(w.nowS() - 300)).code).toBe(0);
    expect(at(String(w.nowS() - 301))).toMatchObject({ code: 36009004, message: expect.stringMatching(/older/) });
    expect(at(String(w.nowS() + 31))).toMatchObject({ code: 36009004, message: expect.stringMatching(/ahead/) });
    expect(at(String(w.nowS() * 1000))).toMatchObject({ code: 36009004, message: expect.stringMatching(/10 digits/) });
  });

  test('token header, expiry (105002) and shop_cipher rules', () => {
    const w = world();
    const t = w.token();
    const get = (path: string, extra: Record<string, string>, token = t) => {
      const r = w.signed('GET', path, extra);
      return w.call('GET', path, r.query, {
        headers: token ? { ...r.headers, 'x-tts-access-token': token } : r.headers,
      });
    };
    expect(get('/authorization/202309/shops', {}, '')).toMatchObject({ code: 36009004 });
    expect(get('/authorization/202309/shops', {}).code).toBe(0);
    expect(get('/authorization/202309/shops', { shop_cipher: CIPHER })).toMatchObject({
      code: 36009004,
      message: expect.stringMatching(/Unexpected identifier/),
    });
    expect(get('/logistics/202309/warehouses', {}).code).toBe(106013);
    expect(get('/logistics/202309/warehouses', { shop_cipher: 'ROW_other' }).code).toBe(101000);
    w.sb.control('expire', {});
    expect(get('/logistics/202309/warehouses', { shop_cipher: CIPHER }).code).toBe(105002);
    expect(get('/logistics/202309/warehouses', { shop_cipher: CIPHER }, w.token()).code).toBe(0);
  });

  test('refresh needs the right app secret and a known refresh token; expiries are absolute', () => {
    const w = world();
    const base = {
      app_key: TIKTOK_SANDBOX_APP.appKey,
      app_secret: TIKTOK_SANDBOX_APP.appSecret,
      refresh_token: TIKTOK_SANDBOX_APP.refreshToken,
      grant_type: 'refresh_token',
    };
    expect(w.call('GET', '/api/v2/token/refresh', { ...base, app_secret: 'x' }).code).not.toBe(0);
    expect(w.call('GET', '/api/v2/token/refresh', { ...base, refresh_token: 'x' }).code).not.toBe(0);
    const ok = w.call('GET', '/api/v2/token/refresh', base);
    expect(ok.data.access_token_expire_in).toBe(w.nowS() + 7 * 86_400);
    expect(ok.data.refresh_token_expire_in).toBeGreaterThan(ok.data.access_token_expire_in as number);
  });

  test('filters must be integers in the body; page_size 1–100; pages chain by page_token without overlap', () => {
    const w = world(260);
    const t = w.token();
    const search = (q: Record<string, string>, body: string) => {
      const r = w.signed('POST', SEARCH, { shop_cipher: CIPHER, ...q }, body);
      return w.call('POST', SEARCH, r.query, { body, headers: { ...r.headers, 'x-tts-access-token': t } });
    };
    expect(search({ page_size: '100' }, `{"create_time_ge":"${w.nowS() - 86_400}"}`)).toMatchObject({
      code: 36009004,
      message: expect.stringMatching(/create_time_ge type invalid/),
    });
    expect(search({ page_size: '101' }, '{}').code).toBe(36009004);
    expect(search({}, '{}').code).toBe(36009004);
    const seen: string[] = [];
    let token = '';
    do {
      const res = search(
        { page_size: '100', sort_field: 'create_time', sort_order: 'ASC', ...(token ? { page_token: token } : {}) },
        '{}',
      );
      expect(res.code).toBe(0);
      seen.push(...(res.data.orders as { id: string }[]).map((o) => o.id));
      token = res.data.next_page_token as string;
    } while (token);
    expect(seen.length).toBe(260);
    expect(new Set(seen).size).toBe(260);
    expect(search({ page_size: '100', page_token: 'garbage' }, '{}').code).toBe(36009004);
  });

  test('quantity is repeated line items of one sku_id; ON_HOLD orders carry no address', () => {
    const w = world();
    const t = w.token();
    const r = w.signed('POST', SEARCH, { page_size: '100', shop_cipher: CIPHER }, '{}');
    const orders = w.call('POST', SEARCH, r.query, { body: r.body, headers: { ...r.headers, 'x-tts-access-token': t } })
      .data.orders as {
      status: string;
      recipient_address: { full_address: string; name: string };
      line_items: { sku_id: string }[];
    }[];
    expect(orders.some((o) => o.line_items.length > new Set(o.line_items.map((i) => i.sku_id)).size)).toBe(true);
    const held = orders.filter((o) => o.status === 'ON_HOLD');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((o) => o.recipient_address.full_address === '' && o.recipient_address.name === '')).toBe(true);
    expect(orders.some((o) => o.status === 'CANCELLED')).toBe(true);
  });

  test('more than 50 requests per second to one API of one shop get HTTP 429; the next second is free again', () => {
    const w = world();
    const t = w.token();
    const get = () => {
      const r = w.signed('GET', '/logistics/202309/warehouses', { shop_cipher: CIPHER });
      return w.call('GET', '/logistics/202309/warehouses', r.query, {
        headers: { ...r.headers, 'x-tts-access-token': t },
      });
    };
    const answers = Array.from({ length: 55 }, get);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect(answers[50]).toMatchObject({ status: 429, code: 36009002 });
    w.advance(1000);
    expect(get().status).toBe(200);
  });

  test('tokens outlive the sandbox process: a new instance (same options) accepts them until they expire; forged or tampered ones are refused', () => {
    let now = NOW;
    const opts = { now: () => now, seed: 3 };
    const first = new Sandbox(opts);
    const call = (
      sandbox: Sandbox,
      method: string,
      path: string,
      query: Record<string, string>,
      headers: Record<string, string> = {},
    ) =>
      JSON.parse(sandbox.handle({ method, path, query, headers, body: '' }).body) as {
        code: number;
        message: string;
        data: Record<string, string>;
      };
    const refresh = (sandbox: Sandbox, refreshToken: string) =>
      call(sandbox, 'GET', '/api/v2/token/refresh', {
        app_key: TIKTOK_SANDBOX_APP.appKey,
        app_secret: TIKTOK_SANDBOX_APP.appSecret,
        refresh_token: refreshToken,
        grant_type: 'refresh_token',
      });
    const warehouses = (sandbox: Sandbox, token: string) => {
      const path = '/logistics/202309/warehouses';
      const query: Record<string, string> = {
        app_key: TIKTOK_SANDBOX_APP.appKey,
        timestamp: String(Math.floor(now / 1000)),
        shop_cipher: CIPHER,
      };
      query.sign = signRequest(nodeCrypto, TIKTOK_SANDBOX_APP.appSecret, path, query, '');
      return call(sandbox, 'GET', path, query, { 'content-type': 'application/json', 'x-tts-access-token': token });
    };
    const issued = refresh(first, TIKTOK_SANDBOX_APP.refreshToken).data;
    expect(warehouses(first, issued.access_token).code).toBe(0);

    now += 3_600_000;
    const second = new Sandbox(opts);
    expect(warehouses(second, issued.access_token).code).toBe(0);
    const rotated = refresh(second, issued.refresh_token);
    expect(rotated.code).toBe(0);
    expect(warehouses(second, rotated.data.access_token).code).toBe(0);

    const [payload, mac] = issued.access_token.slice('TTP_'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    const reencode = (c: TokenClaims) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
    const longer = `TTP_${reencode({ ...claims, expiresAt: claims.expiresAt + 86_400 * 365 })}.${mac}`;
    const otherKey = tokenMint(TIKTOK_SANDBOX_APP.appKey, 'not-the-app-secret').issue(claims);
    const flippedMac = `TTP_${payload}.${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`;
    for (const forged of [longer, otherKey, flippedMac, issued.refresh_token, 'TTP_sbx_access_3_1', '']) {
      expect(warehouses(second, forged)).toMatchObject({ code: 36009004, message: 'invalid x-tts-access-token' });
    }
    // a token that is not one of this seller's refresh tokens finds no authorization (docs/malls/tiktok-shop.md §1.3)
    expect(refresh(second, issued.access_token).code).toBe(36004005);
    expect(refresh(second, `TTP_${reencode({ ...claims, kind: 'refresh' })}.${mac}`).code).toBe(36004005);

    // the lifetime travels with the token: past it, a fresh process answers 105002
    now = (Number(issued.access_token_expire_in) + 1) * 1000;
    expect(warehouses(new Sandbox(opts), issued.access_token).code).toBe(105002);
  });
  test('content-type application/json is required on every API, GET included (36009022); each answer has its own request_id', () => {
    const w = world();
    const t = w.token();
    const r = w.signed('GET', '/logistics/202309/warehouses', { shop_cipher: CIPHER });
    const bare = w.sandbox.handle({
      method: 'GET',
      path: '/logistics/202309/warehouses',
      query: r.query,
      headers: { 'x-tts-access-token': t },
      body: '',
    });
    const first = JSON.parse(bare.body) as { code: number; request_id: string };
    expect(first.code).toBe(36009022);
    const withType = w.sandbox.handle({
      method: 'GET',
      path: '/logistics/202309/warehouses',
      query: r.query,
      headers: { ...r.headers, 'x-tts-access-token': t },
      body: '',
    });
    const second = JSON.parse(withType.body) as { code: number; request_id: string };
    expect(second.code).toBe(0);
    expect(first.request_id).toMatch(/^\d{14}SBX[0-9A-F]{6}$/);
    expect(second.request_id).not.toBe(first.request_id);
  });

  test('refresh: an expired refresh token is 36004001, a removed authorization 36004005', () => {
    const w = world();
    const refresh = (refreshToken: string) =>
      w.call('GET', '/api/v2/token/refresh', {
        app_key: TIKTOK_SANDBOX_APP.appKey,
        app_secret: TIKTOK_SANDBOX_APP.appSecret,
        refresh_token: refreshToken,
        grant_type: 'refresh_token',
      });
    const rotated = refresh(TIKTOK_SANDBOX_APP.refreshToken).data.refresh_token as string;
    w.advance(366 * 86_400_000);
    expect(refresh(rotated)).toMatchObject({ code: 36004001, message: 'rt has expired' });
    expect(refresh(TIKTOK_SANDBOX_APP.refreshToken).code).toBe(0);
    w.sb.control('deauthorize', {});
    expect(refresh(TIKTOK_SANDBOX_APP.refreshToken)).toMatchObject({
      code: 36004005,
      message: 'can not find related auth record',
    });
  });

  describe('fulfillment', () => {
    const YAMATO = '7117858858072016686';
    function shipping() {
      const w = world(40);
      const t = w.token();
      const post = (path: string, body: unknown) => {
        const text = JSON.stringify(body);
        const r = w.signed('POST', path, { shop_cipher: CIPHER }, text);
        return w.call('POST', path, r.query, { body: text, headers: { ...r.headers, 'x-tts-access-token': t } });
      };
      const info = () => w.sandbox.orders('tiktok');
      const order = info().find((o) => o.status === 'AWAITING_SHIPMENT' && o.lineItemIds.length >= 2)!;
      const ship = (items: string[], tracking: string) =>
        post(`/fulfillment/202309/orders/${order.id}/packages`, {
          order_line_item_ids: items,
          shipping_provider_id: YAMATO,
          tracking_number: tracking,
        });
      const update = (path: string, tracking: string) =>
        post(path, { shipping_provider_id: YAMATO, tracking_number: tracking });
      const now = () => info().find((o) => o.id === order.id)!;
      return { w, post, order, ship, update, now };
    }

    test('a split order: the order-level update is refused (21011049); the package-level one changes only that package, once (21011051)', () => {
      const { w, order, ship, update, now } = shipping();
      const [a, ...rest] = order.lineItemIds;
      const first = ship([a], '111111111111');
      expect(first.code).toBe(0);
      expect(ship(rest, '222222222222').code).toBe(0);
      const [p1, p2] = now().packages;
      expect(p1.id).toBe(first.data.package_id);
      expect(update(`/fulfillment/202309/orders/${order.id}/shipping_info/update`, '333333333333')).toMatchObject({
        code: 21011049,
        message: expect.stringMatching(/Update Package Shipping Info/),
      });
      // no 72-hour window in JP: days later the one update is still allowed
      w.advance(5 * 86_400_000);
      expect(update(`/fulfillment/202309/packages/${p2.id}/shipping_info/update`, '444444444444').code).toBe(0);
      expect(now().packages.map((p) => p.tracking)).toEqual(['111111111111', '444444444444']);
      expect(update(`/fulfillment/202309/packages/${p2.id}/shipping_info/update`, '555555555555').code).toBe(21011051);
      expect(update('/fulfillment/202309/packages/1153000/shipping_info/update', '555555555555').code).toBe(36009004);
    });

    test('an order of one package takes the order-level update once (21011051 after)', () => {
      const { order, ship, update, now } = shipping();
      expect(ship(order.lineItemIds, '111111111111').code).toBe(0);
      const path = `/fulfillment/202309/orders/${order.id}/shipping_info/update`;
      expect(update(path, '222222222222').code).toBe(0);
      expect(now().packages.map((p) => p.tracking)).toEqual(['222222222222']);
      expect(update(path, '333333333333').code).toBe(21011051);
    });

    test.each([
      ['printed', 21008042],
      ['purchased', 21022025],
    ])('a platform label %s for the order: Mark Package As Shipped answers %i and ships nothing', (kind, code) => {
      const { w, order, ship, now } = shipping();
      w.sb.control('platformLabel', { orderId: order.id, kind });
      expect(ship(order.lineItemIds, '111111111111').code).toBe(code);
      expect(now().packages).toEqual([]);
    });
  });
});
