import { OrdersTable } from '../../../src/engine/orders/table';
import type { MemorySheet } from '../../../src/engine/sheet/memory-sheet';
import { book, cellOf, column, line, NOW, rowOf, SHOP } from './fixtures';

const HOUR = 3_600_000;
const open = (b: ReturnType<typeof book>, locale: 'ja' | 'en' = 'ja') =>
  OrdersTable.open(b, { locale, timezone: 'Asia/Tokyo' });

function fetchOnce(b: ReturnType<typeof book>, lines = [line(1), line(2), line(3)], now = NOW, shop = SHOP) {
  const table = open(b);
  const counts = table.upsert(shop, lines, [], now);
  table.flush();
  return counts;
}

describe('OrdersTable: tab and headers', () => {
  test('creates 受注一覧 with every column header in the locale, the extra 書出伝票番号 last', () => {
    const b = book();
    fetchOnce(b, []);
    const header = b.getSheet('受注一覧')!.readAll()[0];
    expect(header.slice(0, 4)).toEqual(['ショップ', 'モール', '注文番号', '明細番号']);
    expect(header[header.length - 1]).toBe('書出伝票番号');
    expect(header).toHaveLength(29);
  });

  test('finds an English Orders tab and keeps its headers; statuses are written in the table locale', () => {
    const b = book();
    const t = OrdersTable.open(b, { locale: 'en', timezone: 'Asia/Tokyo' });
    t.upsert(SHOP, [line(1)], [], NOW);
    t.flush();
    const sheet = b.getSheet('Orders')!;
    expect(b.getSheet('受注一覧')).toBeNull();
    expect(cellOf2(sheet, 'Status')).toBe('New');
    // a ja run on the same book finds the en tab and does not add columns
    expect(fetchOnce(b, [line(1)]).updated).toBe(0);
    expect(sheet.readAll()[0]).toHaveLength(29);
  });

  test('after columns are reordered and user columns inserted, rows are still matched and user columns untouched', () => {
    const b = book();
    fetchOnce(b);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    sheet.moveColumn(sheet.columnOf('SKU'), 1);
    sheet.moveColumn(sheet.columnOf('管理ステータス'), 3);
    sheet.insertColumn(5, '粗利');
    for (let r = 2; r <= 4; r++) sheet.putFormula(r, 5, '=ARRAYFORMULA(1)', 1);
    sheet.insertColumn(sheet.columnOf('メモ') + 1, '担当');
    sheet.edit(rowOf(sheet, 'L-2'), sheet.columnOf('担当'), '佐藤');

    const counts = fetchOnce(b, [line(1), line(2, { mallStatus: 'SHIPPED' }), line(3), line(4)], NOW + HOUR);
    expect(counts).toMatchObject({ fetched: 4, new: 1, updated: 1 });
    expect(cellOf(sheet, 'L-2', 'モールステータス')).toBe('SHIPPED');
    expect(cellOf(sheet, 'L-2', '担当')).toBe('佐藤');
    expect(cellOf(sheet, 'L-4', 'SKU')).toBe('SKU-4');
    expect(column(sheet, '明細番号')).toEqual(['L-1', 'L-2', 'L-3', 'L-4']);
    // the user's formula cells were never written (not even '') and no new row got one
    for (let r = 2; r <= 4; r++) expect(sheet.formulaAt(r, 5)).toBe('=ARRAYFORMULA(1)');
    expect(sheet.valueAt(5, 5)).toBe('');
    expect(sheet.readAll()[0].filter((h) => h === 'SKU')).toHaveLength(1);
  });

  test('missing engine columns are added at the right end without moving user columns', () => {
    const b = book();
    const sheet = b.insertSheet('受注一覧');
    sheet.writeBlock(1, 1, [['自分の列', 'ショップ', '注文番号', '明細番号', '伝票番号']]);
    const t = open(b);
    t.upsert(SHOP, [line(1)], [], NOW);
    t.flush();
    const header = sheet.readAll()[0];
    expect(header.slice(0, 5)).toEqual(['自分の列', 'ショップ', '注文番号', '明細番号', '伝票番号']);
    expect(header).toHaveLength(30);
    expect(sheet.valueAt(2, 1)).toBe('');
    expect(sheet.valueAt(2, 3)).toBe('PO-1000');
  });

  test('a header that appears twice: the first column is used, the other left alone, and a warning says so', () => {
    const b = book();
    fetchOnce(b, [line(1)]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    const itemCol = sheet.columnOf('商品名');
    const mine = sheet.readAll()[0].length + 1;
    sheet.edit(1, mine, 'Item');
    sheet.edit(2, mine, '自分のメモ');
    const t = open(b);
    const counts = t.upsert(SHOP, [line(1, { item: '改名' })], [], NOW + HOUR);
    t.flush();
    expect(counts.warnings).toEqual([
      `受注一覧: 列「Item」が ${itemCol} 列目と ${mine} 列目にあります。${itemCol} 列目を使います`,
    ]);
    expect(sheet.valueAt(2, itemCol)).toBe('改名');
    expect(sheet.valueAt(2, mine)).toBe('自分のメモ');
    expect(t.upsert(SHOP, [], [], NOW + HOUR).warnings).toEqual([]);
  });

  test('duplicate keys already in the sheet: the first row is used and a warning names both rows', () => {
    const b = book();
    fetchOnce(b, [line(1), line(2)]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    const width = sheet.readAll()[0].length;
    sheet.writeBlock(4, 1, [sheet.readAll()[1].slice(0, width)]);
    const t = open(b);
    const counts = t.upsert(SHOP, [line(1, { mallStatus: 'SHIPPED' })], [], NOW + HOUR);
    t.flush();
    expect(counts.warnings).toEqual([expect.stringContaining('4 行目')]);
    expect(counts.warnings[0]).toContain('2 行目');
    expect(sheet.valueAt(2, sheet.columnOf('モールステータス'))).toBe('SHIPPED');
    expect(sheet.valueAt(4, sheet.columnOf('モールステータス'))).toBe('UN_SHIPPING');
  });
});

function cellOf2(sheet: MemorySheet, header: string) {
  return sheet.valueAt(2, sheet.columnOf(header));
}

describe('OrdersTable: upsert', () => {
  test('running the same fetch twice leaves the same sheet and counts 0 updated', () => {
    const b = book();
    const lines = [line(1), line(2, { unitPrice: null, amount: null }), line(3, { orderedAt: null })];
    expect(fetchOnce(b, lines)).toMatchObject({ new: 3, updated: 0 });
    const before = b.getSheet('受注一覧')!.readAll();
    b.resetCalls();
    expect(fetchOnce(b, lines, NOW + HOUR)).toMatchObject({ new: 0, updated: 0 });
    expect(b.getSheet('受注一覧')!.readAll()).toEqual(before);
    expect(b.calls.writeBlock).toBe(0);
  });

  test('new rows get initial status and default carrier; 更新日時 only moves when a value changed', () => {
    const b = book();
    fetchOnce(b, [line(1), line(2)], NOW, { ...SHOP, initialStatus: 'awaiting' });
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    expect(column(sheet, '管理ステータス')).toEqual(['発送待ち', '発送待ち']);
    expect(column(sheet, '配送業者')).toEqual(['ヤマト運輸', 'ヤマト運輸']);
    const counts = fetchOnce(b, [line(1), line(2, { qty: 9 })], NOW + HOUR);
    expect(counts.updated).toBe(1);
    const stamp = (id: string) => (cellOf(sheet, id, '更新日時') as Date).toISOString();
    expect(stamp('L-1')).toBe(new Date(NOW).toISOString());
    expect(stamp('L-2')).toBe(new Date(NOW + HOUR).toISOString());
  });

  test('dates are shown in the configured time zone', () => {
    const b = book();
    fetchOnce(b, [line(1, { orderedAt: Date.UTC(2026, 10, 20, 15, 30) })]);
    const at = cellOf(b.getSheet('受注一覧')! as MemorySheet, 'L-1', '注文日時') as Date;
    expect(at).toBeInstanceOf(Date);
    expect(at.toISOString()).toBe('2026-11-20T15:30:00.000Z'); // 2026-11-21 00:30 JST
  });

  test('user columns are kept: status, carrier, tracking, shipped-on and memo survive a refresh', () => {
    const b = book();
    fetchOnce(b);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    const r = rowOf(sheet, 'L-1');
    sheet.edit(r, sheet.columnOf('管理ステータス'), '発送待ち');
    sheet.edit(r, sheet.columnOf('配送業者'), '佐川急便');
    sheet.edit(r, sheet.columnOf('伝票番号'), '1234-5678-9012');
    sheet.edit(r, sheet.columnOf('出荷日'), '2026/11/22');
    sheet.edit(r, sheet.columnOf('メモ'), 'ギフト包装');
    fetchOnce(b, [line(1, { item: '新しい名前' }), line(2), line(3)], NOW + HOUR);
    expect(cellOf(sheet, 'L-1', '商品名')).toBe('新しい名前');
    expect(cellOf(sheet, 'L-1', '管理ステータス')).toBe('発送待ち');
    expect(cellOf(sheet, 'L-1', '配送業者')).toBe('佐川急便');
    expect(cellOf(sheet, 'L-1', '伝票番号')).toBe('1234-5678-9012');
    expect(cellOf(sheet, 'L-1', '出荷日')).toBeInstanceOf(Date);
    expect(cellOf(sheet, 'L-1', 'メモ')).toBe('ギフト包装');
  });

  test('after the user sorts the sheet, a refresh updates the right rows and adds no duplicates', () => {
    const b = book();
    fetchOnce(b, [line(1), line(2), line(3), line(4)]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    sheet.sortBy(sheet.columnOf('明細番号'), true);
    sheet.edit(rowOf(sheet, 'L-3'), sheet.columnOf('メモ'), 'memo-3');
    const counts = fetchOnce(b, [line(3, { mallStatus: 'SHIPPED' }), line(1), line(5)], NOW + HOUR);
    expect(counts).toMatchObject({ new: 1, updated: 1 });
    expect(column(sheet, '明細番号')).toEqual(['L-4', 'L-3', 'L-2', 'L-1', 'L-5']);
    expect(cellOf(sheet, 'L-3', 'モールステータス')).toBe('SHIPPED');
    expect(cellOf(sheet, 'L-3', 'メモ')).toBe('memo-3');
    expect(cellOf(sheet, 'L-4', 'モールステータス')).toBe('UN_SHIPPING');
  });

  test('rows the user inserted in the middle do not disturb matching', () => {
    const b = book();
    fetchOnce(b, [line(1), line(2), line(3)]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    sheet.insertRow(3);
    sheet.edit(3, sheet.columnOf('メモ'), '区切り');
    const counts = fetchOnce(b, [line(2, { qty: 7 }), line(3), line(4)], NOW + HOUR);
    expect(counts).toMatchObject({ new: 1, updated: 1 });
    expect(column(sheet, '明細番号')).toEqual(['L-1', '', 'L-2', 'L-3', 'L-4']);
    expect(cellOf(sheet, 'L-2', '数量')).toBe(7);
    expect(sheet.valueAt(3, sheet.columnOf('メモ'))).toBe('区切り');
  });

  test('IDs beyond 2^53 stay exact text', () => {
    const b = book();
    const big = line(1, { orderId: '576460752303423489', lineId: '1729382256910270465,1729382256910270466' });
    fetchOnce(b, [big]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    expect(sheet.valueAt(2, sheet.columnOf('注文番号'))).toBe('576460752303423489');
    expect(fetchOnce(b, [big], NOW + HOUR)).toMatchObject({ new: 0, updated: 0 });
  });

  test('formula-like text and leading zeros from the mall survive the sheet exactly', () => {
    const b = book();
    const hostile = line(1, {
      orderId: '000123',
      lineId: '=1+1',
      recipient: '=HYPERLINK("http://example.invalid","佐藤")',
      sku: '+EAR-01',
      item: '-5',
      variant: '@ラベンダー',
      address: '\t別館',
      postalCode: '0010010',
      phone: '+81-90-1234-5678',
      currency: '2026-11-22',
    });
    fetchOnce(b, [hostile]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    const row = sheet.readAll()[1];
    const at = (h: string) => row[sheet.columnOf(h) - 1];
    for (const [h, v] of Object.entries({
      注文番号: '000123',
      明細番号: '=1+1',
      送付先氏名: hostile.recipient,
      SKU: '+EAR-01',
      商品名: '-5',
      オプション: '@ラベンダー',
      住所: '\t別館',
      郵便番号: '0010010',
      電話番号: '+81-90-1234-5678',
      通貨: '2026-11-22',
    })) {
      expect([h, at(h)]).toEqual([h, v]);
      expect(sheet.formulaAt(2, sheet.columnOf(h))).toBeNull();
    }
    expect(sheet.formatAt(2, sheet.columnOf('郵便番号'))).toBe('@');
    expect(fetchOnce(b, [hostile], NOW + HOUR).updated).toBe(0);
  });
});

describe('OrdersTable: status rules', () => {
  test('mall cancellation sets キャンセル, except on 処理済 rows which get a warning in 書出結果 once', () => {
    const b = book();
    fetchOnce(b, [line(1), line(2), line(3, { cancelled: true, mallStatus: 'CANCELED' })]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    expect(cellOf(sheet, 'L-3', '管理ステータス')).toBe('キャンセル');
    sheet.edit(rowOf(sheet, 'L-2'), sheet.columnOf('管理ステータス'), '処理済');
    const cancelled = { cancelled: true, mallStatus: 'CANCELED' };
    expect(fetchOnce(b, [line(1, cancelled), line(2, cancelled)], NOW + HOUR).updated).toBe(2);
    expect(cellOf(sheet, 'L-1', '管理ステータス')).toBe('キャンセル');
    expect(cellOf(sheet, 'L-2', '管理ステータス')).toBe('処理済');
    expect(cellOf(sheet, 'L-2', '書出結果')).toContain('キャンセル');
    expect(fetchOnce(b, [line(1, cancelled), line(2, cancelled)], NOW + 2 * HOUR).updated).toBe(0);
  });

  test('a status update (e.g. a Qoo10 claim) cancels existing rows only', () => {
    const b = book();
    fetchOnce(b, [line(1)]);
    const t = open(b);
    const counts = t.upsert(
      SHOP,
      [],
      [
        { orderId: 'PO-1000', lineId: 'L-1', mallStatus: 'キャンセル要請', cancelled: true },
        { orderId: 'PO-9', lineId: 'L-9', mallStatus: 'x', cancelled: true },
      ],
      NOW + HOUR,
    );
    t.flush();
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    expect(counts).toMatchObject({ new: 0, updated: 1 });
    expect(cellOf(sheet, 'L-1', '管理ステータス')).toBe('キャンセル');
    expect(column(sheet, '明細番号')).toEqual(['L-1']);
  });

  test('held orders start at 保留 and are released to the initial status when the mall releases them', () => {
    const b = book();
    fetchOnce(b, [line(1, { hold: true, mallStatus: 'ON_HOLD' }), line(2, { hold: true, mallStatus: 'ON_HOLD' })]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    expect(column(sheet, '管理ステータス')).toEqual(['保留', '保留']);
    fetchOnce(
      b,
      [line(1, { mallStatus: 'AWAITING_SHIPMENT' }), line(2, { hold: true, mallStatus: 'ON_HOLD' })],
      NOW + HOUR,
    );
    expect(column(sheet, '管理ステータス')).toEqual(['新規受付', '保留']);
  });

  test('an English label typed by the user is read as the same status', () => {
    const b = book();
    fetchOnce(b, [line(1)]);
    const sheet = b.getSheet('受注一覧')! as MemorySheet;
    sheet.edit(2, sheet.columnOf('管理ステータス'), 'Done');
    fetchOnce(b, [line(1, { cancelled: true })], NOW + HOUR);
    expect(cellOf(sheet, 'L-1', '管理ステータス')).toBe('Done');
    expect(cellOf(sheet, 'L-1', '書出結果')).not.toBe('');
  });
});

describe('OrdersTable: blanks from the mall', () => {
  test('a blank address or price never erases what the row shows; a real change still updates it', () => {
    const b = book();
    fetchOnce(b, [line(1)]);
    const blanked = fetchOnce(
      b,
      [line(1, { recipient: '', postalCode: '', address: '', phone: '', unitPrice: null, amount: null })],
      NOW + HOUR,
    );
    expect(blanked.updated).toBe(0);
    const sheet = b.getSheet('受注一覧')!;
    expect(column(sheet, '住所')).toEqual(['北海道札幌市']);
    expect(column(sheet, '郵便番号')).toEqual(['060-0001']);
    expect(column(sheet, '単価')).toEqual([1980]);
    const moved = fetchOnce(b, [line(1, { address: '東京都千代田区' })], NOW + 2 * HOUR);
    expect(moved.updated).toBe(1);
    expect(column(sheet, '住所')).toEqual(['東京都千代田区']);
  });
});
