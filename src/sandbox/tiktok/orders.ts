import { jsonObject, type SandboxRequest, type SandboxResponse } from '../types';
import { orderView, type SbOrder } from './data';
import type { TikTokState } from './state';

/** Order Search and Get Order Detail (docs/malls/tiktok-shop.md §3), with keyset paging behind opaque page tokens. */

export function searchOrders(s: TikTokState, req: SandboxRequest): SandboxResponse {
  const q = req.query;
  const size = Number(q.page_size);
  if (!Number.isInteger(size) || size < 1 || size > 100) return s.fail(36009004, 'page_size must be 1-100');
  const field = q.sort_field ?? 'create_time';
  const order = q.sort_order ?? 'DESC';
  if (field !== 'create_time' && field !== 'update_time') return s.fail(36009004, 'sort_field is invalid');
  if (order !== 'ASC' && order !== 'DESC') return s.fail(36009004, 'sort_order is invalid');
  const body = jsonObject(req.body);
  if (!body) return s.fail(36009004, 'body must be a JSON object');
  const bounds: Record<string, number> = {};
  for (const k of ['create_time_ge', 'create_time_lt', 'update_time_ge', 'update_time_lt']) {
    if (body[k] === undefined) continue;
    // pitfall 2: numbers sent as strings are refused
    if (typeof body[k] !== 'number' || !Number.isInteger(body[k]))
      return s.fail(36009004, `param ${k} type invalid, expected int64`);
    bounds[k] = body[k] as number;
  }
  const status = body.order_status;
  if (status !== undefined && typeof status !== 'string') return s.fail(36009004, 'param order_status type invalid');
  const time = (o: SbOrder) => (field === 'create_time' ? o.createTime : o.updateTime);
  const dir = order === 'ASC' ? 1 : -1;
  const cmp = (a: [number, string], b: [number, string]) =>
    dir * (a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let after: [number, string] | null = null;
  if (q.page_token) {
    after = decodeToken(q.page_token, field, order);
    if (!after) return s.fail(36009004, 'page_token is invalid');
  }
  const matching = s.orders.filter(
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
  return s.ok({
    next_page_token: more && last ? encodeToken([time(last), last.id], field, order) : '',
    total_count: matching.length,
    orders: page.map(orderView),
  });
}

export function orderDetail(s: TikTokState, req: SandboxRequest): SandboxResponse {
  const ids = (req.query.ids ?? '').split(',').filter((x) => x !== '');
  if (ids.length === 0 || ids.length > 50) return s.fail(36009004, 'ids must name 1-50 orders');
  return s.ok({
    orders: ids.flatMap((id) => {
      const o = s.byId.get(id);
      return o ? [orderView(o)] : [];
    }),
  });
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
