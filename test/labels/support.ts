import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type ColumnId, ORDERS_SHEET_NAMES } from '../../src/engine/orders/columns';
import { discoverHeaders } from '../../src/engine/orders/headers';
import { XlsxWorkbook } from '../../src/node/workbook';
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

/**
 * `mallsheet labels export` as a user runs it, on a workbook whose 受注一覧 holds `orders` (header first, the
 * values another runtime's sheet holds) with `settings` as its config: the bytes of the file it writes.
 */
export async function cliLabelExport(
  orders: CellValue[][],
  settings: unknown,
  args: string[],
): Promise<{ bytes: Buffer; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-labels-cli-'));
  try {
    const book = path.join(dir, 'shop.xlsx');
    const wb = await XlsxWorkbook.open(book, 'Asia/Tokyo');
    wb.insertSheet(ORDERS_SHEET_NAMES.ja).writeBlock(1, 1, orders);
    await wb.save(book);
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify(settings));
    const file = path.join(dir, 'labels.csv');
    const bin = path.resolve(__dirname, '../../bin/mallsheet.js');
    const r = spawnSync(
      process.execPath,
      [bin, 'labels', 'export', '--config', config, '--workbook', book, '--out', file, ...args],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'ja_JP.UTF-8' }, timeout: 120_000 },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    // exit 1 is a file with rows kept out (named on stderr); 2 is no file
    if ((r.status !== 0 && r.status !== 1) || !fs.existsSync(file))
      throw new Error(`labels export exited ${r.status}: ${out}`);
    return { bytes: fs.readFileSync(file), out };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
