import { atHouse, BUYERS, PRODUCTS, pick, rng, type SampleBuyer } from '../sample-data';

/** The sandbox's TikTok Shop world: one shop's orders, generated deterministically from the seed. */

export const PROVIDERS = [
  { id: '7117858858072016686', name: 'Yamato' },
  { id: '7117858858072016687', name: 'Sagawa' },
  { id: '7117858858072016688', name: 'Japan Post' },
] as const;

export const DELIVERY_OPTION = { id: '7129736209071965954', name: 'Standard Shipping', type: 'SEND_BY_SELLER' };
export const WAREHOUSE_ID = '7296523846210000001';
export const RETURN_WAREHOUSE_ID = '7296523846210000002';

export interface SbLineItem {
  id: string;
  skuId: string;
  sellerSku: string;
  productId: string;
  productName: string;
  skuName: string;
  price: number;
  cancelled: boolean;
  packageId: string;
}

export interface SbPackage {
  id: string;
  tracking: string;
  providerId: string;
  lineItemIds: string[];
  shippedAt: number;
  /** Update (Package) Shipping Info calls this package took */
  updates: number;
}

export interface SbOrder {
  id: string;
  status: string;
  createTime: number;
  updateTime: number;
  buyer: number;
  /** the buyer's house number: orders of one buyer and house are one recipient (同梱) */
  house: number;
  /** '' for an order without one: the seller's warehouse options apply (docs/malls/tiktok-shop.md §4.1) */
  deliveryOptionId: string;
  items: SbLineItem[];
  packages: SbPackage[];
  /** a shipping label bought or printed through TikTok for this order (the 'platformLabel' control) */
  platformLabel?: 'printed' | 'purchased';
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Statuses follow a fixed cycle so even a small set has every case: ON_HOLD (address empty), CANCELLED,
 * already shipped (IN_TRANSIT), no delivery option; the rest AWAITING_SHIPMENT. Pairs of orders share a
 * create_time, so paging must break ties by id. Cheap for large counts: no work per order beyond a few
 * random numbers.
 */
export function generateOrders(seed: number, count: number, nowS: number): SbOrder[] {
  const r = rng(seed);
  const spanS = 5 * 86_400;
  const step = Math.max(1, Math.floor(spanS / Math.max(1, Math.ceil(count / 2))));
  const orders: SbOrder[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 12;
    const status =
      slot === 2 || slot === 9
        ? 'ON_HOLD'
        : slot === 5
          ? 'CANCELLED'
          : slot === 11
            ? 'IN_TRANSIT'
            : 'AWAITING_SHIPMENT';
    const createTime = nowS - spanS + Math.floor(i / 2) * step;
    const id = `5764614${pad(seed % 1000, 3)}${pad(i, 8)}`;
    const skus = 1 + Math.floor(r() * 3);
    const first = Math.floor(r() * PRODUCTS.length);
    const items: SbLineItem[] = [];
    for (let s = 0; s < skus; s++) {
      const p = (first + s) % PRODUCTS.length;
      const product = PRODUCTS[p];
      const qty = 1 + Math.floor(r() * 3);
      for (let q = 0; q < qty; q++) {
        items.push({
          id: `5770865${pad(i, 8)}${pad(items.length, 3)}`,
          skuId: `17293847561${pad(p, 8)}`,
          sellerSku: product.sku,
          productId: `17293847560${pad(Math.floor(p / 2), 8)}`,
          productName: product.name,
          skuName: product.variant,
          price: product.price,
          cancelled: status === 'CANCELLED',
          packageId: '',
        });
      }
    }
    const order: SbOrder = {
      id,
      status,
      createTime,
      updateTime: createTime + 60,
      buyer: BUYERS.indexOf(pick(r, BUYERS)),
      house: i + 1,
      deliveryOptionId: slot === 8 ? '' : DELIVERY_OPTION.id,
      items,
      packages: [],
    };
    // the fifth of every twelve comes from the fourth's buyer, both awaiting shipment: one box can carry them (同梱)
    const previous = orders[orders.length - 1];
    if (slot === 4 && previous) Object.assign(order, { buyer: previous.buyer, house: previous.house });
    if (status === 'IN_TRANSIT') {
      const pkg: SbPackage = {
        id: `1153${id.slice(4)}`,
        tracking: `4${pad(i, 11)}`,
        providerId: PROVIDERS[0].id,
        lineItemIds: items.map((x) => x.id),
        shippedAt: createTime + 3600,
        updates: 0,
      };
      for (const x of items) x.packageId = pkg.id;
      order.packages.push(pkg);
    }
    orders.push(order);
  }
  return orders;
}

/** The buyer and address the order ships to. */
export function recipientOf(o: SbOrder): SampleBuyer {
  return atHouse(BUYERS[o.buyer], o.house);
}

/** The order as Search Orders / Get Order Detail return it (docs/malls/tiktok-shop.md §3): IDs and money as strings. */
export function orderView(o: SbOrder): Record<string, unknown> {
  const b = recipientOf(o);
  const hidden = o.status === 'ON_HOLD' || o.status === 'UNPAID';
  const detail = [b.line1, b.line2].filter((x) => x !== '').join(' ');
  const subTotal = o.items.filter((x) => !x.cancelled).reduce((a, x) => a + x.price, 0);
  const pkg = o.packages[o.packages.length - 1];
  return {
    id: o.id,
    status: o.status,
    create_time: o.createTime,
    update_time: o.updateTime,
    paid_time: o.createTime + 30,
    rts_sla_time: o.createTime + 2 * 86_400,
    shipping_due_time: o.createTime + 3 * 86_400,
    is_on_hold_order: o.status === 'ON_HOLD',
    fulfillment_type: 'FULFILLMENT_BY_SELLER',
    shipping_type: 'SELLER',
    delivery_option_id: o.deliveryOptionId,
    delivery_option_name: o.deliveryOptionId ? DELIVERY_OPTION.name : '',
    warehouse_id: WAREHOUSE_ID,
    tracking_number: pkg?.tracking ?? '',
    shipping_provider_id: pkg?.providerId ?? '',
    packages: o.packages.map((p) => ({ id: p.id })),
    payment: { currency: 'JPY', sub_total: String(subTotal), shipping_fee: '0', total_amount: String(subTotal) },
    // ON_HOLD and UNPAID orders carry an empty address (spec pitfall 11)
    recipient_address: hidden
      ? { name: '', phone_number: '', postal_code: '', full_address: '', address_detail: '', district_info: [] }
      : {
          name: b.name,
          phone_number: b.phone,
          postal_code: b.postalCode,
          region_code: 'JP',
          full_address: `${b.prefecture}${b.city}${detail}`,
          address_detail: detail,
          district_info: [
            { address_level: 'L0', address_level_name: 'Country', address_name: 'Japan' },
            { address_level: 'L1', address_level_name: 'Prefecture', address_name: b.prefecture },
            { address_level: 'L2', address_level_name: 'City', address_name: b.city },
          ],
        },
    line_items: o.items.map((x) => {
      const p = o.packages.find((k) => k.id === x.packageId);
      return {
        id: x.id,
        sku_id: x.skuId,
        seller_sku: x.sellerSku,
        product_id: x.productId,
        product_name: x.productName,
        sku_name: x.skuName,
        original_price: String(x.price),
        sale_price: String(x.price),
        currency: 'JPY',
        display_status: x.cancelled ? 'CANCELLED' : x.packageId ? 'IN_TRANSIT' : o.status,
        package_id: x.packageId,
        package_status: x.cancelled ? 'CANCELLED' : x.packageId ? 'COMPLETED' : 'TO_FULFILL',
        tracking_number: p?.tracking ?? '',
        shipping_provider_id: p?.providerId ?? '',
        shipping_provider_name: PROVIDERS.find((v) => v.id === p?.providerId)?.name ?? '',
        is_gift: false,
      };
    }),
  };
}
