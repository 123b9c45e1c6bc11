import type { Shipper } from '../settings/schema';
import { shipmentKey, type SlipRow } from './rows';

/**
 * What the 納品書 pages and the ピッキングリスト say (docs/shipping-labels.md §7), before any HTML: one
 * shipment per box, and the same rows summed by SKU and variant. Pure, so tests read the content directly.
 */

export interface SlipItem {
  item: string;
  sku: string;
  variant: string;
  qty: number | null;
  unitPrice: number | null;
  amount: number | null;
  currency: string;
}

export interface SlipShipment {
  shop: string;
  /** in the order the sheet lists them */
  orderIds: string[];
  /** the earliest 注文日時 of its rows ('' when none is known) */
  orderedAt: string;
  recipient: string;
  postalCode: string;
  address: string;
  phone: string;
  items: SlipItem[];
  /** the sum of the amounts, only when every item has one in one currency */
  total: { amount: number; currency: string } | null;
  /** the shop's 納品書コメント ('' when none) */
  comment: string;
  /** 1-based sheet rows */
  rows: number[];
}

export interface PickingLine {
  sku: string;
  variant: string;
  item: string;
  qty: number;
  /** shop and order number of every shipment this line serves */
  orders: { shop: string; orderId: string }[];
}

export interface PickingList {
  lines: PickingLine[];
  totalQty: number;
  shipments: number;
}

export interface SlipDocument {
  /** the day printed, yyyy-MM-dd in the settings' zone */
  issuedOn: string;
  shipper: Shipper | null;
  shipments: SlipShipment[];
  picking: PickingList;
}

/** Shipments in the order their first row appears in the sheet. */
export function buildShipments(rows: readonly SlipRow[], comments: ReadonlyMap<string, string>): SlipShipment[] {
  const byKey = new Map<string, SlipRow[]>();
  for (const r of rows) {
    const k = shipmentKey(r);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  return [...byKey.values()].map((group) => shipmentOf(group, comments.get(group[0].shop) ?? ''));
}

function shipmentOf(group: SlipRow[], comment: string): SlipShipment {
  const first = group[0];
  const dates = group.map((r) => r.orderedAt).filter((d) => d !== '').sort();
  const items = group.map(({ item, sku, variant, qty, unitPrice, amount, currency }) => ({ item, sku, variant, qty, unitPrice, amount, currency }));
  const currencies = new Set(items.map((i) => i.currency));
  const complete = items.every((i) => i.amount !== null) && currencies.size === 1;
  return {
    shop: first.shop,
    orderIds: [...new Set(group.map((r) => r.orderId))],
    orderedAt: dates[0] ?? '',
    // the first row that has the recipient's details: every row of a box carries the same ones
    recipient: firstFilled(group, 'recipient'),
    postalCode: firstFilled(group, 'postalCode'),
    address: firstFilled(group, 'address'),
    phone: firstFilled(group, 'phone'),
    items,
    total: complete ? { amount: sumMoney(items.map((i) => i.amount as number)), currency: first.currency } : null,
    comment,
    rows: group.map((r) => r.row),
  };
}

function firstFilled(group: SlipRow[], field: 'recipient' | 'postalCode' | 'address' | 'phone'): string {
  return group.find((r) => r[field] !== '')?.[field] ?? '';
}

/** Sums in whole hundredths, so 0.1 + 0.2 prints 0.30 and yen stay exact. */
function sumMoney(values: number[]): number {
  return values.reduce((s, v) => s + Math.round(v * 100), 0) / 100;
}

/**
 * The picking list: lines summed by SKU and variant (a line without a SKU by its item name, so two
 * unnamed goods never merge), sorted by SKU then variant, each naming the orders it serves.
 */
export function buildPickingList(shipments: readonly SlipShipment[]): PickingList {
  const byKey = new Map<string, PickingLine>();
  for (const s of shipments) {
    for (const it of s.items) {
      const key = it.sku !== '' ? `sku\u0000${it.sku}\u0000${it.variant}` : `item\u0000${it.item}\u0000${it.variant}`;
      let line = byKey.get(key);
      if (!line) {
        line = { sku: it.sku, variant: it.variant, item: it.item, qty: 0, orders: [] };
        byKey.set(key, line);
      }
      line.qty += it.qty ?? 0;
      for (const orderId of s.orderIds) {
        if (!line.orders.some((o) => o.shop === s.shop && o.orderId === orderId)) line.orders.push({ shop: s.shop, orderId });
      }
    }
  }
  const lines = [...byKey.values()].sort(comparePicking);
  return { lines, totalQty: lines.reduce((n, l) => n + l.qty, 0), shipments: shipments.length };
}

/** Code-point order (the same in Apps Script and Node); lines without a SKU go last. */
function comparePicking(a: PickingLine, b: PickingLine): number {
  if ((a.sku === '') !== (b.sku === '')) return a.sku === '' ? 1 : -1;
  return cmp(a.sku, b.sku) || cmp(a.variant, b.variant) || cmp(a.item, b.item);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildSlipDocument(
  rows: readonly SlipRow[],
  opts: { comments: ReadonlyMap<string, string>; shipper: Shipper | null; issuedOn: string },
): SlipDocument {
  const shipments = buildShipments(rows, opts.comments);
  return { issuedOn: opts.issuedOn, shipper: opts.shipper, shipments, picking: buildPickingList(shipments) };
}
