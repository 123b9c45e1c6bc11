import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type ColumnId, ORDERS_SHEET_NAMES } from '../../src/engine/orders/columns';
import { discoverHeaders } from '../../src/engine/orders/headers';
import type { CellValue, SpreadsheetPort } from '../../src/ports';

/** A label file as a carrier's software reads it: Windows-31J bytes, CRLF lines, CSV fields. */
export function decodeLabelFile(bytes: Uint8Array): { text: string; rows: string[][] } {
  const text = iconv.decode(Buffer.from(bytes), 'cp932');
  return { text, rows: parse(text, { relax_column_count: true }) as string[][] };
}

/** 受注一覧 rows by header text, with every column the label tests look at. */
export function labelRows(book: SpreadsheetPort): (Record<ColumnId, string> & { row: number })[] {
  const sheet = book.getSheet(ORDERS_SHEET_NAMES.ja) ?? book.getSheet(ORDERS_SHEET_NAMES.en);
  if (!sheet) return [];
  const [header, ...rows] = sheet.readAll();
  const { at } = discoverHeaders(header ?? []);
  const text = (v: CellValue | undefined) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
  return rows.map((r, i) => {
    const out = { row: i + 2 } as Record<ColumnId, string> & { row: number };
    for (const [id, c] of Object.entries(at) as [ColumnId, number][]) out[id] = text(r[c]);
    return out;
  });
}
