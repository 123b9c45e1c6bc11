import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/node/workbook';

/**
 * Seller junk far below the data (a note at row 3,000, column AD): reading the sheet must not make every empty
 * cell of that rectangle exist — exceljs creates a cell when asked for it, and a run then spent minutes and
 * gigabytes creating and saving millions of empty cells (figures in README "Large shops, limits and failures").
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-range-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cellsOf = (ws: ExcelJS.Worksheet) => {
  let n = 0;
  ws.eachRow({ includeEmpty: true }, (row) => (n += row.cellCount));
  return n;
};

test('readAll gives the used rectangle and leaves the sheet with only the cells it had', async () => {
  const file = path.join(dir, 'orders.xlsx');
  const book = await XlsxWorkbook.open(file);
  const sheet = book.insertSheet('受注一覧');
  sheet.writeBlock(1, 1, [
    ['ショップ', '注文番号', '明細番号'],
    ['S', 'O-1', 'L-1'],
  ]);
  sheet.writeBlock(3000, 30, [['junk']]);
  await book.save(file);

  const again = await XlsxWorkbook.open(file);
  const ws = (again as unknown as { wb: ExcelJS.Workbook }).wb.getWorksheet('受注一覧')!;
  const before = cellsOf(ws);
  const rows = again.getSheet('受注一覧')!.readAll();
  expect(rows).toHaveLength(3000);
  expect(rows.every((r) => r.length === 30)).toBe(true);
  expect(rows[1].slice(0, 3)).toEqual(['S', 'O-1', 'L-1']);
  expect(rows[2999][29]).toBe('junk');
  expect(rows[1500][10]).toBe('');
  expect(cellsOf(ws)).toBe(before);
});
