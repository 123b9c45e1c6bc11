import { appendLog, type LogRow, readLog } from '../../../src/engine/log/log-sheet';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';

const T0 = Date.UTC(2026, 10, 22, 1, 2, 3);
const opts = { locale: 'ja' as const, timezone: 'Asia/Tokyo' };

const row = (extra: Partial<LogRow> = {}): LogRow => ({
  time: T0,
  trigger: 'manual',
  action: 'fetch',
  shop: 'Shop A',
  fetched: 3,
  new: 2,
  updated: 1,
  failed: 0,
  durationMs: 1234,
  message: '',
  ...extra,
});

describe('Log', () => {
  test('a new tab gets its header and the rows in one write', () => {
    const book = new MemorySpreadsheet();
    appendLog(book, [row(), row({ shop: 'Shop B', action: 'export', exported: 4, fetched: undefined })], opts);
    expect(book.calls).toMatchObject({ writeBlock: 1, readAll: 0 });
    const grid = book.getSheet('ログ')!.readAll();
    expect(grid[0]).toEqual([
      '日時',
      '起動',
      '処理',
      'ショップ',
      '取得',
      '新規',
      '更新',
      '書出',
      '失敗',
      '所要時間(秒)',
      'メッセージ',
    ]);
    expect(grid[1].slice(1, 7)).toEqual(['手動', '取得', 'Shop A', 3, 2, 1]);
    expect(grid[1][9]).toBe(1.2);
    expect(grid[2].slice(2, 5)).toEqual(['書出', 'Shop B', '']);
  });

  test('later runs append below with one read and one write, whatever the column order', () => {
    const book = new MemorySpreadsheet();
    appendLog(book, [row()], opts);
    const sheet = book.getSheet('ログ')!;
    sheet.moveColumn(11, 1); // the user puts メッセージ first
    sheet.insertColumn(3, '備考');
    book.resetCalls();
    appendLog(book, [row({ message: '=HYPERLINK("x")', shop: '+81 shop' }), row({ trigger: 'auto' })], opts);
    expect(book.calls).toMatchObject({ readAll: 1, writeBlock: 1 });
    const rows = readLog(book, 'Asia/Tokyo');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({
      time: Date.UTC(2026, 10, 22, 1, 2),
      shop: '+81 shop',
      message: '=HYPERLINK("x")',
      fetched: 3,
    });
    expect(rows[2].trigger).toBe('auto');
    // text that looks like a formula stays text
    expect(sheet.formulaAt(3, 1)).toBeNull();
  });

  test('rows logged in English read back the same', () => {
    const book = new MemorySpreadsheet();
    appendLog(book, [row({ action: 'check', trigger: 'auto', failed: 2 })], { locale: 'en', timezone: 'Asia/Tokyo' });
    expect(book.getSheet('Log')!.readAll()[0][0]).toBe('Time');
    expect(readLog(book, 'Asia/Tokyo')).toEqual([
      expect.objectContaining({ action: 'check', trigger: 'auto', failed: 2 }),
    ]);
  });

  test('the Log keeps its newest rows, trimmed in the same one write', () => {
    const book = new MemorySpreadsheet();
    const big = { ...opts, maxRows: 1000 };
    appendLog(
      book,
      Array.from({ length: 1400 }, (_, i) => row({ fetched: i, message: i === 1399 ? '=1+1' : '' })),
      big,
    );
    book.resetCalls();
    appendLog(book, [row({ fetched: 5000 }), row({ fetched: 5001 })], big);
    expect(book.calls).toMatchObject({ readAll: 1, writeBlock: 1 });
    const rows = readLog(book, 'Asia/Tokyo');
    expect(rows).toHaveLength(1000);
    expect(rows[0].fetched).toBe(402);
    expect(rows[997]).toMatchObject({ fetched: 1399, message: '=1+1' });
    expect(rows[999].fetched).toBe(5001);
    expect(book.getSheet('ログ')!.formulaAt(999, 11)).toBeNull();
  });

  test('nothing to log writes nothing', () => {
    const book = new MemorySpreadsheet();
    appendLog(book, [], opts);
    expect(book.calls.total).toBe(0);
    expect(book.getSheet('ログ')).toBeNull();
  });
});
