import { nodeCrypto } from '../../node/crypto';
import { demoShop } from '../demo-shop';
import { rateWindow } from '../rate-window';
import { json, type MallSandbox, type SandboxOptions, type SandboxRequest, type SandboxResponse } from '../types';
import {
  DELIVERY_OPTION,
  generateOrders,
  orderView,
  PROVIDERS,
  RETURN_WAREHOUSE_ID,
  recipientOf,
  type SbOrder,
  type SbPackage,
  WAREHOUSE_ID,
} from './data';
import { tokenMint } from './tokens';

/** The sandbox app's credentials (demoTikTokShop puts them in the settings). */
export const TIKTOK_SANDBOX_APP = {
  appKey: '6abc29a39d',
  appSecret: 'sandbox-tiktok-secret-e59af819cc',
  refreshToken: 'TTP_sandbox_refresh_0001',
} as const;

const ACCESS_TTL_S = 7 * 86_400; // default lifetime (docs/malls/tiktok-shop.md §1.2); the client must read it, not assume it
const REFRESH_TTL_S = 365 * 86_400;
const QPS = 50; // per API per shop (docs/malls/tiktok-shop.md §5)
const SELLER_OPEN_ID = 'sbx-open-id';

interface Shop {
  id: string;
  name: string;
  cipher: string;
  code: string;
}

/** What app-level calls (/authorization/*) are counted under: no shop. */
const APP_SCOPE: Shop = { id: 'app', name: '', cipher: '', code: '' };

interface Fault {
  status?: number;
  code?: number;
  malformed?: boolean;
  /** answer code 0 with this data instead (e.g. a Mark Package As Shipped warning) */
  data?: unknown;
  path?: string;
  remaining: number;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** the rate-limit bucket: one per API */
  api: string;
  /** /authorization/* must not carry shop_cipher; shop-scoped APIs must (docs/malls/tiktok-shop.md §1.4) */
  scoped: boolean;
  run(ctx: Call, m: RegExpExecArray): SandboxResponse;
}

interface Call {
  req: SandboxRequest;
  nowS: number;
  shop: Shop;
}

