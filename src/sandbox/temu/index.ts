import { z } from 'zod';
import { demoShop } from '../demo-shop';
import { rateWindow } from '../rate-window';
import { json, type MallSandbox, type SandboxOptions, type SandboxRequest, type SandboxResponse } from '../types';
import {
  amounts,
  CARRIERS,
  listItem,
  REGION_ID,
  type SandboxOrder,
  STATUS,
  sampleOrders,
  shippingInfo,
  WAREHOUSES,
} from './data';
import { checkGateway, type GatewayApp, type GatewayToken } from './gateway';
import { ShippingDesk } from './shipping';

/**
 * The sandbox Temu router (POST /openapi/router). It checks what the real gateway checks
 * (docs/malls/temu.md §5, §6): the rate limit per app key (20/s, 4000004), then ./gateway (timestamp, app
 * key, its own signature check, access token), then serves the order, address, amount, carrier, warehouse
 * and shipping calls from deterministic sample orders.
 */

export const TEMU_SANDBOX_CREDENTIALS = {
  appKey: 'sandbox-temu-app-key-0001',
  appSecret: 'sandbox-temu-app-secret-2f8d41c7',
  accessToken: 'sandbox-temu-access-token-9a3e5b',
} as const;

export const TEMU_ROUTER_PATH = '/openapi/router';
const RATE_PER_SECOND = 20;
const DEFAULT_ORDERS = 25;

/**
 * The token's apiScopeList as every public token sample writes it: v1 names (docs/malls/temu.md §5), plus
 * the optional amount query. The gateway serves the v2 types under the v1 grants.
 */
const SCOPES = [
  'bg.open.accesstoken.info.get',
  'bg.order.list.get',
  'bg.order.shippinginfo.get',
  'bg.order.amount.query',
  'bg.logistics.companies.get',
  'bg.logistics.warehouse.list.get',
  'bg.logistics.shipment.confirm',
  'bg.logistics.shipment.get',
  'bg.logistics.shipment.shippingtype.update',
];

type Fault = { kind: 500 | 503 | 429 | 'malformed' | 'code'; code?: number; remaining: number; type?: string };

const FaultArgs = z.object({
  kind: z.union([z.literal(500), z.literal(503), z.literal(429), z.literal('malformed'), z.literal('code')]),
  code: z.number().int().optional(),
  count: z.number().int().min(1).default(1),
  type: z.string().optional(),
});

type Answer = { ok: true; result: unknown } | { ok: false; code: number; msg: string };
const ok = (result: unknown): Answer => ({ ok: true, result });
const err = (code: number, msg: string): Answer => ({ ok: false, code, msg });

