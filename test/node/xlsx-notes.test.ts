import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MemoryProperties, VirtualClock } from '../../src/engine/memory-ports';
import { loadSettingsFromBook } from '../../src/engine/settings/tab';
import { XlsxWorkbook } from '../../src/node/workbook';
import { fakeConnector, SECRET } from '../support/fake-mall';

/**
 * The workbook holds the Settings tab's messages as Excel notes, as Sheets does (docs/settings-tab.md
 * Errors): opened with exceljs after a save, the invalid cell has the message, the seller's own note
 * text on it is kept, and once the value is fixed only the seller's text is left.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-notes-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const connectors = [fakeConnector('a', new VirtualClock(), { pages: [] }).connector];

function load(book: XlsxWorkbook, props: MemoryProperties): boolean {
  try {
    loadSettingsFromBook(book, props, connectors);
    return true;
  } catch {
    return false;
  }
}

const noteOf = (cell: ExcelJS.Cell): string =>
  typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('');

test('an invalid setting is a note on its cell in the .xlsx, gone once fixed; the seller’s note stays', async () => {
  const file = path.join(dir, 'book.xlsx');
  const props = new MemoryProperties();
  let book = await XlsxWorkbook.open(file);
  load(book, props);
  const tab = book.getSheet('設定')!;
  const header = tab.readAll().findIndex((r) => r.includes('ショップ名'));
  const col = (h: string) => tab.readAll()[header].indexOf(h) + 1;
  const row = header + 2;
  for (const [h, v] of [
    ['ショップ名', 'Shop A'],
    ['モール', 'Fake a'],
    ['取得ステータス', 'NEW'],
    ['APIキー', SECRET],
    ['自動取得(分)', '7'],
    ['取得日数', '0'],
  ])
    tab.writeBlock(row, col(h), [[v]]);
  expect(load(book, props)).toBe(false);
  await book.save(file);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cell = wb.getWorksheet('設定')!.getCell(row, col('自動取得(分)'));
  expect(noteOf(cell)).toMatch(/^\[MallSheet\]\n自動取得\(分\): .*7/);
  expect(noteOf(wb.getWorksheet('設定')!.getCell(row, col('取得日数')))).toMatch(/^\[MallSheet\]\n取得日数: /);
  // the seller adds a line of their own to the note, in Excel
  cell.note = `${noteOf(cell)}\n\n月末は60分`;
  await wb.xlsx.writeFile(file);

  book = await XlsxWorkbook.open(file);
  book.getSheet('設定')!.writeBlock(row, col('自動取得(分)'), [['30']]);
  book.getSheet('設定')!.writeBlock(row, col('取得日数'), [['7']]);
  expect(load(book, props)).toBe(true);
  await book.save(file);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(file);
  const ws = after.getWorksheet('設定')!;
  expect(noteOf(ws.getCell(row, col('自動取得(分)')))).toBe('月末は60分');
  // a cell whose only note was ours has none left
  expect(ws.getCell(row, col('取得日数')).note).toBeUndefined();
  // no other cell of the tab carries a note of ours
  let ours = 0;
  ws.eachRow((r) =>
    r.eachCell((c) => {
      if (noteOf(c).includes('[MallSheet]')) ours++;
    }),
  );
  expect(ours).toBe(0);
});
