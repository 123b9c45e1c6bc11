import type { ExportLine, ExportOrder, LineOutcome, ShopContext } from '../connector';
import { matchCarrier } from '../shared/carriers';
import type { TikTokClient } from './client';
import { ALREADY_SHIPPED_CODES, TikTokApiError, describeCode } from './errors';
import { lineItemIds } from './mapping';
import { ProviderDirectory } from './providers';
import { OrderDetailDataSchema, OrderSchema, MarkShippedDataSchema, type TikTokOrder } from './schemas';

/** Get Order Detail takes at most 50 ids (spec §3). */
const DETAIL_BATCH = 50;

/** Rows of one order that go to the mall in one call: same tracking number, carrier and kind of call. */
interface Shipment {
  orderId: string;
  lines: ExportLine[];
  tracking: string;
  carrier: string;
  /** 'update': the user changed a tracking number the mall had already accepted (spec §4.4) */
  kind: 'ship' | 'update';
}

export function exportOrders(client: TikTokClient, ctx: ShopContext, orders: ExportOrder[], dryRun: boolean): LineOutcome[] {
  const shipments = orders.flatMap(toShipments);
  if (dryRun) return shipments.flatMap((s) => each(s, { kind: 'preview', message: preview(ctx, s) }));
  if (shipments.length === 0) return [];

  let details: Map<string, TikTokOrder>;
  try {
    details = orderDetails(client, [...new Set(shipments.map((s) => s.orderId))]);
  } catch (e) {
    const message = errorText(e);
    return shipments.flatMap((s) => each(s, { kind: 'error', message }));
  }
  const providers = new ProviderDirectory(client);
  return shipments.flatMap((s) => each(s, send(client, ctx, providers, details.get(s.orderId), s)));
}

function toShipments(order: ExportOrder): Shipment[] {
  const groups = new Map<string, Shipment>();
  for (const line of order.lines) {
    if (!line.ready) continue;
    const kind = line.exportedTracking !== '' && line.exportedTracking !== line.tracking ? 'update' : 'ship';
    const carrier = (line.carrier?.tiktok ?? '').trim() || line.carrierName.trim();
    const key = `${kind}\u0000${line.tracking}\u0000${carrier}`;
    const g = groups.get(key);
    if (g) g.lines.push(line);
    else groups.set(key, { orderId: order.orderId, lines: [line], tracking: line.tracking, carrier, kind });
  }
  return [...groups.values()];
}

/** A LineOutcome before it is copied to each row of the shipment. */
type Outcome = LineOutcome extends infer U ? (U extends LineOutcome ? Omit<U, 'key'> : never) : never;

function each(s: Shipment, outcome: Outcome): LineOutcome[] {
  return s.lines.map((l) => ({ key: l.key, ...outcome }));
}

function send(client: TikTokClient, ctx: ShopContext, providers: ProviderDirectory, order: TikTokOrder | undefined, s: Shipment): Outcome {
  const { t } = ctx;
  if (!s.carrier) return { kind: 'error', message: t('tiktok.export.noCarrier') };
  if (!order) return { kind: 'error', message: t('tiktok.export.orderNotFound', { order: s.orderId }) };
  try {
    const match = matchCarrier(s.carrier, providers.forOrder(order.delivery_option_id));
    if (!match.ok) return { kind: 'error', message: t('tiktok.export.carrierUnknown', { carrier: s.carrier, candidates: match.candidates.join(', ') || '-' }) };
    const provider = match.carrier.id;
    const orderPath = `/fulfillment/202309/orders/${encodeURIComponent(s.orderId)}`;
    if (s.kind === 'update') {
      // JP allows one shipping-info update per order (spec §4.2/§4.4)
      const env = client.request('fulfillment.update', 'post', `${orderPath}/shipping_info/update`, { body: { shipping_provider_id: provider, tracking_number: s.tracking } });
      if (env.code === 0) return { kind: 'ok', note: t('tiktok.export.updated') };
      return { kind: 'error', message: t('tiktok.export.updateRefused', { detail: client.apiError(env).message }) };
    }
    // keys in alphabetical order, as in the spec's vector D; the string signed is the string sent
    const body = { order_line_item_ids: s.lines.flatMap((l) => lineItemIds(l.lineId)), shipping_provider_id: provider, tracking_number: s.tracking };
    const env = client.request('fulfillment.ship', 'post', `${orderPath}/packages`, { body });
    if (env.code === 0) {
      const warning = MarkShippedDataSchema.safeParse(env.data);
      const note = warning.success ? warning.data?.warning?.message : '';
      return note ? { kind: 'ok', note: t('tiktok.export.warning', { message: note }) } : { kind: 'ok' };
    }
    if (ALREADY_SHIPPED_CODES.has(env.code)) return { kind: 'already', note: describeCode(t, env.code, env.message) };
    return { kind: 'error', message: client.apiError(env).message };
  } catch (e) {
    return { kind: 'error', message: errorText(e) };
  }
}

/** Get Order Detail for the orders to ship: their delivery option (for the carrier list). */
function orderDetails(client: TikTokClient, ids: string[]): Map<string, TikTokOrder> {
  const out = new Map<string, TikTokOrder>();
  for (let i = 0; i < ids.length; i += DETAIL_BATCH) {
    const data = client.data('orders.detail', 'get', '/order/202309/orders', OrderDetailDataSchema, { query: { ids: ids.slice(i, i + DETAIL_BATCH).join(',') } });
    for (const raw of data.orders) {
      const o = OrderSchema.safeParse(raw);
      if (o.success) out.set(o.data.id, o.data);
    }
  }
  return out;
}

function preview(ctx: ShopContext, s: Shipment): string {
  const items = s.lines.flatMap((l) => lineItemIds(l.lineId)).join(',');
  const key = s.kind === 'update' ? 'tiktok.export.previewUpdate' : 'tiktok.export.preview';
  return ctx.t(key, { order: s.orderId, items, tracking: s.tracking, carrier: s.carrier || '-' });
}

function errorText(e: unknown): string {
  if (e instanceof TikTokApiError) return e.message;
  throw e;
}
