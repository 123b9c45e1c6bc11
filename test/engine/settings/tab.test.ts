import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import { SettingsError } from '../../../src/engine/settings/errors';
import { loadSettingsFromBook, writeShopStatus } from '../../../src/engine/settings/tab';
import { type MemorySheet, MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { fakeConnector, SECRET } from '../../support/fake-mall';

const clock = new VirtualClock();
const connectors = [
  fakeConnector('a', clock, { pages: [] }).connector,
  fakeConnector('b', clock, { pages: [] }).connector,
];
const SHOP_ROW = 7;

function load(book: MemorySpreadsheet, props: MemoryProperties) {
  return loadSettingsFromBook(book, props, connectors);
}

function errorOf(book: MemorySpreadsheet, props: MemoryProperties): SettingsError {
  try {
    load(book, props);
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

/** A seller fills in the template's first shop row. */
function setUp() {
  const book = new MemorySpreadsheet();
  const props = new MemoryProperties();
  const first = errorOf(book, props);
  const sheet = book.getSheet('設定')!;
  const put = (header: string, value: string | number | boolean, row = SHOP_ROW) =>
    sheet.edit(row, col(sheet, header), value);
  put('ショップ名', 'Shop A');
  put('モール', 'Fake a');
  put('有効', true);
  put('自動取得(分)', '30');
  put('取得ステータス', 'NEW, SHIPPED');
  put('既定の配送業者', 'ヤマト運輸');
  put('APIキー', SECRET);
  put('ユーザーID', '00123');
  return { book, props, sheet, put, first };
}

/** 1-based column of a header in the shop table (row 6 of the template). */
function col(sheet: MemorySheet, header: string): number {
  const c = sheet.readAll()[5].indexOf(header) + 1;
  if (c === 0) throw new Error(`no column ${header}`);
  return c;
}

const letter = (c: number) => String.fromCharCode(64 + c);

describe('Settings tab', () => {
  test('a missing tab is created as a template, and its emptiness is explained', () => {
    const { first, book } = setUp();
    expect(first.issues).toEqual([expect.objectContaining({ field: 'shops' })]);
    const grid = book.getSheet('設定')!.readAll();
    expect(grid[0][0]).toBe('[全般]');
    expect(grid[4][0]).toBe('[ショップ]');
    expect(grid[5]).toEqual(
      expect.arrayContaining([
        'ショップ名',
        'モール',
        'App Secret',
        'APIキー',
        'パスワード',
        '最終取得日時',
        '有効期限',
      ]),
    );
    expect(grid[11][0]).toBe('[配送業者]');
    expect(grid[12].slice(0, 3)).toEqual(['名前', 'Fake a', 'Fake b']);
  });

  test('a filled row parses; a typed secret moves to document properties and the cell is masked', () => {
    const { book, props, sheet } = setUp();
    const s = load(book, props);
    expect(s.shops).toHaveLength(1);
    expect(s.shops[0]).toMatchObject({
      name: 'Shop A',
      mall: 'a',
      enabled: true,
      autoFetchMinutes: 30,
      fetch: { statuses: ['NEW', 'SHIPPED'], days: 7 },
      defaultCarrier: 'ヤマト運輸',
      credentials: { apiKey: SECRET, userId: '00123' },
    });
    expect(s.carriers.map((c) => c.name)).toEqual(['ヤマト運輸', '佐川急便', '日本郵便']);
    expect(props.get('secret:Shop A:apiKey')).toBe(SECRET);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, 'APIキー'))).toBe('●●●● 保存済み');
    expect(JSON.stringify(sheet.readAll())).not.toContain(SECRET);

    // read again: the masked cell reads back from properties, and nothing is written
    const writes = book.calls.writeBlock;
    expect(load(book, props).shops[0].credentials.apiKey).toBe(SECRET);
    expect(book.calls.writeBlock).toBe(writes);
  });

  test('errors name the cell, the shop and the column, and never the secret', () => {
    const { book, props, sheet, put } = setUp();
    put('自動取得(分)', '7');
    put('モール', 'Fake b', SHOP_ROW + 1);
    put('ショップ名', 'Shop B', SHOP_ROW + 1);
    put('APIキー', 'short', SHOP_ROW + 1);
    const e = errorOf(book, props);
    const minutes = `設定!${letter(col(sheet, '自動取得(分)'))}${SHOP_ROW}`;
    const key = `設定!${letter(col(sheet, 'APIキー'))}${SHOP_ROW + 1}`;
    expect(e.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ shop: 'Shop A', field: 'autoFetchMinutes', cell: minutes }),
        expect.objectContaining({ shop: 'Shop B', field: 'credentials.apiKey', cell: key }),
      ]),
    );
    expect(e.message).toContain(`${minutes} ショップ「Shop A」 自動取得(分):`);
    expect(e.message).not.toContain(SECRET);
    expect(e.message).not.toContain('short');
    // the secrets moved even though the settings are invalid
    expect(JSON.stringify(sheet.readAll())).not.toContain(SECRET);
  });

  test('columns are found by header text after the user reorders them and adds their own', () => {
    const { book, props, sheet } = setUp();
    sheet.moveColumn(col(sheet, 'APIキー'), 1);
    sheet.insertColumn(3, '私のメモ');
    sheet.edit(SHOP_ROW, 3, 'note');
    const s = load(book, props);
    expect(s.shops[0]).toMatchObject({ name: 'Shop A', credentials: { apiKey: SECRET } });
  });

  test('a masked cell whose saved value is gone (the shop was renamed) asks for it again; a cleared cell forgets it', () => {
    const { book, props, put, sheet } = setUp();
    load(book, props);
    put('ショップ名', 'Shop Renamed');
    const e = errorOf(book, props);
    expect(e.issues).toEqual([
      expect.objectContaining({
        shop: 'Shop Renamed',
        field: 'credentials.apiKey',
        cell: `設定!${letter(col(sheet, 'APIキー'))}${SHOP_ROW}`,
      }),
    ]);
    put('ショップ名', 'Shop A');
    put('APIキー', '');
    expect(errorOf(book, props).issues).toEqual([expect.objectContaining({ field: 'credentials.apiKey' })]);
    expect(props.get('secret:Shop A:apiKey')).toBeNull();
  });

  test('an English tab with English headers reads the same', () => {
    const book = new MemorySpreadsheet();
    const sheet = book.insertSheet('Settings');
    sheet.writeBlock(1, 1, [
      ['[General]', ''],
      ['Language', 'en'],
      ['[Shops]', ''],
      ['Shop name', 'Mall', 'API key', 'Fetch statuses', 'Auto-fetch (min)'],
      ['Shop E', 'a', SECRET, 'NEW', '60'],
      ['[Carriers]', ''],
      ['Name', 'Fake a'],
      ['Yamato', 'YMT'],
    ]);
    const props = new MemoryProperties();
    const s = load(book, props);
    expect(s.locale).toBe('en');
    expect(s.shops[0]).toMatchObject({ name: 'Shop E', autoFetchMinutes: 60, credentials: { apiKey: SECRET } });
    expect(s.carriers).toEqual([{ name: 'Yamato', a: 'YMT' }]);
    expect(sheet.valueAt(5, 3)).toBe('●●●● saved');
  });

  test('writeShopStatus shows last fetch and expiry in the status columns', () => {
    const { book, props, sheet } = setUp();
    const s = load(book, props);
    const now = Date.UTC(2026, 10, 22, 0, 30);
    writeShopStatus(book, s, { 'Shop A': { lastFetchAt: now, expiresAt: Date.UTC(2027, 0, 1, 3, 0) } }, now);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '最終取得日時'))).toBe('2026-11-22 09:30');
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '有効期限'))).toBe('2027-01-01 12:00');
    writeShopStatus(book, s, { 'Shop A': { lastFetchAt: now, expiresAt: now - 1 } }, now);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '有効期限'))).toBe('期限切れ 2026-11-22 09:29');
    expect(load(book, props).shops[0].name).toBe('Shop A');
  });
});

