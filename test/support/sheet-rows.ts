import { ORDERS_SHEET_NAMES } from '../../src/engine/orders/columns';
import { discoverHeaders } from '../../src/engine/orders/headers';
import type { CellValue, SpreadsheetPort } from '../../src/ports';

export interface SheetRow {
  shop: string;
  orderId: string;
  lineId: string;
  mallStatus: string;
  status: string;
  tracking: string;
  shippedOn: CellValue;
  exportResult: string;
  sheetRow: number;
}

/** 受注一覧 of any workbook (in-memory sheet or .xlsx), read by header text as a seller would. */
export function orderRows(book: SpreadsheetPort): SheetRow[] {
  const sheet = book.getSheet(ORDERS_SHEET_NAMES.ja);
  if (!sheet) return [];
  const all = sheet.readAll();
  if (all.length === 0) return [];
  const { at } = discoverHeaders(all[0]);
  const text = (r: CellValue[], i: number | undefined) => (i === undefined ? '' : String(r[i] ?? ''));
  return all.slice(1).map((r, i) => ({
    shop: text(r, at.shop),
    orderId: text(r, at.orderId),
    lineId: text(r, at.lineId),
    mallStatus: text(r, at.mallStatus),
    status: text(r, at.status),
    tracking: text(r, at.tracking),
    shippedOn: at.shippedOn === undefined ? '' : r[at.shippedOn],
    exportResult: text(r, at.exportResult),
    sheetRow: i + 2,
  }));
}
