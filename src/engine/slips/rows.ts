import type { ManagementStatus } from '../order-line';

/**
 * One 受注一覧 row as 納品書 and the picking list read it (docs/contract.md §2), already turned into text and
 * numbers by the orders table. Amounts are null where the mall gave none: they print blank, never 0.
 */
export interface SlipRow {
  /** 1-based sheet row */
  row: number;
  shop: string;
  orderId: string;
  lineId: string;
  /** 注文日時 as the sheet shows it ('' when blank) */
  orderedAt: string;
  item: string;
  sku: string;
  variant: string;
  qty: number | null;
  unitPrice: number | null;
  amount: number | null;
  currency: string;
  recipient: string;
  postalCode: string;
  address: string;
  phone: string;
  status: ManagementStatus | null;
  /** the mall reports the line cancelled */
  mallCancelled: boolean;
  tracking: string;
  /** 同梱 group key; '' when the row ships with its own order */
  combined: string;
}

/**
 * The rows a label CSV would carry (docs/contract.md §3 Label CSV): no 伝票番号 yet, 新規受付 or 発送待ち, not
 * cancelled by the mall, with an address. A 納品書 goes in the box, so the slip is wanted whether or not
 * the label was issued already: the 送り状キー rule of the label CSV does not apply here.
 */
export function isSlipCandidate(r: SlipRow): boolean {
  return (
    r.tracking === '' &&
    (r.status === 'new' || r.status === 'awaiting') &&
    !r.mallCancelled &&
    r.address.trim() !== ''
  );
}

/** The rows that ship as one box: an order, or a 同梱 group of one shop. */
export function shipmentKey(r: Pick<SlipRow, 'shop' | 'orderId' | 'combined'>): string {
  return r.combined !== '' ? `${r.shop}\u0000group\u0000${r.combined}` : `${r.shop}\u0000order\u0000${r.orderId}`;
}

/**
 * Which rows to print. With no selection: the label-CSV rows. With rows the seller selected: those rows'
 * whole shipments (a 納品書 listing half a box would be wrong), leaving out cancelled lines.
 */
export function pickSlipRows(rows: readonly SlipRow[], selected?: readonly number[]): SlipRow[] {
  if (selected === undefined) return rows.filter(isSlipCandidate);
  const wanted = new Set(selected);
  const keys = new Set(rows.filter((r) => wanted.has(r.row)).map(shipmentKey));
  return rows.filter((r) => keys.has(shipmentKey(r)) && r.status !== 'cancelled' && !r.mallCancelled);
}
