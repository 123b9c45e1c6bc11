import type { Fault } from '../faults';
import { json, jsonObject, type SandboxRequest, type SandboxResponse } from '../types';
import { amounts, CARRIERS, listItem, type SandboxOrder, shippingInfo, WAREHOUSES } from './data';
import { checkGateway } from './gateway';
import { SCOPES, type TemuState } from './state';

/**
 * The sandbox Temu router (POST /openapi/router). It checks what the real gateway checks
 * (docs/malls/temu.md §5, §6): the rate limit per app key (20/s, 4000004), then ./gateway (timestamp, app
 * key, its own signature check, access token), then serves the order, address, amount, carrier, warehouse
 * and shipping calls from deterministic sample orders.
 */

export const TEMU_ROUTER_PATH = '/openapi/router';
const RATE_PER_SECOND = 20;

type Answer = { ok: true; result: unknown } | { ok: false; code: number; msg: string };
const ok = (result: unknown): Answer => ({ ok: true, result });
const err = (code: number, msg: string): Answer => ({ ok: false, code, msg });

export function handleTemu(s: TemuState, req: SandboxRequest): SandboxResponse {
  if (req.method !== 'POST') return json(405, { error: 'POST only' });
  s.requests++;
  const p = jsonObject(req.body);
  if (!p)
    return json(400, {
      success: false,
      errorCode: 7000000,
      errorMsg: 'The request body must be a JSON object',
      result: null,
    });
  const type = String(p.type ?? '');
  s.requestsByType[type] = (s.requestsByType[type] ?? 0) + 1;
  const fault = s.faults.take({ path: req.path, type });
  if (fault) return faultResponse(s, fault);
  if (s.overRate(String(p.app_key ?? ''), RATE_PER_SECOND, s.opts.now()))
    return envelope(s, err(4000004, 'RATE_LIMIT_EXCEED_EXCEPTION: too frequent requests'));
  const refusal = checkGateway(p, s.nowS(), [s.app], [s.token]);
  return envelope(s, refusal ? err(refusal.code, refusal.msg) : dispatch(s, type, p));
}

function envelope(s: TemuState, a: Answer): SandboxResponse {
  const requestId = `jp-sandbox-${++s.seq}`;
  return a.ok
    ? json(200, { success: true, errorCode: 1000000, errorMsg: '', requestId, result: a.result })
    : json(200, { success: false, errorCode: a.code, errorMsg: a.msg, requestId, result: null });
}

function faultResponse(s: TemuState, f: Fault): SandboxResponse {
  if (f.kind === 'malformed')
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success":tru' };
  if (f.kind === 'code')
    return envelope(s, err(f.code ?? 4000000, f.code === 4000004 ? 'too frequent requests' : 'system_exception'));
  if (f.kind === 429) return { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' };
  return { status: Number(f.kind), body: 'Internal Server Error' };
}

function dispatch(s: TemuState, type: string, p: Record<string, unknown>): Answer {
  switch (type) {
    case 'bg.open.accesstoken.info.get':
      return ok({
        regionId: s.regionId,
        mallId: 634418210000001,
        mallType: 100,
        expiredTime: s.expiredTime,
        apiScopeList: (s.scopes ?? SCOPES).filter((x) => !(s.amountsDenied && x === 'bg.order.amount.query')),
      });
    case 'bg.order.list.v2.get':
      return listOrders(s.orders, p);
    case 'bg.order.shippinginfo.v2.get': {
      const o = s.bySn.get(String(p.parentOrderSn ?? ''));
      return o ? ok(shippingInfo(o)) : err(180020003, 'Invalid param');
    }
    case 'bg.order.amount.query': {
      if (s.amountsDenied) return err(3000032, 'No permission to access this API');
      const o = s.bySn.get(String(p.parentOrderSn ?? ''));
      return o ? ok(amounts(o)) : err(140020002, 'Order not found');
    }
    case 'bg.logistics.companies.get':
      // regionId is required (docs/malls/temu.md §2); carriers differ by region
      if (p.regionId === undefined) return err(120011020, 'Invalid request parameters: regionId is required');
      return Number(p.regionId) === s.regionId ? ok(CARRIERS) : ok([]);
    case 'bg.logistics.warehouse.list.get':
      return ok({ warehouseList: WAREHOUSES });
    case 'bg.logistics.shipment.v2.confirm':
      return s.desk.confirm(p);
    case 'bg.logistics.shipment.v2.get':
      return s.desk.shipmentInfo(p);
    case 'bg.logistics.shipment.shippingtype.update':
      return s.desk.editTracking(p);
    default:
      return err(3000003, `type ${type} not exists`);
  }
}

/** docs/malls/temu.md §3.1: seconds, pairs sent together, end after start; pageSize ≤ 100; parentOrderSnList ≤ 20. */
function listOrders(orders: SandboxOrder[], p: Record<string, unknown>): Answer {
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
