import type { ExportLine, ExportOrder, LineOutcome, ShopContext } from '../../engine/connector';
import { matchCarrier } from '../shared/carriers';
import type { ApiCall, TikTokClient } from './client';
import { ALREADY_SHIPPED_CODES, describeCode, TikTokApiError } from './errors';
import { lineItemIds } from './mapping';
import { ProviderDirectory } from './providers';
import { type Envelope, MarkShippedDataSchema, OrderDetailDataSchema, OrderSchema, type TikTokOrder } from './schemas';

/** Get Order Detail takes at most 50 ids (docs/malls/tiktok-shop.md §3). */
const DETAIL_BATCH = 50;

/** Rows of one order that go to the mall in one call: same tracking number, carrier and kind of call. */
interface Shipment {
  orderId: string;
  lines: ExportLine[];
  tracking: string;
  carrier: string;
  /** 'update': the user changed a tracking number the mall had already accepted (docs/malls/tiktok-shop.md §4.4) */
  kind: 'ship' | 'update';
  /** the number the mall accepted for these rows ('' when never exported) */
  exported: string;
}

/** One wave of Mark-as-Shipped calls: the API's quota per shop (docs/malls/tiktok-shop.md §5, 50 QPS per API). */
const WAVE = 50;
/** A wave must start this long before the run's deadline: its throttle window, the fetch, one retry. */
const WAVE_MARGIN_MS = 3000;

/** A shipment whose carrier resolved: the call that ships it. */
interface Ready {
  index: number;
  shipment: Shipment;
  /** the order as Get Order Detail gave it before the call */
  order: TikTokOrder;
  api: 'fulfillment.ship' | 'fulfillment.update' | 'fulfillment.packageUpdate';
  call: ApiCall;
}

export function exportOrders(
  client: TikTokClient,
  ctx: ShopContext,
  orders: ExportOrder[],
  { dryRun }: { dryRun: boolean },
): LineOutcome[] {
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
  // shipments are independent of each other: they go in fetchAll waves; what the run's budget cannot
  // send waits for the next export (as Temu's and Qoo10's exports do)
  const outcomes: Outcome[] = new Array(shipments.length);
  let wave: Ready[] = [];
  let held = false;
  shipments.forEach((s, index) => {
    if (!held && ctx.clock.now() + WAVE_MARGIN_MS > ctx.deadline) {
      sendWave(client, ctx, wave, outcomes);
      wave = [];
      held = true;
    }
    if (held) {
      outcomes[index] = { kind: 'deferred', message: ctx.t('tiktok.export.budget') };
      return;
    }
    const ready = prepare(ctx, providers, details.get(s.orderId), s, index);
    if ('kind' in ready) outcomes[index] = ready;
    else wave.push(ready);
    if (wave.length === WAVE) {
      sendWave(client, ctx, wave, outcomes);
      wave = [];
    }
  });
  sendWave(client, ctx, wave, outcomes);
  return shipments.flatMap((s, i) => each(s, outcomes[i]));
}

function toShipments(order: ExportOrder): Shipment[] {
  const groups = new Map<string, Shipment>();
  for (const line of order.lines) {
    if (!line.ready) continue;
    const kind = line.exportedTracking !== '' && line.exportedTracking !== line.tracking ? 'update' : 'ship';
    const carrier = (line.carrier?.tiktok ?? '').trim() || line.carrierName.trim();
    // rows shipped under one number were one package: a change of number goes to that package
    const key = `${kind}\u0000${line.tracking}\u0000${carrier}\u0000${kind === 'update' ? line.exportedTracking : ''}`;
    const g = groups.get(key);
    if (g) g.lines.push(line);
    else
      groups.set(key, {
        orderId: order.orderId,
        lines: [line],
        tracking: line.tracking,
        carrier,
        kind,
        exported: line.exportedTracking,
      });
  }
  return [...groups.values()];
}

/** A LineOutcome before it is copied to each row of the shipment. */
type Outcome = LineOutcome extends infer U ? (U extends LineOutcome ? Omit<U, 'key'> : never) : never;

function each(s: Shipment, outcome: Outcome): LineOutcome[] {
  return s.lines.map((l) => ({ key: l.key, ...outcome }));
}

/** The call that ships s, or why it cannot be sent (the carrier lists are looked up once per run). */
function prepare(
  ctx: ShopContext,
  providers: ProviderDirectory,
  order: TikTokOrder | undefined,
  s: Shipment,
  index: number,
): Ready | Outcome {
  const { t } = ctx;
  if (!s.carrier) return { kind: 'error', message: t('tiktok.export.noCarrier') };
  if (!order) return { kind: 'error', message: t('tiktok.export.orderNotFound', { order: s.orderId }) };
  try {
    const match = matchCarrier(s.carrier, providers.forOrder(order.delivery_option_id));
    if (!match.ok)
      return {
        kind: 'error',
        message: t('tiktok.export.carrierUnknown', {
          carrier: s.carrier,
          candidates: match.candidates.join(', ') || '-',
        }),
      };
    const provider = match.carrier.id;
    const orderPath = `/fulfillment/202309/orders/${encodeURIComponent(s.orderId)}`;
    if (s.kind === 'update') {
      // JP allows one shipping-info update per order (docs/malls/tiktok-shop.md §4.2, §4.4)
      const body = { shipping_provider_id: provider, tracking_number: s.tracking };
      const target = updateTarget(order, s);
      if (typeof target !== 'string')
        return { kind: 'error', message: t('tiktok.export.packageUnknown', { old: s.exported }) };
      if (target === '')
        return {
          index,
          shipment: s,
          order,
          api: 'fulfillment.update',
          call: { path: `${orderPath}/shipping_info/update`, opts: { body } },
        };
      const path = `/fulfillment/202309/packages/${encodeURIComponent(target)}/shipping_info/update`;
      return { index, shipment: s, order, api: 'fulfillment.packageUpdate', call: { path, opts: { body } } };
    }
    // keys in alphabetical order, as in the spec's vector D; the string signed is the string sent
    const body = { order_line_item_ids: itemsOf(s), shipping_provider_id: provider, tracking_number: s.tracking };
    return {
      index,
      shipment: s,
      order,
      api: 'fulfillment.ship',
      call: { path: `${orderPath}/packages`, opts: { body } },
    };
  } catch (e) {
    return { kind: 'error', message: errorText(e) };
  }
}