describe('writeShopStatus: what it costs a run', () => {
  const now = Date.UTC(2026, 10, 22, 0, 30);
  const state = { 'Shop A': { lastFetchAt: now, expiresAt: Date.UTC(2027, 0, 1, 3, 0) } };

  test('after loadSettingsFromBook it reads nothing and writes both (adjacent) columns in one call', () => {
    const { book, props, sheet } = setUp();
    const s = load(book, props);
    const before = { ...book.calls };
    writeShopStatus(book, s, state, now);
    expect(book.calls.readAll).toBe(before.readAll);
    expect(book.calls.writeBlock).toBe(before.writeBlock + 1);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '最終取得日時'))).toBe('2026-11-22 09:30');
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '有効期限'))).toBe('2027-01-01 12:00');
  });

  test('a second write of the same run keeps what the first wrote for other shops', () => {
    const { book, props, sheet, put } = setUp();
    put('ショップ名', 'Shop B', SHOP_ROW + 1);
    put('モール', 'Fake b', SHOP_ROW + 1);
    put('APIキー', SECRET, SHOP_ROW + 1);
    const s = load(book, props);
    writeShopStatus(book, s, state, now);
    writeShopStatus(book, s, { 'Shop B': { lastFetchAt: now + 60_000 } }, now);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '最終取得日時'))).toBe('2026-11-22 09:30');
    expect(sheet.valueAt(SHOP_ROW + 1, col(sheet, '最終取得日時'))).toBe('2026-11-22 09:31');
  });

  test('status columns the user moved apart are written where they are, one call each', () => {
    const { book, props, sheet } = setUp();
    sheet.moveColumn(col(sheet, '有効期限'), 2);
    sheet.edit(SHOP_ROW, col(sheet, 'ショップ名') + 1, 'stale');
    const s = load(book, props);
    const before = { ...book.calls };
    writeShopStatus(book, s, state, now);
    expect(book.calls.readAll).toBe(before.readAll);
    expect(book.calls.writeBlock).toBe(before.writeBlock + 2);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '有効期限'))).toBe('2027-01-01 12:00');
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '最終取得日時'))).toBe('2026-11-22 09:30');
    expect(sheet.readAll()[5].filter((h) => h === '有効期限')).toHaveLength(1);
  });

  test('missing status columns are added with their headers in the same single write', () => {
    const book = new MemorySpreadsheet();
    const sheet = book.insertSheet('Settings');
    sheet.writeBlock(1, 1, [
      ['[General]', '', ''],
      ['Language', 'en', ''],
      ['[Shops]', '', ''],
      ['Shop name', 'Mall', 'API key'],
      ['Shop E', 'a', SECRET],
      ['[Carriers]', '', ''],
      ['Name', 'Fake a', ''],
    ]);
    const props = new MemoryProperties();
    const s = load(book, props);
    const before = { ...book.calls };
    writeShopStatus(book, s, { 'Shop E': { lastFetchAt: now } }, now);
    expect(book.calls.readAll).toBe(before.readAll);
    expect(book.calls.writeBlock).toBe(before.writeBlock + 1);
    const grid = sheet.readAll();
    expect(grid[3].slice(3, 5)).toEqual(['Last fetched', 'Expires']);
    expect(grid[4][3]).toBe('2026-11-22 09:30');
    expect(grid[4][2]).toBe('●●●● saved');
  });

  test('settings that did not come from this tab (the CLI parses its own) still find the columns by reading it', () => {
    const { book, props, sheet } = setUp();
    const s = { ...load(book, props) };
    const before = { ...book.calls };
    writeShopStatus(book, s, state, now);
    expect(book.calls.readAll).toBe(before.readAll + 1);
    expect(book.calls.writeBlock).toBe(before.writeBlock + 1);
    expect(sheet.valueAt(SHOP_ROW, col(sheet, '有効期限'))).toBe('2027-01-01 12:00');
  });
});
