import type { OrderLine } from '../../engine/order-line';
import type { AmountResult, ChildOrder, ListItem, Money, ShippingInfo } from './schemas';
import { CANCELED_CODE, statusLabel } from './statuses';

/**
 * Temu order → OrderLine rows: one row per child order (docs/malls/temu.md §3.2: one Temu SKU each);
 * 注文番号 = parentOrderSn, 明細番号 = orderSn, SKU = extCode (docs/contract.md §2).
 */

export interface LinePrice {
  unitPrice: number;
  currency: string;
}

export function toOrderLines(
  item: ListItem,
  ship: ShippingInfo | null,
  prices: Map<string, LinePrice> | null,
): OrderLine[] {
  const parent = item.parentOrderMap;
  const parentCancelled = parent.parentOrderStatus === CANCELED_CODE;
  return item.orderList.map((child) => {
    const price = prices?.get(child.orderSn) ?? null;
    const cancelled = parentCancelled || child.orderStatus === CANCELED_CODE;
    return {
      orderId: parent.parentOrderSn,
      lineId: child.orderSn,
      mallStatus: statusLabel(cancelled ? CANCELED_CODE : child.orderStatus),
      cancelled,
      hold: false,
      orderedAt: seconds(parent.parentOrderTime ?? child.orderCreateTime),
      shipBy: seconds(parent.expectShipLatestTime),
      // seller-facing names first (customer-facing ones may be localised, docs/malls/temu.md §3.2)
      item: child.originalGoodsName || child.goodsName,
      sku: skuOf(child),
      variant: child.originalSpecName || child.spec,
      qty: child.quantity,
      unitPrice: price ? price.unitPrice : null,
      amount: price ? price.unitPrice * child.quantity : null,
      currency: price ? price.currency : '',
      recipient: ship?.receiptName ?? '',
      postalCode: ship?.postCode ?? '',
      address: ship ? addressOf(ship) : '',
      phone: ship?.mobile ?? '',
    };
  });
}

function seconds(s: number | null): number | null {
  return s === null ? null : s * 1000;
}

function skuOf(child: ChildOrder): string {
  return (child.productList ?? []).map((p) => p.extCode).find((c) => c !== '') ?? '';
}

/** State, city, district and lines; regionName1 is the country. addressLineAll when the parts are missing. */
export function addressOf(s: ShippingInfo): string {
  const parts = [s.regionName2, s.regionName3, s.regionName4, s.addressLine1, s.addressLine2, s.addressLine3].filter(
    (p) => p.trim() !== '',
  );
  return parts.length > 0 ? parts.join(' ') : s.addressLineAll;
}

/** Spec §3.3: amounts are in the currency's minor unit; these currencies have none. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP', 'VND', 'ISK']);

export function toMajor(m: Money): number {
  const decimals = ZERO_DECIMAL.has(m.currency.toUpperCase()) ? 0 : 2;
  return m.amount / 10 ** decimals;
}

/** Unit prices by orderSn: the retail price the buyer saw, else the seller's base price. */
export function pricesOf(result: AmountResult): Map<string, LinePrice> {
  const out = new Map<string, LinePrice>();
  for (const o of result.orderList) {
    const m = o.unitRetailPrice ?? o.unitBasePrice;
    if (m) out.set(o.orderSn, { unitPrice: toMajor(m), currency: m.currency });
  }
  return out;
}