export function createTemuSandbox(opts: SandboxOptions): MallSandbox {
  const initial = opts.orders ?? DEFAULT_ORDERS;
  const orders = sampleOrders(opts.seed, initial, opts.now());
  const bySn = new Map<string, SandboxOrder>(orders.map((o) => [o.parentOrderSn, o]));
  let arrived = 0;
  const nowS = () => Math.floor(opts.now() / 1000);
  const desk = new ShippingDesk(bySn, nowS);
  const app: GatewayApp = {
    appKey: TEMU_SANDBOX_CREDENTIALS.appKey,
    appSecret: TEMU_SANDBOX_CREDENTIALS.appSecret,
    suspended: false,
  };
  const token: GatewayToken = { accessToken: TEMU_SANDBOX_CREDENTIALS.accessToken, appKey: app.appKey, expired: false };
  /** the store's region: the token reports it, and bg.logistics.companies.get serves carriers only for it */
  let regionId: number = REGION_ID;
  const overRate = rateWindow(); // docs/malls/temu.md §5: 20 QPS per app_key
  const faults: Fault[] = [];
  const requestsByType: Record<string, number> = {};
  let expiredTime = Math.floor(opts.now() / 1000) + 180 * 86_400;
  let amountsDenied = false;
  /** the token's apiScopeList when a test set one (control 'scopes'), else SCOPES */
  let scopes: string[] | null = null;
  let requestCount = 0;
  let seq = 0;

  function envelope(a: Answer): SandboxResponse {
    const requestId = `jp-sandbox-${++seq}`;
    return a.ok
      ? json(200, { success: true, errorCode: 1000000, errorMsg: '', requestId, result: a.result })
      : json(200, { success: false, errorCode: a.code, errorMsg: a.msg, requestId, result: null });
  }

  function takeFault(type: string): Fault | null {
    const f = faults.find((x) => !x.type || x.type === type);
    if (!f) return null;
    if (--f.remaining <= 0) faults.splice(faults.indexOf(f), 1);
    return f;
  }

  function faultResponse(f: Fault): SandboxResponse {
    if (f.kind === 'malformed')
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success":tru' };
    if (f.kind === 'code')
      return envelope(err(f.code ?? 4000000, f.code === 4000004 ? 'too frequent requests' : 'system_exception'));
    if (f.kind === 429) return { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' };
    return { status: f.kind, body: 'Internal Server Error' };
  }

  function gate(p: Record<string, unknown>): Answer | null {
    const refusal = checkGateway(p, nowS(), [app], [token]);
    return refusal ? err(refusal.code, refusal.msg) : null;
  }

  function dispatch(type: string, p: Record<string, unknown>): Answer {
    switch (type) {
      case 'bg.open.accesstoken.info.get':
        return ok({
          regionId,
          mallId: 634418210000001,
          mallType: 100,
          expiredTime,
          apiScopeList: (scopes ?? SCOPES).filter((s) => !(amountsDenied && s === 'bg.order.amount.query')),
        });
      case 'bg.order.list.v2.get':
        return listOrders(p);
      case 'bg.order.shippinginfo.v2.get': {
        const o = bySn.get(String(p.parentOrderSn ?? ''));
        return o ? ok(shippingInfo(o)) : err(180020003, 'Invalid param');
      }
      case 'bg.order.amount.query': {
        if (amountsDenied) return err(3000032, 'No permission to access this API');
        const o = bySn.get(String(p.parentOrderSn ?? ''));
        return o ? ok(amounts(o)) : err(140020002, 'Order not found');
      }
      case 'bg.logistics.companies.get':
        // regionId is required (docs/malls/temu.md §2); carriers differ by region
        if (p.regionId === undefined) return err(120011020, 'Invalid request parameters: regionId is required');
        return Number(p.regionId) === regionId ? ok(CARRIERS) : ok([]);
      case 'bg.logistics.warehouse.list.get':
        return ok({ warehouseList: WAREHOUSES });
      case 'bg.logistics.shipment.v2.confirm':
        return desk.confirm(p);
      case 'bg.logistics.shipment.v2.get':
        return desk.shipmentInfo(p);
      case 'bg.logistics.shipment.shippingtype.update':
        return desk.editTracking(p);
      default:
        return err(3000003, `type ${type} not exists`);
    }
  }

  /** docs/malls/temu.md §3.1: seconds, pairs sent together, end after start; pageSize ≤ 100; parentOrderSnList ≤ 20. */
  function listOrders(p: Record<string, unknown>): Answer {
    const pageSize = Number(p.pageSize ?? 10);
    const pageNumber = Number(p.pageNumber ?? 1);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return err(140020011, 'pageSize must be between 1 and 100');
    if (!Number.isInteger(pageNumber) || pageNumber < 1) return err(140020011, 'pageNumber must be 1 or more');
    const ranges: [number, number, (o: SandboxOrder) => number][] = [];
    for (const [a, b, field] of [
      ['createAfter', 'createBefore', (o: SandboxOrder) => o.createdAt],
      ['updateAtStart', 'updateAtEnd', (o: SandboxOrder) => o.updatedAt],
    ] as const) {
      if ((p[a] === undefined) !== (p[b] === undefined))
        return err(140020013, `${p[a] === undefined ? a : b} not passed in`);
      if (p[a] === undefined) continue;
      const from = Number(p[a]);
      const to = Number(p[b]);
      if (from > 99_999_999_999 || to > 99_999_999_999) return err(140020014, `${a} requires a second level timestamp`);
      if (to <= from) return err(140020012, `${b} must be after ${a}`);
      ranges.push([from, to, field]);
    }
    const sns = p.parentOrderSnList;
    if (sns !== undefined && (!Array.isArray(sns) || sns.length > 20))
      return err(140020011, 'parentOrderSnList takes at most 20 order numbers');
    const status = Number(p.parentOrderStatus ?? 0);
    let hits = orders.filter(
      (o) =>
        (status === 0 || o.status === status) &&
        ranges.every(([from, to, field]) => field(o) >= from && field(o) <= to) &&
        (!Array.isArray(sns) || sns.includes(o.parentOrderSn)),
    );
    if (p.sortby === 'updateTime') hits = [...hits].sort((a, b) => b.updatedAt - a.updatedAt);
    const page = hits.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({ totalItemNum: hits.length, pageItems: page.map(listItem) });
  }

  function handle(req: SandboxRequest): SandboxResponse {
    if (req.method !== 'POST') return json(405, { error: 'POST only' });
    requestCount++;
    let p: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(req.body);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
      p = v as Record<string, unknown>;
    } catch {
      return json(400, {
        success: false,
        errorCode: 7000000,
        errorMsg: 'The request body must be a JSON object',
        result: null,
      });
    }
    const type = String(p.type ?? '');
    requestsByType[type] = (requestsByType[type] ?? 0) + 1;
    const f = takeFault(type);
    if (f) return faultResponse(f);
    if (overRate(String(p.app_key ?? ''), RATE_PER_SECOND, opts.now()))
      return envelope(err(4000004, 'RATE_LIMIT_EXCEED_EXCEPTION: too frequent requests'));
    return envelope(gate(p) ?? dispatch(type, p));
  }

  function control(command: string, args: Record<string, unknown>): unknown {
    switch (command) {
      case 'state':
        return {
          shipments: desk.shipments,
          edits: desk.edits,
          requests: requestCount,
          requestsByType,
          orders: orders.length,
        };
      case 'orders':
        return orders.map((o) => ({
          parentOrderSn: o.parentOrderSn,
          status: o.status,
          createdAt: o.createdAt,
          buyer: `${o.buyer.name} ${o.buyer.postalCode} ${o.buyer.line1}`,
          children: o.children.map((c) => ({ orderSn: c.orderSn, status: c.status, quantity: c.quantity })),
        }));
      case 'arrive': {
        // new paid orders placed now (the steady-state benchmark's arrivals): the generator's next ones
        const n = Math.max(0, Math.floor(Number(args.count ?? 1)));
        const fresh = sampleOrders(opts.seed, initial + arrived + n, opts.now()).filter(
          (o) => !bySn.has(o.parentOrderSn),
        );
        arrived += n;
        const now = nowS();
        for (const o of fresh) {
          Object.assign(o, { status: STATUS.UN_SHIPPING, createdAt: now, updatedAt: now, shipBy: now + 3 * 86_400 });
          o.children.forEach((c) => (c.status = STATUS.UN_SHIPPING));
          bySn.set(o.parentOrderSn, o);
        }
        // the list is kept newest first (its default order)
        orders.unshift(...fresh.reverse());
        return { ok: true, orders: fresh.map((o) => o.parentOrderSn) };
      }
      case 'cancel': {
        const o = bySn.get(String(args.parentOrderSn ?? ''));
        if (!o) return { ok: false, error: 'unknown parentOrderSn' };
        o.status = STATUS.CANCELED;
        o.children.forEach((c) => (c.status = STATUS.CANCELED));
        o.updatedAt = nowS();
        return { ok: true };
      }
      case 'advance': {
        // order updates made in Seller Center: a PENDING order becomes UN_SHIPPING, or any order a given status
        const name = String(args.status ?? 'UN_SHIPPING') as keyof typeof STATUS;
        const code = STATUS[name];
        if (code === undefined) return { ok: false, error: `unknown status ${name}` };
        const targets = args.parentOrderSn
          ? [bySn.get(String(args.parentOrderSn))].filter((o) => o !== undefined)
          : orders.filter((o) => o.status === STATUS.PENDING);
        for (const o of targets) {
          o.status = code;
          o.children.forEach((c) => (c.status = c.status === STATUS.CANCELED ? c.status : code));
          o.updatedAt = nowS();
        }
        return { ok: true, changed: targets.length };
      }
      case 'expire':
        token.expired = true;
        return { ok: true };
      case 'expiry':
        expiredTime = nowS() + Math.round(Number(args.inDays ?? 180) * 86_400);
        token.expired = false;
        return { ok: true, expiredTime };
      case 'scopes':
        scopes = Array.isArray(args.apiScopeList) ? args.apiScopeList.map(String) : null;
        return { ok: true };
      case 'suspend':
        app.suspended = args.suspended !== false;
        return { ok: true };
      case 'region':
        regionId = Number(args.regionId ?? REGION_ID);
        return { ok: true, regionId };
      case 'ship': {
        // shipped in Seller Center: the mall shows the children shipped, MallSheet exported nothing
        const orderSns = Array.isArray(args.orderSns) ? args.orderSns.map(String) : null;
        return desk.shipOutside(
          String(args.parentOrderSn ?? ''),
          orderSns,
          String(args.trackingNumber ?? 'SC0000000001'),
        );
      }
      case 'deny-amounts':
        amountsDenied = args.deny !== false;
        return { ok: true };
      case 'fault': {
        const a = FaultArgs.safeParse(args);
        if (!a.success) return { ok: false, error: a.error.issues[0].message };
        faults.push({ kind: a.data.kind, code: a.data.code, remaining: a.data.count, type: a.data.type });
        return { ok: true };
      }
      default:
        return { ok: false, error: `unknown command ${command}` };
    }
  }

  return { id: 'temu', handles: (req) => req.path === TEMU_ROUTER_PATH, handle, control };
}

/** A shop of the settings model (docs/contract.md §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoTemuShop(baseUrl: string): Record<string, unknown> {
  return demoShop(
    'Temu 1号店',
    'temu',
    { credentials: { ...TEMU_SANDBOX_CREDENTIALS }, region: 'global', fetch: { statuses: ['UN_SHIPPING'], days: 7 } },
    baseUrl,
  );
}
