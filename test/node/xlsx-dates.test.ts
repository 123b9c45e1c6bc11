import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readShippedOn } from '../../src/engine/export/shipped-on';
import { XlsxWorkbook } from '../../src/node/workbook';

/**
 * An .xlsx date cell is a calendar date (a wall-clock time with no zone), not midnight UTC: read in a zone west
 * of UTC it must still be the day the seller typed.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-dates-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What Excel or LibreOffice store for a typed 2026-11-22: a date serial, which exceljs reads as 00:00 UTC. */
async function bookWithDateCell(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('受注一覧');
  ws.getCell(1, 1).value = '出荷日';
  ws.getCell(2, 1).value = new Date(Date.UTC(2026, 10, 22));
  ws.getCell(2, 1).numFmt = 'yyyy-mm-dd';
  await wb.xlsx.writeFile(file);
}

test.each(['America/Los_Angeles', 'Pacific/Honolulu', 'Asia/Tokyo', 'UTC'])(
  'a date cell reads as that calendar day in %s',
  async (tz) => {
    const file = path.join(dir, 'orders.xlsx');
    await bookWithDateCell(file);
    const cell = (await XlsxWorkbook.open(file, tz)).getSheet('受注一覧')!.readAll()[1][0];
    expect(readShippedOn(cell, tz)).toEqual({ kind: 'date', date: '2026-11-22' });
  },
);

test('a date the engine writes comes back as the same instant, and shows its wall-clock time in the file', async () => {
  const file = path.join(dir, 'orders.xlsx');
  const tz = 'America/New_York';
  const book = await XlsxWorkbook.open(file, tz);
  const at = new Date(Date.UTC(2026, 10, 22, 3, 30)); // 2026-11-21 22:30 in New York
  book.insertSheet('受注一覧').writeBlock(1, 1, [['書出日時'], [at]]);
  await book.save(file);
  expect((await XlsxWorkbook.open(file, tz)).getSheet('受注一覧')!.readAll()[1][0]).toEqual(at);
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.readFile(file);
  expect(raw.getWorksheet('受注一覧')!.getCell(2, 1).value).toEqual(new Date(Date.UTC(2026, 10, 21, 22, 30)));
});
