import type { OrderLine } from '../../engine/order-line';
import type { LineItem, TikTokOrder } from './schemas';

export const CANCELLED = 'CANCELLED';
export const ON_HOLD = 'ON_HOLD';

/**
 * One OrderLine per SKU of an order (docs/contract.md §2): the 202309 line items carry no quantity, each is one
 * unit (docs/malls/tiktok-shop.md §3), so 明細番号 = the SKU's line item ids joined by ',' and 数量 = their count.
 */
export function orderToLines(order: TikTokOrder): OrderLine[] {
  const addr = order.recipient_address;
  const address = addr ? addressText(addr) : '';
  const orderCurrency = order.payment?.currency ?? '';
  return groupBySku(order.line_items).map((items) => {
    const first = items[0];
    const prices = items.map((i) => money(i.sale_price));
    const allCancelled = items.every((i) => i.display_status === CANCELLED);
    const cancelled = order.status === CANCELLED || allCancelled;
    return {
      orderId: order.id,
      lineId: items.map((i) => i.id).join(','),
      mallStatus: allCancelled ? CANCELLED : order.status,
      cancelled,
      hold: order.status === ON_HOLD,
      orderedAt: seconds(order.create_time),
      // the platform's latest ship time; shipping_due_time is when an unshipped order is auto-cancelled
      // (docs/malls/tiktok-shop.md §3)
      shipBy: seconds(order.rts_sla_time),
      item: first.product_name,
      sku: first.seller_sku,
      variant: first.sku_name,
      qty: items.length,
      unitPrice: prices.every((p) => p === prices[0]) ? prices[0] : null,
      amount: prices.some((p) => p === null) ? null : prices.reduce<number>((a, p) => a + (p as number), 0),
      currency: first.currency || orderCurrency,
      recipient: addr?.name ?? '',
      postalCode: addr?.postal_code ?? '',
      address,
      phone: addr?.phone_number ?? '',
    };
  });
}

/** The line item ids a sheet row stands for (its 明細番号). */
export function lineItemIds(lineId: string): string[] {
  return lineId
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Groups items by sku_id (seller_sku when absent), in the order the SKUs first appear. */
function groupBySku(items: LineItem[]): LineItem[][] {
  const groups = new Map<string, LineItem[]>();
  for (const item of items) {
    const key = item.sku_id || (item.seller_sku ? `seller:${item.seller_sku}` : `item:${item.id}`);
    const g = groups.get(key);
    if (g) g.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

function addressText(addr: NonNullable<TikTokOrder['recipient_address']>): string {
  if (addr.full_address) return addr.full_address;
  // district_info runs country → prefecture → city; the country itself adds nothing for a JP seller
  const parts = addr.district_info.filter((d) => d.address_level !== 'L0').map((d) => d.address_name);
  return [...parts, addr.address_detail].filter((p) => p !== '').join(' ');
}

/** Money fields are strings (docs/malls/tiktok-shop.md §3); blank or unreadable stays unknown rather than 0. */
function money(v: string): number | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function seconds(v: number | null | undefined): number | null {
  return v === null || v === undefined || v <= 0 ? null : v * 1000;
}