function itemsOf(s: Shipment): string[] {
  return s.lines.flatMap((l) => lineItemIds(l.lineId));
}

/**
 * Where a changed number goes (docs/malls/tiktok-shop.md §4.4): '' = the order-level call, for an order shipped
 * as one package; else the package that holds these rows, for a split order; null when the mall's order does
 * not say which package that is. The package ids are the ones Mark Package As Shipped returned, read back from
 * Get Order Detail (line_items[].package_id), which the export reads anyway: the mall's own list cannot go stale
 * the way a copy could (a crash between the call and the write, a package shipped in Seller Center), and a copy
 * in the document properties would be masked out of every message as a stored secret.
 */
function updateTarget(order: TikTokOrder, s: Shipment): string | null {
  const mine = new Set(itemsOf(s));
  const packageOf = new Map(order.line_items.map((i) => [i.id, i.package_id]));
  const all = new Set([
    ...order.packages.map((p) => p.id),
    ...order.line_items.map((i) => i.package_id).filter((p) => p !== ''),
  ]);
  const held = new Set([...mine].map((id) => packageOf.get(id) ?? ''));
  if (all.size <= 1) return '';
  return held.size === 1 && !held.has('') ? [...held][0] : null;
}

/** Sends one wave (one fetchAll per API) and records each shipment's outcome. */
function sendWave(client: TikTokClient, ctx: ShopContext, wave: Ready[], outcomes: Outcome[]): void {
  for (const api of ['fulfillment.ship', 'fulfillment.update', 'fulfillment.packageUpdate'] as const) {
    const group = wave.filter((r) => r.api === api);
    if (group.length === 0) continue;
    let answers: (Envelope | TikTokApiError)[];
    try {
      answers = client.requestAll(
        api,
        'post',
        group.map((r) => r.call),
      );
    } catch (e) {
      const message = errorText(e);
      for (const r of group) outcomes[r.index] = { kind: 'error', message };
      continue;
    }
    group.forEach((r, i) => {
      const env = answers[i];
      outcomes[r.index] =
        env instanceof TikTokApiError ? { kind: 'error', message: env.message } : outcomeOf(client, ctx, r, env);
    });
  }
}

function outcomeOf(client: TikTokClient, ctx: ShopContext, r: Ready, env: Envelope): Outcome {
  const { t } = ctx;
  const s = r.shipment;
  if (s.kind === 'update') {
    if (env.code === 0) return { kind: 'ok', note: t('tiktok.export.updated') };
    // the row keeps 書出伝票番号: the mall still holds the number it accepted before
    return {
      kind: 'error',
      message: t('tiktok.export.updateRefused', { detail: client.apiError(env).message, old: s.exported }),
    };
  }
  if (env.code === 0) {
    const warning = MarkShippedDataSchema.safeParse(env.data);
    const note = warning.success ? warning.data?.warning?.message : '';
    return note ? { kind: 'ok', note: t('tiktok.export.warning', { message: note }) } : { kind: 'ok' };
  }
  if (ALREADY_SHIPPED_CODES.has(env.code)) return alreadyShipped(ctx, r, env);
  return { kind: 'error', message: client.apiError(env).message };
}

/**
 * "Already shipped" is success only when the mall holds this very number for every line item of these rows
 * (docs/contract.md §3): the order as read before the call says which number each carries. When it names none,
 * only a number already exported unchanged counts; anything else is not OK and says what the mall kept.
 */
function alreadyShipped(ctx: ShopContext, r: Ready, env: Envelope): Outcome {
  const { t } = ctx;
  const s = r.shipment;
  const mine = new Set(itemsOf(s));
  const numbers = r.order.line_items.filter((i) => mine.has(i.id)).map((i) => i.tracking_number.trim());
  const held = [...new Set(numbers.filter((n) => n !== ''))];
  const detail = describeCode(t, env.code, env.message, env.request_id);
  if (numbers.length === mine.size && numbers.every((n) => n === s.tracking)) return { kind: 'already', note: detail };
  if (held.length === 0 && s.exported === s.tracking) return { kind: 'already', note: detail };
  if (held.length === 0) return { kind: 'error', message: t('tiktok.export.shippedUnknown', { detail }) };
  if (held.length === 1 && held[0] === s.tracking)
    return { kind: 'error', message: t('tiktok.export.shippedPartly', { mall: held[0], detail }) };
  return { kind: 'error', message: t('tiktok.export.shippedOther', { mall: held.join(', '), detail }) };
}

/** Get Order Detail for the orders to ship: their delivery option (for the carrier list). */
function orderDetails(client: TikTokClient, ids: string[]): Map<string, TikTokOrder> {
  const out = new Map<string, TikTokOrder>();
  for (let i = 0; i < ids.length; i += DETAIL_BATCH) {
    const data = client.data('orders.detail', 'get', '/order/202309/orders', OrderDetailDataSchema, {
      query: { ids: ids.slice(i, i + DETAIL_BATCH).join(',') },
    });
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