/** TikTok Shop Partner API 202309 in-process: the checks, paging and fulfillment rules of the spec. */
export function createTikTokSandbox(opts: SandboxOptions): MallSandbox {
  const nowS = () => Math.floor(opts.now() / 1000);
  const initial = opts.orders ?? 25;
  const orders: SbOrder[] = generateOrders(opts.seed, initial, nowS());
  const byId = new Map(orders.map((o) => [o.id, o]));
  let arrived = 0;
  const shops: Shop[] = [
    { id: '7494049642642441621', name: 'MallSheet Sandbox JP', cipher: 'ROW_sbxJPkMbgAAAeVAQra0eZ', code: 'JPLCSBX01' },
  ];
  // tokens verify without this process's memory, so a restarted sandbox accepts what an earlier one issued
  const mint = tokenMint(TIKTOK_SANDBOX_APP.appKey, TIKTOK_SANDBOX_APP.appSecret);
  /** the 'expire' control: access tokens issued up to this instant (epoch ms) count as expired, except those issued since */
  let expiredUpTo: number | null = null;
  const issuedSinceExpire = new Set<string>();
  const overRate = rateWindow(); // per API per shop (docs/malls/tiktok-shop.md §5)
  const faults: Fault[] = [];
  const shipments: unknown[] = [];
  const updates: unknown[] = [];
  let issued = 0;
  let refreshes = 0;
  let throttled = 0;
  /** the 'deauthorize' control: the seller removed the app, so its tokens no longer find an authorization */
  let deauthorized = false;
  let answered = 0;
  /** every answer carries its own request_id, as the mall's do (docs/malls/tiktok-shop.md §5): support asks for it */
  const requestId = () =>
    `${new Date(opts.now()).toISOString().replace(/\D/g, '').slice(0, 14)}SBX${(++answered).toString(16).toUpperCase().padStart(6, '0')}`;
  const ok = (data: unknown) => json(200, { code: 0, message: 'Success', request_id: requestId(), data });
  const fail = (code: number, message: string, status = 200) =>
    json(status, { code, message, request_id: requestId(), data: null });

  function refresh(req: SandboxRequest): SandboxResponse {
    const q = req.query;
    if (q.app_key !== TIKTOK_SANDBOX_APP.appKey || q.app_secret !== TIKTOK_SANDBOX_APP.appSecret)
      return fail(36004004, 'app_key or app_secret is invalid');
    if (q.grant_type !== 'refresh_token') return fail(36004004, 'grant_type is invalid');
    // the seller's first refresh token (the one in the settings) never expires here; rotated ones carry their expiry
    const given = q.refresh_token ?? '';
    const first = given === TIKTOK_SANDBOX_APP.refreshToken;
    const claims = first ? null : mint.verify(given, 'refresh');
    // the auth host's codes seen in the wild (docs/malls/tiktok-shop.md §1.3): expired vs no authorization at all
    if (deauthorized || (!first && (!claims || claims.seller !== SELLER_OPEN_ID)))
      return fail(36004005, 'can not find related auth record');
    if (claims && claims.expiresAt <= nowS()) return fail(36004001, 'rt has expired');
    issued++;
    refreshes++;
    // whole ms: the claims schema wants an integer, and simulated clocks (bench cost model) run fractional
    const base = {
      app: TIKTOK_SANDBOX_APP.appKey,
      seller: SELLER_OPEN_ID,
      issuedAt: Math.floor(opts.now()),
      serial: issued,
    };
    const access = mint.issue({ ...base, kind: 'access', expiresAt: nowS() + ACCESS_TTL_S });
    // rotated; the old one keeps working until it expires (the spec leaves rotation open: store what comes back)
    const next = mint.issue({ ...base, kind: 'refresh', expiresAt: nowS() + REFRESH_TTL_S });
    if (expiredUpTo !== null) issuedSinceExpire.add(access);
    return ok({
      access_token: access,
      access_token_expire_in: nowS() + ACCESS_TTL_S,
      refresh_token: next,
      refresh_token_expire_in: nowS() + REFRESH_TTL_S,
      open_id: SELLER_OPEN_ID,
      seller_name: shops[0]?.name ?? '',
      seller_base_region: 'JP',
      user_type: 0,
      granted_scopes: ['seller.order.info', 'seller.fulfillment.basic', 'seller.logistics'],
    });
  }

  /** The common checks every Open API call passes, in the order the spec lists them (§2.1, §2.2, §5). */
  function authenticate(req: SandboxRequest, route: Route): SandboxResponse | Shop {
    const q = req.query;
    if (q.app_key !== TIKTOK_SANDBOX_APP.appKey) return fail(36009004, 'invalid app_key');
    if (!q.sign) return fail(36009004, 'missing sign');
    const ts = q.timestamp ?? '';
    if (!/^\d{10}$/.test(ts)) return fail(36009004, 'timestamp must be 10 digits of Unix seconds');
    const age = nowS() - Number(ts);
    if (age > 300) return fail(36009004, 'timestamp is older than 5 minutes');
    if (age < -30) return fail(36009004, 'timestamp is more than 30 seconds ahead');
    if (q.sign !== expectedSign(req)) return fail(106001, 'sign is invalid', 401);
    // required on every API, GET included (docs/malls/tiktok-shop.md §2.1)
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return fail(36009022, 'content-type must be application/json');
    const token = req.headers['x-tts-access-token'] ?? '';
    const claims = mint.verify(token, 'access');
    if (deauthorized || !claims || claims.seller !== SELLER_OPEN_ID)
      return fail(36009004, 'invalid x-tts-access-token', 401);
    const expiredByControl = expiredUpTo !== null && claims.issuedAt <= expiredUpTo && !issuedSinceExpire.has(token);
    if (claims.expiresAt <= nowS() || expiredByControl) return fail(105002, 'access token is expired', 401);
    if (!route.scoped)
      return q.shop_cipher !== undefined ? fail(36009004, 'Unexpected identifier: shop_cipher') : APP_SCOPE;
    if (!q.shop_cipher) return fail(106013, 'Missing identifier: shop_cipher');
    const shop = shops.find((s) => s.cipher === q.shop_cipher);
    return shop ?? fail(101000, 'the token does not match the shop_cipher');
  }

  function search(c: Call): SandboxResponse {
    const q = c.req.query;
    const size = Number(q.page_size);
    if (!Number.isInteger(size) || size < 1 || size > 100) return fail(36009004, 'page_size must be 1-100');
    const field = q.sort_field ?? 'create_time';
    const order = q.sort_order ?? 'DESC';
    if (field !== 'create_time' && field !== 'update_time') return fail(36009004, 'sort_field is invalid');
    if (order !== 'ASC' && order !== 'DESC') return fail(36009004, 'sort_order is invalid');
    const body = parseBody(c.req.body);
    if (!body) return fail(36009004, 'body must be a JSON object');
    const bounds: Record<string, number> = {};
    for (const k of ['create_time_ge', 'create_time_lt', 'update_time_ge', 'update_time_lt']) {
      if (body[k] === undefined) continue;
      // pitfall 2: numbers sent as strings are refused
      if (typeof body[k] !== 'number' || !Number.isInteger(body[k]))
        return fail(36009004, `param ${k} type invalid, expected int64`);
      bounds[k] = body[k] as number;
    }
    const status = body.order_status;
    if (status !== undefined && typeof status !== 'string') return fail(36009004, 'param order_status type invalid');
    const time = (o: SbOrder) => (field === 'create_time' ? o.createTime : o.updateTime);
    const dir = order === 'ASC' ? 1 : -1;
    const cmp = (a: [number, string], b: [number, string]) =>
      dir * (a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    let after: [number, string] | null = null;
    if (q.page_token) {
      after = decodeToken(q.page_token, field, order);
      if (!after) return fail(36009004, 'page_token is invalid');
    }
    const matching = orders.filter(
      (o) =>
        (status === undefined || o.status === status) &&
        (bounds.create_time_ge === undefined || o.createTime >= bounds.create_time_ge) &&
        (bounds.create_time_lt === undefined || o.createTime < bounds.create_time_lt) &&
        (bounds.update_time_ge === undefined || o.updateTime >= bounds.update_time_ge) &&
        (bounds.update_time_lt === undefined || o.updateTime < bounds.update_time_lt),
    );
    // keyset paging on (time, id): an order that changes status meanwhile never shifts the pages
    const rest = matching
      .filter((o) => !after || cmp([time(o), o.id], after) > 0)
      .sort((a, b) => cmp([time(a), a.id], [time(b), b.id]));
    const page = rest.slice(0, size);
    const last = page[page.length - 1];
    const more = rest.length > size;
    return ok({
      next_page_token: more && last ? encodeToken([time(last), last.id], field, order) : '',
      total_count: matching.length,
      orders: page.map(orderView),
    });
  }

  function detail(c: Call): SandboxResponse {
    const ids = (c.req.query.ids ?? '').split(',').filter((s) => s !== '');
    if (ids.length === 0 || ids.length > 50) return fail(36009004, 'ids must name 1-50 orders');
    return ok({ orders: ids.flatMap((id) => (byId.has(id) ? [orderView(byId.get(id)!)] : [])) });
  }

  /** Mark Package As Shipped (docs/malls/tiktok-shop.md §4.2) with the error codes of §4.5. */
  function markShipped(c: Call, orderId: string): SandboxResponse {
    const o = byId.get(orderId);
    if (!o) return fail(36009004, 'invalid order_id');
    const body = parseBody(c.req.body);
    if (!body || typeof body.tracking_number !== 'string' || !body.tracking_number)
      return fail(36009004, 'tracking_number is required');
    if (typeof body.shipping_provider_id !== 'string' || !body.shipping_provider_id)
      return fail(36009004, 'shipping_provider_id is required');
    const ids = body.order_line_item_ids;
    if (ids !== undefined && (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')))
      return fail(36009004, 'order_line_item_ids must be strings');
    if (o.status === 'CANCELLED') return fail(21011041, 'Cannot complete the operation when order is cancelled');
    if (o.status === 'ON_HOLD')
      return fail(21011044, 'Order status is on hold, please wait until the order status changes');
    // a platform label exists: the package ships under TikTok's label, not the seller's number (§4.5)
    if (o.platformLabel === 'printed') return fail(21008042, 'seller already print shipping label');
    if (o.platformLabel === 'purchased') return fail(21022025, 'a shipping label has already been purchased');
    const wanted =
      ids === undefined
        ? o.items.filter((x) => !x.packageId && !x.cancelled)
        : o.items.filter((x) => (ids as string[]).includes(x.id));
    if (ids !== undefined && wanted.length !== (ids as string[]).length)
      return fail(36009004, 'invalid order_line_item_ids');
    if (wanted.length === 0 || wanted.some((x) => x.packageId)) return fail(21008099, 'Package has been shipped');
    if (wanted.some((x) => x.cancelled)) return fail(21011042, 'Cannot complete the operation when order is cancelled');
    if (!PROVIDERS.some((p) => p.id === body.shipping_provider_id))
      return fail(21011022, 'invalid tracking number or shipping provider id');
    const tracking = body.tracking_number;
    if (!/^[A-Za-z0-9]+$/.test(tracking)) return fail(21004012, 'tracking number contains special characters');
    // JP consolidation: one tracking number may cover orders of the same recipient, never another's
    const sharing = orders.filter((x) => x.id !== o.id && x.packages.some((p) => p.tracking === tracking));
    if (sharing.some((x) => !sameRecipient(x, o))) return fail(21011025, 'duplicate tracking number');
    if (sharing.length >= CONSOLIDATION_MAX) return fail(21011026, 'tracking number used too many times');
    const pkg = {
      id: `1153${o.id.slice(4, 14)}${String(o.packages.length + 1).padStart(4, '0')}`,
      tracking,
      providerId: body.shipping_provider_id,
      lineItemIds: wanted.map((x) => x.id),
      shippedAt: c.nowS,
      updates: 0,
    };
    for (const x of wanted) x.packageId = pkg.id;
    o.packages.push(pkg);
    o.status = o.items.every((x) => x.packageId || x.cancelled) ? 'IN_TRANSIT' : 'PARTIALLY_SHIPPING';
    o.updateTime = c.nowS;
    shipments.push({
      orderId: o.id,
      packageId: pkg.id,
      tracking,
      providerId: pkg.providerId,
      lineItemIds: pkg.lineItemIds,
      body: c.req.body,
    });
    return ok({ order_id: o.id, package_id: pkg.id, order_line_item_ids: pkg.lineItemIds });
  }

  /**
   * Update Shipping Info (docs/malls/tiktok-shop.md §4.4): a shipped order of one package only; a split order
   * must name its package. JP allows one update and states no 72-hour window (§4.2), so none applies here.
   */
  function updateShippingInfo(c: Call, orderId: string): SandboxResponse {
    const o = byId.get(orderId);
    if (!o) return fail(36009004, 'invalid order_id');
    if (o.packages.length > 1)
      return fail(
        21011049,
        'For orders that have been split for shipping, please use the Update Package Shipping Info API',
      );
    return updatePackage(c, o, o.packages[0]);
  }

  /** Update Package Shipping Info (§4.4): only the named package changes. */
  function updatePackageShippingInfo(c: Call, packageId: string): SandboxResponse {
    const o = orders.find((x) => x.packages.some((p) => p.id === packageId));
    if (!o) return fail(36009004, 'invalid package_id');
    return updatePackage(
      c,
      o,
      o.packages.find((p) => p.id === packageId),
    );
  }

  function updatePackage(c: Call, o: SbOrder, pkg: SbPackage | undefined): SandboxResponse {
    const body = parseBody(c.req.body);
    if (!body || typeof body.tracking_number !== 'string' || typeof body.shipping_provider_id !== 'string')
      return fail(36009004, 'tracking_number and shipping_provider_id are required');
    if (o.status === 'CANCELLED') return fail(21011041, 'Cannot complete the operation when order is cancelled');
    if (!pkg) return fail(21011043, 'Package has not been shipped');
    if (pkg.updates >= 1) return fail(21011051, 'The tracking number can be updated only once');
    if (!PROVIDERS.some((p) => p.id === body.shipping_provider_id))
      return fail(21011022, 'invalid tracking number or shipping provider id');
    if (!/^[A-Za-z0-9]+$/.test(body.tracking_number))
      return fail(21004012, 'tracking number contains special characters');
    pkg.tracking = body.tracking_number;
    pkg.providerId = body.shipping_provider_id;
    pkg.updates++;
    o.updateTime = c.nowS;
    updates.push({
      orderId: o.id,
      packageId: pkg.id,
      tracking: body.tracking_number,
      providerId: body.shipping_provider_id,
    });
    return ok({});
  }

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/authorization\/202309\/shops$/,
      api: 'shops',
      scoped: false,
      run: () => ok({ shops: shops.map((s) => ({ ...s, region: 'JP', seller_type: 'LOCAL' })) }),
    },
    {
      method: 'POST',
      pattern: /^\/order\/202309\/orders\/search$/,
      api: 'search',
      scoped: true,
      run: (c) => (c.shop === shops[0] ? search(c) : ok({ next_page_token: '', total_count: 0, orders: [] })),
    },
    { method: 'GET', pattern: /^\/order\/202309\/orders$/, api: 'detail', scoped: true, run: detail },
    {
      method: 'GET',
      pattern: /^\/logistics\/202309\/warehouses$/,
      api: 'warehouses',
      scoped: true,
      run: () =>
        ok({
          warehouses: [
            { id: WAREHOUSE_ID, name: 'Tokyo', type: 'SALES_WAREHOUSE', is_default: true, effect_status: 'ENABLED' },
            {
              id: RETURN_WAREHOUSE_ID,
              name: 'Returns',
              type: 'RETURN_WAREHOUSE',
              is_default: true,
              effect_status: 'ENABLED',
            },
          ],
        }),
    },
    {
      method: 'GET',
      pattern: /^\/logistics\/202309\/warehouses\/([^/]+)\/delivery_options$/,
      api: 'options',
      scoped: true,
      run: (_c, m) =>
        m[1] === WAREHOUSE_ID ? ok({ delivery_options: [DELIVERY_OPTION] }) : fail(36009004, 'invalid warehouse_id'),
    },
    {
      method: 'GET',
      pattern: /^\/logistics\/202309\/delivery_options\/([^/]+)\/shipping_providers$/,
      api: 'providers',
      scoped: true,
      run: (_c, m) =>
        m[1] === DELIVERY_OPTION.id
          ? ok({ shipping_providers: PROVIDERS })
          : fail(21008116, 'no subscription for this delivery option'),
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/packages$/,
      api: 'ship',
      scoped: true,
      run: (c, m) => markShipped(c, decodeURIComponent(m[1])),
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/shipping_info\/update$/,
      api: 'update',
      scoped: true,
      run: (c, m) => updateShippingInfo(c, decodeURIComponent(m[1])),
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_info\/update$/,
      api: 'packageUpdate',
      scoped: true,
      run: (c, m) => updatePackageShippingInfo(c, decodeURIComponent(m[1])),
    },
  ];

  function injectedFault(req: SandboxRequest): SandboxResponse | null {
    const i = faults.findIndex((f) => f.remaining > 0 && (!f.path || req.path.startsWith(f.path)));
    if (i < 0) return null;
    const f = faults[i];
    if (--f.remaining === 0) faults.splice(i, 1);
    if (f.data !== undefined) return ok(f.data);
    if (f.malformed)
      return {
        status: f.status ?? 200,
        headers: { 'content-type': 'application/json' },
        body: '{"code":0,"data":{"orders":[{"id":',
      };
    const status = f.status ?? 200;
    return fail(f.code ?? (status === 429 ? 36009002 : 36009003), 'injected fault', status);
  }

  return {
    id: 'tiktok',
    handles: (req) => req.path === '/api/v2/token/refresh' || routes.some((r) => r.pattern.test(req.path)),
    handle(req) {
      const fault = injectedFault(req);
      if (fault) return fault;
      if (req.path === '/api/v2/token/refresh')
        return req.method === 'GET' ? refresh(req) : fail(36009010, 'method not allowed');
      const route = routes.find((r) => r.pattern.test(req.path) && r.method === req.method);
      if (!route) return fail(36009010, 'method not allowed', 405);
      const shop = authenticate(req, route);
      if (!('cipher' in shop)) return shop;
      if (overRate(`${route.api}:${shop.id}`, QPS, opts.now())) {
        throttled++;
        return fail(36009002, 'Too many requests', 429);
      }
      return route.run({ req, nowS: nowS(), shop }, route.pattern.exec(req.path)!);
    },
    control(command, args) {
      switch (command) {
        case 'state':
          return { shipments, updates, refreshes, throttled };
        case 'orders':
          return orders.map((o) => ({
            id: o.id,
            status: o.status,
            createTime: o.createTime,
            lineItemIds: o.items.map((x) => x.id),
            skus: o.items.map((x) => x.skuId),
            deliveryOptionId: o.deliveryOptionId,
            tracking: o.packages.map((p) => p.tracking),
            packages: o.packages.map((p) => ({ id: p.id, tracking: p.tracking, lineItemIds: p.lineItemIds })),
          }));
        case 'cancel': {
          const o = byId.get(String(args.orderId));
          if (!o) return { error: `no order ${String(args.orderId)}` };
          o.status = 'CANCELLED';
          for (const x of o.items) if (!x.packageId) x.cancelled = true;
          o.updateTime = nowS();
          return { id: o.id, status: o.status };
        }
        case 'platformLabel': {
          const o = byId.get(String(args.orderId));
          if (!o) return { error: `no order ${String(args.orderId)}` };
          o.platformLabel = args.kind === 'purchased' ? 'purchased' : 'printed';
          return { id: o.id, platformLabel: o.platformLabel };
        }
        case 'arrive': {
          // new paid orders placed now (the steady-state benchmark's arrivals): the generator's next ones
          const n = Math.max(0, Math.floor(Number(args.count ?? 1)));
          const fresh = generateOrders(opts.seed, initial + arrived + n, nowS()).filter((o) => !byId.has(o.id));
          arrived += n;
          for (const o of fresh) {
            Object.assign(o, { status: 'AWAITING_SHIPMENT', createTime: nowS(), updateTime: nowS(), packages: [] });
            o.items.forEach((x) => Object.assign(x, { cancelled: false, packageId: '' }));
            orders.push(o);
            byId.set(o.id, o);
          }
          return { orders: fresh.map((o) => o.id) };
        }
        case 'advance': {
          // ON_HOLD → AWAITING_SHIPMENT (the hold hour ends), for one order or all
          const targets = orders.filter(
            (o) => o.status === 'ON_HOLD' && (args.orderId === undefined || o.id === String(args.orderId)),
          );
          for (const o of targets) {
            o.status = 'AWAITING_SHIPMENT';
            o.updateTime = nowS();
          }
          return { released: targets.map((o) => o.id) };
        }
        case 'deauthorize':
          // the seller removed the app in Seller Center: refresh finds no authorization (36004005)
          deauthorized = args.off !== true;
          return { deauthorized };
        case 'expire':
          // every access token issued so far, by this process or an earlier one
          expiredUpTo = opts.now();
          issuedSinceExpire.clear();
          return { expiredUpTo };
        case 'fault':
          faults.push({
            status: num(args.status),
            code: num(args.code),
            malformed: args.malformed === true,
            data: args.data,
            path: typeof args.path === 'string' ? args.path : undefined,
            remaining: num(args.count) ?? 1,
          });
          return { faults: faults.length };
        case 'shops': {
          const count = num(args.count) ?? 1;
          shops.splice(1);
          for (let i = 2; i <= count; i++)
            shops.push({
              id: `749404964264244${1620 + i}`,
              name: `Sandbox Shop ${i}`,
              cipher: `ROW_sbxJPshop${i}`,
              code: `JPLCSBX0${i}`,
            });
          if (count === 0) shops.splice(0, 1);
          return { shops: shops.map((s) => s.cipher) };
        }
        default:
          return { error: `unknown control ${command}` };
      }
    },
  };
}

/** The sandbox's own implementation of docs/malls/tiktok-shop.md §2.2, kept apart from the connector's so each checks the other. */
function expectedSign(req: SandboxRequest): string {
  const pairs = Object.keys(req.query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${req.query[k]}`)
    .join('');
  const secret = TIKTOK_SANDBOX_APP.appSecret;
  return nodeCrypto.hmacSha256Hex(
    secret,
    `${secret}${req.path}${pairs}${req.method === 'GET' ? '' : req.body}${secret}`,
  );
}

/** JP consolidation: one tracking number covers at most this many orders (docs/malls/tiktok-shop.md §4.2). */
const CONSOLIDATION_MAX = 20;

/** JP consolidation asks for the same recipient name and address (docs/malls/tiktok-shop.md §4.2). */
function sameRecipient(a: SbOrder, b: SbOrder): boolean {
  const x = recipientOf(a);
  const y = recipientOf(b);
  return x.name === y.name && x.postalCode === y.postalCode && x.line1 === y.line1 && x.line2 === y.line2;
}

function parseBody(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Opaque page tokens with '+' and '/' in them, as the real ones have (docs/malls/tiktok-shop.md §2.3 note). */
function encodeToken(key: [number, string], field: string, order: string): string {
  return btoa(`\xfb\xff\xbf${JSON.stringify({ k: key, f: field, o: order })}`);
}

function decodeToken(token: string, field: string, order: string): [number, string] | null {
  try {
    const v = JSON.parse(atob(token).slice(3)) as { k?: unknown; f?: unknown; o?: unknown };
    const k = v.k;
    if (v.f !== field || v.o !== order || !Array.isArray(k) || typeof k[0] !== 'number' || typeof k[1] !== 'string')
      return null;
    return [k[0], k[1]];
  } catch {
    return null;
  }
}

/** A shop of the settings model (docs/contract.md §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoTikTokShop(baseUrl: string): Record<string, unknown> {
  return demoShop(
    'TikTok Shop 1号店',
    'tiktok',
    { credentials: { ...TIKTOK_SANDBOX_APP }, fetch: { statuses: ['ON_HOLD', 'AWAITING_SHIPMENT'], days: 7 } },
    baseUrl,
  );
}
