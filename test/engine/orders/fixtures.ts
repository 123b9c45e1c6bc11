import type { OrderLine } from '../../../src/engine/order-line';
import type { ShopRowDefaults } from '../../../src/engine/orders/table';
import { type MemorySheet, MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';

export const SHOP: ShopRowDefaults = {
  name: 'Temu 1号店',
  mallLabel: 'Temu',
  initialStatus: 'new',
  defaultCarrier: 'ヤマト運輸',
};
export const NOW = Date.UTC(2026, 10, 22, 1, 0); // 2026-11-22 10:00 JST

export function line(n: number, over: Partial<OrderLine> = {}): OrderLine {
  return {
    orderId: `PO-${1000 + Math.floor(n / 2)}`,
    lineId: `L-${n}`,
    mallStatus: 'UN_SHIPPING',
    cancelled: false,
    hold: false,
    orderedAt: Date.UTC(2026, 10, 20, 3, 4),
    shipBy: Date.UTC(2026, 10, 24, 14, 59),
    item: `商品 ${n}`,
    sku: `SKU-${n}`,
    variant: '',
    qty: 1 + (n % 3),
    unitPrice: 1980,
    amount: 1980 * (1 + (n % 3)),
    currency: 'JPY',
    recipient: '山田 太郎',
    postalCode: '060-0001',
    address: '北海道札幌市',
    phone: '090-1234-5678',
    ...over,
  };
}

export function book() {
  return new MemorySpreadsheet('Asia/Tokyo');
}

/** Values of a sheet column by header text, below the header. */
export function column(sheet: MemorySheet, header: string): unknown[] {
  const col = sheet.columnOf(header);
  if (!col) throw new Error(`no column ${header}`);
  return sheet
    .readAll()
    .slice(1)
    .map((r) => r[col - 1]);
}

/** The row (1-based) whose 明細番号 is lineId. */
export function rowOf(sheet: MemorySheet, lineId: string): number {
  const col = sheet.columnOf('明細番号');
  const i = sheet.readAll().findIndex((r) => r[col - 1] === lineId);
  if (i < 1) throw new Error(`no row for ${lineId}`);
  return i + 1;
}

export function cellOf(sheet: MemorySheet, lineId: string, header: string): unknown {
  return sheet.valueAt(rowOf(sheet, lineId), sheet.columnOf(header));
}
