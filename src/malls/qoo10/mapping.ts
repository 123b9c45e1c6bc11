import type { ShopContext } from '../../engine/connector';
import type { LineStatusUpdate, OrderLine } from '../../engine/order-line';
import type { MessageKey } from '../../i18n';
import { translate } from '../../i18n';
import { parseJstDateTime } from './dates';
import { CANCEL_CLAIM_STATS, FINAL_CANCEL_STATS } from './protocol';
import type { ClaimRow, ShippingRow } from './schemas';

/**
 * ShippingStatus comes as a label such as "Seller confirm(3)": the digit in parentheses is the status,
 * the text is not relied upon (docs/malls/qoo10.md §3 Status values, §6.5). A bare digit is accepted too.
 */
export function statusDigit(label: string): string | null {
  const m = /\((\d)\)\s*$/.exec(label.trim()) ?? /^(\d)$/.exec(label.trim());
  return m ? m[1] : null;
}

export function statusLabel(ctx: ShopContext, label: string): string {
  const d = statusDigit(label);
  return d && d >= '1' && d <= '5' ? ctx.t(`qoo10.status.${d}` as MessageKey) : label.trim();
}

export function claimLabel(ctx: ShopContext, claimStat: string): string {
  const s = claimStat.trim();
  return (CANCEL_CLAIM_STATS as readonly string[]).includes(s) ? ctx.t(`qoo10.claim.${s}` as MessageKey) : s;
}

/** The labels of these claim states, in either locale (the sheet may switch locale). */
const claimLabels = (stats: readonly string[]): ReadonlySet<string> =>
  new Set(stats.flatMap((s) => (['ja', 'en'] as const).map((l) => translate(l, `qoo10.claim.${s}` as MessageKey))));

/** Labels this connector writes for a cancelled line. */
export const CANCELLED_LABELS = claimLabels([...FINAL_CANCEL_STATS]);

/**
 * Labels of a cancellation the seller has yet to answer (キャンセル要請, キャンセル中): Qoo10 refuses to ship
 * such a line (docs/malls/qoo10.md §4: skip orders under a claim), so the export does not send it.
 */
export const PENDING_CANCEL_LABELS = claimLabels(CANCEL_CLAIM_STATS.filter((s) => !FINAL_CANCEL_STATS.has(s)));

/**
 * Qoo10 sends phones as "+81-90-1234-5678", and an empty one as "+81--" (§3 Value formats, §6.8):
 * back to the domestic form the seller's carrier labels need.
 */
export function domesticPhone(raw: string): string {
  const s = raw.trim();
  const m = /^\+81[-\s]*(.*)$/.exec(s);
  if (!m) return s;
  const rest = m[1].trim();
  if (!/\d/.test(rest)) return '';
  return rest.startsWith('0') ? rest : `0${rest}`;
}

/** The cart's shipping fee goes on its first line only (§3 Numbers, §6.6: ShippingRate repeats per line). */
function carriesCartShipping(row: ShippingRow): boolean {
  const related = row.RelatedOrder.split(/[,\s]+/).filter((x) => /^\d+$/.test(x));
  if (related.length === 0) return true;
  const first = related.reduce((a, b) => (a.length < b.length || (a.length === b.length && a < b) ? a : b));
  return first === row.OrderNo;
}

export function toOrderLine(ctx: ShopContext, row: ShippingRow): OrderLine {
  const shipping = carriesCartShipping(row) ? (row.ShippingRate ?? 0) : 0;
  return {
    orderId: row.PackNo,
    lineId: row.OrderNo,
    mallStatus: statusLabel(ctx, row.ShippingStatus),
    cancelled: false, // cancelled lines vanish from GetShippingInfo; claims report them (§3 Cancellations)
    hold: false,
    orderedAt: parseJstDateTime(row.OrderDate),
    shipBy: parseJstDateTime(row.EstimatedShippingDate),
    item: row.ItemTitle,
    sku: row.OptionCode.trim() || row.SellerItemCode,
    variant: row.Option,
    qty: row.OrderQty ?? 0,
    unitPrice: row.OrderPrice,
    amount: row.Total === null ? null : row.Total + shipping,
    currency: row.Currency.trim() || 'JPY',
    recipient: row.Receiver,
    postalCode: row.ZipCode,
    address: row.ShippingAddress.trim() || [row.Address1, row.Address2].filter((x) => x.trim()).join(' '),
    phone: domesticPhone(row.ReceiverMobile) || domesticPhone(row.ReceiverTel),
  };
}

export function toClaimUpdate(ctx: ShopContext, row: ClaimRow, claimStat: string): LineStatusUpdate {
  // the ClaimStat we asked for is the state: the row's claimStatus text is not relied upon
  return {
    orderId: row.packNo,
    lineId: row.orderNo,
    mallStatus: claimLabel(ctx, claimStat),
    cancelled: FINAL_CANCEL_STATS.has(claimStat),
  };
}
