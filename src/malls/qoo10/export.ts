import type { ExportLine, ExportOrder, LineOutcome, ShopContext } from '../../engine/connector';
import type { Qoo10Client } from './client';
import { Qoo10Error, resultMessage } from './errors';
import { claimLabel, PENDING_CANCEL_LABELS, statusDigit, statusLabel } from './mapping';
import { asRows, METHODS, MIN_INTERVAL_MS } from './protocol';
import { OrderInfoSchema } from './schemas';

/** SetSendingInfo answers that may mean "already shipped": there is no dedicated code (docs/malls/qoo10.md §4). */
const UPDATE_FAILED: ReadonlySet<number> = new Set([-10010, -10100]);
/** §4 request table: TrackingNo max 50 */
const MAX_TRACKING = 50;

/**
 * Qoo10 confirms shipment per order line (OrderNo), not per cart (§4 "Call it once per OrderNo", §6.6):
 * each ready line is one SetSendingInfo, with the carrier table's qoo10 value as ShippingCorp.
 * The ship date has no field in the API (§4 Carrier strings, GoQ's caution): previews say so.
 * A line whose cancellation awaits the seller's answer is held, not sent (§4: skip orders under a claim);
 * it stays eligible and goes out once a fetch shows the claim withdrawn or rejected.
 */
export function exportOrders(
  client: Qoo10Client,
  ctx: ShopContext,
  orders: ExportOrder[],
  { dryRun }: { dryRun: boolean },
): LineOutcome[] {
  const ready = uniqueReady(orders);
  if (ready.length === 0) return [];
  ctx.log.info(`Qoo10 ${ctx.shop.name}: ${ctx.t('qoo10.export.noShipDate')}`);
  const out: LineOutcome[] = [];
  let stopped: string | null = null;
  for (const line of ready) {
    const corp = (line.carrier?.qoo10 ?? '').trim() || line.carrierName.trim();
    const invalid = validate(ctx, line, corp);
    if (PENDING_CANCEL_LABELS.has(line.mallStatus.trim())) {
      // the mall would refuse it (-10100) and a lookup would only say why: the row's own status already does
      out.push({
        key: line.key,
        kind: 'held',
        message: ctx.t('qoo10.export.cancelPending', { status: line.mallStatus.trim() }),
      });
    } else if (invalid) {
      out.push({ key: line.key, kind: 'error', message: invalid });
    } else if (line.exportedTracking && line.exportedTracking === line.tracking) {
      out.push({ key: line.key, kind: 'already', note: ctx.t('qoo10.export.already', { tracking: line.tracking }) });
    } else if (dryRun) {
      const message = ctx.t('qoo10.export.preview', {
        orderNo: line.lineId,
        corp,
        tracking: line.tracking,
        shippedOn: line.shippedOn || '-',
      });
      out.push({ key: line.key, kind: 'preview', message });
    } else if (stopped) {
      out.push({ key: line.key, kind: 'error', message: stopped });
    } else if (ctx.clock.now() + MIN_INTERVAL_MS > ctx.deadline) {
      out.push({ key: line.key, kind: 'deferred', message: ctx.t('qoo10.export.budget') });
    } else {
      try {
        out.push(sendLine(ctx, client, line, corp));
      } catch (e) {
        if (!(e instanceof Qoo10Error)) throw e;
        // not an answer about this line (network, key issuance): the rest would fail the same way
        stopped = e.message;
        out.push({ key: line.key, kind: 'error', message: stopped });
      }
    }
  }
  return out;
}

function uniqueReady(orders: ExportOrder[]): ExportLine[] {
  const byKey = new Map<string, ExportLine>();
  for (const l of orders.flatMap((o) => o.lines)) if (l.ready && !byKey.has(l.key)) byKey.set(l.key, l);
  return [...byKey.values()];
}

function validate(ctx: ShopContext, line: ExportLine, corp: string): string | null {
  if (!corp) return ctx.t('qoo10.export.noCarrier');
  if (!line.tracking) return resultMessage(ctx, METHODS.setSending, -10003, '');
  if (line.tracking.length > MAX_TRACKING) return ctx.t('qoo10.export.tooLong');
  return null;
}

function sendLine(ctx: ShopContext, client: Qoo10Client, line: ExportLine, corp: string): LineOutcome {
  const env = client.call(METHODS.setSending, { OrderNo: line.lineId, ShippingCorp: corp, TrackingNo: line.tracking });
  if (env.code === 0) return { key: line.key, kind: 'ok' };
  const failed = resultMessage(ctx, METHODS.setSending, env.code, env.msg);
  if (!UPDATE_FAILED.has(env.code)) return { key: line.key, kind: 'error', message: failed };
  return explainRefusal(ctx, client, line, env.code) ?? { key: line.key, kind: 'error', message: failed };
}

/**
 * An update failure is explained by the line's state on Qoo10 (§4: read the status to tell "already
 * shipped" from "wrong status"): shipped with this number → 'already'. Shipped with another is not OK
 * (docs/contract.md §3): the mall kept its number, so the row says so and 書出伝票番号 keeps the accepted one.
 */
function explainRefusal(ctx: ShopContext, client: Qoo10Client, line: ExportLine, code: number): LineOutcome | null {
  const env = client.call(METHODS.orderInfo, { OrderNo: line.lineId });
  const info =
    env.code === 0
      ? asRows(env.obj)
          .map((r) => OrderInfoSchema.safeParse(r))
          .find((r) => r.success && r.data.orderNo === line.lineId)
      : undefined;
  if (!info?.success) return null;
  const { shippingStatus, trackingNo, deliveryCompany, claimStatus } = info.data;
  const digit = statusDigit(shippingStatus);
  if ((digit === '4' || digit === '5') && trackingNo.trim()) {
    if (trackingNo.trim() === line.tracking)
      return { key: line.key, kind: 'already', note: ctx.t('qoo10.export.already', { tracking: line.tracking }) };
    const message = ctx.t('qoo10.export.shippedOther', {
      tracking: trackingNo.trim(),
      corp: deliveryCompany || '-',
      mine: line.tracking,
    });
    return { key: line.key, kind: 'error', message };
  }
  const status = claimStatus ? claimLabel(ctx, claimStatus) : statusLabel(ctx, shippingStatus);
  return { key: line.key, kind: 'error', message: ctx.t('qoo10.export.wrongStatus', { status, code }) };
}
