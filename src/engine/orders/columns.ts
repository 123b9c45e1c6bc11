import type { Locale } from '../settings/schema';
import type { CellKind } from '../text/sheet-text';

/** The 受注一覧 / Orders tab (docs/contract.md §2). Found by either name. */
export const ORDERS_SHEET_NAMES: Record<Locale, string> = { ja: '受注一覧', en: 'Orders' };

/**
 * Who may write a column: 'engine' columns are refreshed by every fetch; 'user' columns the engine writes
 * only in the cases docs/contract.md §3 names (管理ステータス, 配送業者); 'never' columns it never writes at all.
 */
export type ColumnOwner = 'engine' | 'user' | 'never';

export interface ColumnDef {
  id: ColumnId;
  ja: string;
  en: string;
  owner: ColumnOwner;
  kind: CellKind;
}

const COLUMN_LIST = [
  { id: 'shop', ja: 'ショップ', en: 'Shop', owner: 'engine', kind: 'text' },
  { id: 'mall', ja: 'モール', en: 'Mall', owner: 'engine', kind: 'plain' },
  { id: 'orderId', ja: '注文番号', en: 'Order ID', owner: 'engine', kind: 'text' },
  { id: 'lineId', ja: '明細番号', en: 'Line ID', owner: 'engine', kind: 'text' },
  { id: 'mallStatus', ja: 'モールステータス', en: 'Mall status', owner: 'engine', kind: 'plain' },
  { id: 'orderedAt', ja: '注文日時', en: 'Ordered at', owner: 'engine', kind: 'date' },
  { id: 'shipBy', ja: '発送期限', en: 'Ship by', owner: 'engine', kind: 'date' },
  { id: 'item', ja: '商品名', en: 'Item', owner: 'engine', kind: 'plain' },
  { id: 'sku', ja: 'SKU', en: 'SKU', owner: 'engine', kind: 'text' },
  { id: 'variant', ja: 'オプション', en: 'Variant', owner: 'engine', kind: 'plain' },
  { id: 'qty', ja: '数量', en: 'Qty', owner: 'engine', kind: 'number' },
  { id: 'unitPrice', ja: '単価', en: 'Unit price', owner: 'engine', kind: 'number' },
  { id: 'amount', ja: '金額', en: 'Amount', owner: 'engine', kind: 'number' },
  { id: 'currency', ja: '通貨', en: 'Currency', owner: 'engine', kind: 'plain' },
  { id: 'recipient', ja: '送付先氏名', en: 'Recipient', owner: 'engine', kind: 'plain' },
  { id: 'postalCode', ja: '郵便番号', en: 'Postal code', owner: 'engine', kind: 'text' },
  { id: 'address', ja: '住所', en: 'Address', owner: 'engine', kind: 'plain' },
  { id: 'phone', ja: '電話番号', en: 'Phone', owner: 'engine', kind: 'text' },
  { id: 'status', ja: '管理ステータス', en: 'Status', owner: 'user', kind: 'plain' },
  { id: 'carrier', ja: '配送業者', en: 'Carrier', owner: 'user', kind: 'plain' },
  { id: 'tracking', ja: '伝票番号', en: 'Tracking number', owner: 'never', kind: 'text' },
  { id: 'shippedOn', ja: '出荷日', en: 'Shipped on', owner: 'never', kind: 'plain' },
  { id: 'memo', ja: 'メモ', en: 'Memo', owner: 'never', kind: 'plain' },
  { id: 'exportedAt', ja: '書出日時', en: 'Exported at', owner: 'engine', kind: 'date' },
  { id: 'exportResult', ja: '書出結果', en: 'Export result', owner: 'engine', kind: 'plain' },
  { id: 'updatedAt', ja: '更新日時', en: 'Updated at', owner: 'engine', kind: 'date' },
  // the お客様管理番号 of the label CSV this row's shipment went out in; the join key of the issued-data import
  { id: 'labelKey', ja: '送り状キー', en: 'Label key', owner: 'engine', kind: 'text' },
  // the combined-shipment group (同梱); a seller breaks a group by clearing the cell (docs/contract.md §3)
  { id: 'combined', ja: '同梱', en: 'Combined', owner: 'engine', kind: 'text' },
  // Not in docs/contract.md §2's table: the tracking number the mall last accepted for the line. It is what keeps
  // export from sending the same number for the same line twice (docs/contract.md §3).
  { id: 'exportedTracking', ja: '書出伝票番号', en: 'Exported tracking', owner: 'engine', kind: 'text' },
] as const;

export type ColumnId = (typeof COLUMN_LIST)[number]['id'];

/** In the order a new tab gets them; the type check keeps every entry a full ColumnDef. */
export const COLUMNS: readonly ColumnDef[] = COLUMN_LIST;

export const COLUMN_BY_ID: Record<ColumnId, ColumnDef> = Object.fromEntries(COLUMNS.map((c) => [c.id, c])) as Record<
  ColumnId,
  ColumnDef
>;

/** Columns whose values come from the mall on every fetch (the key columns included). */
export const MALL_COLUMNS = [
  'shop',
  'mall',
  'orderId',
  'lineId',
  'mallStatus',
  'orderedAt',
  'shipBy',
  'item',
  'sku',
  'variant',
  'qty',
  'unitPrice',
  'amount',
  'currency',
  'recipient',
  'postalCode',
  'address',
  'phone',
] as const satisfies readonly ColumnId[];
export type MallColumnId = (typeof MALL_COLUMNS)[number];
