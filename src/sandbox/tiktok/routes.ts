import type { Fault } from '../faults';
import type { SandboxRequest, SandboxResponse } from '../types';
import { authenticate, REFRESH_PATH, refresh } from './auth';
import { DELIVERY_OPTION, PROVIDERS, RETURN_WAREHOUSE_ID, WAREHOUSE_ID } from './data';
import { markShipped, updatePackageShippingInfo, updateShippingInfo } from './fulfillment';
import { orderDetail, searchOrders } from './orders';
import type { Shop, TikTokState } from './state';

/** TikTok Shop Partner API 202309 in-process: one route per API, behind the auth host's refresh and the common checks. */

const QPS = 50; // per API per shop (docs/malls/tiktok-shop.md §5)

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** the rate-limit bucket: one per API */
  api: string;
  /** /authorization/* must not carry shop_cipher; shop-scoped APIs must (docs/malls/tiktok-shop.md §1.4) */
  scoped: boolean;
  run(s: TikTokState, req: SandboxRequest, shop: Shop, m: RegExpExecArray): SandboxResponse;
}

const WAREHOUSES = [
  { id: WAREHOUSE_ID, name: 'Tokyo', type: 'SALES_WAREHOUSE', is_default: true, effect_status: 'ENABLED' },
  { id: RETURN_WAREHOUSE_ID, name: 'Returns', type: 'RETURN_WAREHOUSE', is_default: true, effect_status: 'ENABLED' },
];

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/authorization\/202309\/shops$/,
    api: 'shops',
    scoped: false,
    run: (s) => s.ok({ shops: s.shops.map((x) => ({ ...x, region: 'JP', seller_type: 'LOCAL' })) }),
  },
  {
    method: 'POST',
    pattern: /^\/order\/202309\/orders\/search$/,
    api: 'search',
    scoped: true,
    // the sample orders belong to the first shop; other shops of the seller have none
    run: (s, req, shop) =>
      shop === s.shops[0] ? searchOrders(s, req) : s.ok({ next_page_token: '', total_count: 0, orders: [] }),
  },
  { method: 'GET', pattern: /^\/order\/202309\/orders$/, api: 'detail', scoped: true, run: orderDetail },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/warehouses$/,
    api: 'warehouses',
    scoped: true,
    run: (s) => s.ok({ warehouses: WAREHOUSES }),
  },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/warehouses\/([^/]+)\/delivery_options$/,
    api: 'options',
    scoped: true,
    run: (s, _req, _shop, m) =>
      m[1] === WAREHOUSE_ID ? s.ok({ delivery_options: [DELIVERY_OPTION] }) : s.fail(36009004, 'invalid warehouse_id'),
  },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/delivery_options\/([^/]+)\/shipping_providers$/,
    api: 'providers',
    scoped: true,
    run: (s, _req, _shop, m) =>
      m[1] === DELIVERY_OPTION.id
        ? s.ok({ shipping_providers: PROVIDERS })
        : s.fail(21008116, 'no subscription for this delivery option'),
  },
  {
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/packages$/,
    api: 'ship',
    scoped: true,
    run: (s, req, _shop, m) => markShipped(s, req, decodeURIComponent(m[1])),
  },
  {
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/shipping_info\/update$/,
    api: 'update',
    scoped: true,
    run: (s, req, _shop, m) => updateShippingInfo(s, req, decodeURIComponent(m[1])),
  },
  {
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_info\/update$/,
    api: 'packageUpdate',
    scoped: true,
    run: (s, req, _shop, m) => updatePackageShippingInfo(s, req, decodeURIComponent(m[1])),
  },
];

export function handlesTikTok(req: SandboxRequest): boolean {
  return req.path === REFRESH_PATH || ROUTES.some((r) => r.pattern.test(req.path));
}

export function handleTikTok(s: TikTokState, req: SandboxRequest): SandboxResponse {
  const fault = s.faults.take({ path: req.path });
  if (fault) return faultResponse(s, fault);
  if (req.path === REFRESH_PATH) return req.method === 'GET' ? refresh(s, req) : s.fail(36009010, 'method not allowed');
  const route = ROUTES.find((r) => r.pattern.test(req.path) && r.method === req.method);
  const m = route?.pattern.exec(req.path);
  if (!route || !m) return s.fail(36009010, 'method not allowed', 405);
  const shop = authenticate(s, req, route.scoped);
  if (!('cipher' in shop)) return shop;
  if (s.overRate(`${route.api}:${shop.id}`, QPS, s.opts.now())) {
    s.throttled++;
    return s.fail(36009002, 'Too many requests', 429);
  }
  return route.run(s, req, shop, m);
}

function faultResponse(s: TikTokState, f: Fault): SandboxResponse {
  if (f.kind === 'data') return s.ok(f.data);
  if (f.kind === 'malformed')
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"code":0,"data":{"orders":[{"id":' };
  if (f.kind === 'code') return s.fail(f.code ?? 36009003, 'injected fault');
  return s.fail(f.kind === 429 ? 36009002 : 36009003, 'injected fault', f.kind);
}
