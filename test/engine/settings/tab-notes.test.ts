import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import { SettingsError } from '../../../src/engine/settings/errors';
import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { type MemorySheet, MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { NOTE_MARK } from '../../../src/engine/sheet/notes';
import { fakeConnector, SECRET } from '../../support/fake-mall';

/**
 * The Settings tab's messages on the cells themselves (docs/settings-tab.md Errors): a note on each invalid
 * cell, taken off once it is fixed, the seller's own note text kept; a run whose messages did not change
 * makes no notes call. And the template follows the spreadsheet's language; switching later loses nothing.
 */

const clock = new VirtualClock();
const connectors = [fakeConnector('a', clock, { pages: [] }).connector];

function load(book: MemorySpreadsheet, props: MemoryProperties): SettingsError | null {
  try {
    loadSettingsFromBook(book, props, connectors);
    return null;
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
}

/** 1-based row and column of a header cell of the shop table. */
function at(sheet: MemorySheet, header: string): { row: number; col: number } {
  const grid = sheet.readAll();
  const row = grid.findIndex((r) => r.includes(header));
  if (row < 0) throw new Error(`no header ${header}`);
  return { row: row + 1, col: grid[row].indexOf(header) + 1 };
}

function withShop(locale: string | null, tab: string, labels: Record<string, string>) {
  const book = new MemorySpreadsheet();
  book.spreadsheetLocale = locale;
  const props = new MemoryProperties();
  load(book, props);
  const sheet = book.getSheet(tab)!;
  const put = (header: string, value: string | number | boolean) => {
    const h = at(sheet, labels[header] ?? header);
    sheet.edit(h.row + 1, h.col, value);
  };
  put('name', 'Shop A');
  put('mall', 'Fake a');
  put('interval', '30');
  put('statuses', 'NEW');
  put('apiKey', SECRET);
  put('days', '7');
  return { book, props, sheet, put };
}

const JA = {
  name: 'ショップ名',
  mall: 'モール',
  interval: '自動取得(分)',
  statuses: '取得ステータス',
  apiKey: 'APIキー',
  days: '取得日数',
};

test('an invalid cell gets the message as its note; fixed, the note goes; the seller’s note stays', () => {
  const { book, props, sheet, put } = withShop(null, '設定', JA);
  expect(load(book, props)).toBeNull();
  const interval = at(sheet, '自動取得(分)');
  const cell = { row: interval.row + 1, col: interval.col };
  sheet.putNote(cell.row, cell.col, '月末は60分にする');

  put('interval', '7');
  const calls = book.calls.setNotes;
  const error = load(book, props)!;
  const line = error.lines.find((l) => l.includes('自動取得(分)'))!;
  expect(line).toContain(`設定!${String.fromCharCode(64 + cell.col)}${cell.row}`);
  expect(book.calls.setNotes).toBe(calls + 1);
  const note = sheet.noteAt(cell.row, cell.col);
  expect(note.startsWith(`${NOTE_MARK}\n自動取得(分): `)).toBe(true);
  expect(note).toContain(line.slice(line.indexOf(': ') + 2));
  expect(note.endsWith('\n\n月末は60分にする')).toBe(true);

  // the same problem again: the note is already there, no call
  load(book, props);
  expect(book.calls.setNotes).toBe(calls + 1);

  // a second problem elsewhere: one call puts it and keeps the first
  put('days', '0');
  expect(load(book, props)!.lines).toHaveLength(3);
  expect(book.calls.setNotes).toBe(calls + 2);
  const days = at(sheet, '取得日数');
  expect(sheet.noteAt(days.row + 1, days.col)).toContain(`${NOTE_MARK}
取得日数: `);
  expect(sheet.noteAt(cell.row, cell.col)).toContain(NOTE_MARK);

  put('interval', '30');
  put('days', '7');
  expect(load(book, props)).toBeNull();
  expect(sheet.noteAt(cell.row, cell.col)).toBe('月末は60分にする');
  expect(sheet.noteAt(days.row + 1, days.col)).toBe('');
  const fixed = book.calls.setNotes;
  expect(fixed).toBe(calls + 3);
  // valid and nothing to take off: no call, run after run
  load(book, props);
  load(book, props);
  expect(book.calls.setNotes).toBe(fixed);
});

test('a spreadsheet in English gets the English template; it parses, and so does a switch of language', () => {
  const EN = {
    name: 'Shop name',
    mall: 'Mall',
    interval: 'Auto-fetch (min)',
    statuses: 'Fetch statuses',
    apiKey: 'API key',
    days: 'Fetch days',
  };
  const { book, props, sheet, put } = withShop('en_US', 'Settings', EN);
  expect(book.getSheet('設定')).toBeNull();
  const grid = sheet.readAll();
  expect(grid[0][0]).toBe('[General]');
  expect(grid[1].slice(0, 2)).toEqual(['Language', 'en']);
  expect(grid.some((r) => r[0] === '[Shops]')).toBe(true);
  expect(grid.some((r) => r[0] === '[Carriers]')).toBe(true);
  put('Initial status', 'Awaiting shipment');
  const english = load(book, props);
  expect(english).toBeNull();
  const status = at(sheet, 'Initial status');
  const dropdown = sheet.layout.validations.get(status.col);
  expect(dropdown).toMatchObject({
    kind: 'list',
    values: ['New', 'Awaiting shipment', 'Done', 'On hold', 'Cancelled'],
  });

  // the seller switches to Japanese later: labels stay as typed and still count; the dropdown follows
  sheet.edit(2, 2, 'ja');
  expect(load(book, props)).toBeNull();
  const settings = loadSettingsFromBook(book, props, connectors);
  expect(settings.locale).toBe('ja');
  expect(settings.shops[0].initialStatus).toBe('Awaiting shipment');
  expect(sheet.layout.validations.get(status.col)).toMatchObject({
    values: ['新規受付', '発送待ち', '処理済', '保留', 'キャンセル'],
  });
  // and its messages now come in Japanese, on the cell
  put('interval', '7');
  const error = load(book, props)!;
  expect(error.lines[0]).toContain('設定に');
  const interval = at(sheet, 'Auto-fetch (min)');
  expect(sheet.noteAt(interval.row + 1, interval.col)).toContain('自動取得');
});

test('a spreadsheet in Japanese, or one whose locale is unknown, gets the Japanese template', () => {
  for (const locale of ['ja_JP', 'de_DE', null]) {
    const book = new MemorySpreadsheet();
    book.spreadsheetLocale = locale;
    load(book, new MemoryProperties());
    expect(book.getSheet('設定')!.readAll()[0][0]).toBe('[全般]');
  }
});
