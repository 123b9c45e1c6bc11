import { GasSheet, GasSpreadsheet, type SheetApi, type SpreadsheetApi } from '../../src/gas/sheet';
import type { CellValue } from '../../src/ports';

/** A hand-made Sheet stub: a grid with a fixed size that throws when a range leaves it, like Apps Script. */
function stubSheet(name: string, maxRows: number, maxCols: number, data: CellValue[][] = []) {
  const calls: string[] = [];
  const grid = { rows: maxRows, cols: maxCols, data: data.map((r) => [...r]), formats: new Map<string, string>() };
  const range = (r: number, c: number, h: number, w: number) => {
    if (r + h - 1 > grid.rows || c + w - 1 > grid.cols)
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    return {
      setValues(v: CellValue[][]) {
        calls.push(`setValues ${r},${c},${h}x${w}`);
        for (const [i, row] of v.entries()) {
          grid.data[r - 1 + i] ??= [];
          for (const [j, x] of row.entries()) grid.data[r - 1 + i][c - 1 + j] = x;
        }
      },
      setNumberFormats(f: string[][]) {
        calls.push(`setNumberFormats ${r},${c},${h}x${w}`);
        for (const [i, row] of f.entries())
          for (const [j, x] of row.entries()) grid.formats.set(`${r + i},${c + j}`, x);
      },
    };
  };
  const sheet = {
    getName: () => name,
    getDataRange: () => ({
      getValues: () => {
        calls.push('getValues');
        return grid.data.length ? grid.data.map((r) => [...r]) : [['']];
      },
    }),
    getRange: (r: number, c: number, h: number, w: number) => range(r, c, h, w),
    getMaxRows: () => grid.rows,
    getMaxColumns: () => grid.cols,
    insertRowsAfter: (after: number, n: number) => {
      calls.push(`insertRowsAfter ${after},${n}`);
      grid.rows += n;
    },
    insertColumnsAfter: (after: number, n: number) => {
      calls.push(`insertColumnsAfter ${after},${n}`);
      grid.cols += n;
    },
  };
  return { sheet: sheet as unknown as SheetApi, grid, calls };
}

describe('GasSheet', () => {
  test('readAll is one getValues call; an empty sheet reads as []', () => {
    const empty = stubSheet('受注一覧', 1000, 26);
    expect(new GasSheet(empty.sheet).readAll()).toEqual([]);
    const full = stubSheet('受注一覧', 1000, 26, [
      ['ショップ', '注文番号'],
      ['A', new Date(0)],
    ]);
    expect(new GasSheet(full.sheet).readAll()).toEqual([
      ['ショップ', '注文番号'],
      ['A', new Date(0)],
    ]);
    expect(full.calls).toEqual(['getValues']);
  });

  test('writeBlock grows rows and columns before one setValues; null becomes an empty cell', () => {
    const s = stubSheet('Orders', 3, 2);
    new GasSheet(s.sheet).writeBlock(3, 2, [
      ['a', 'b', null],
      ['c', 'd', 1],
    ]);
    expect(s.calls).toEqual(['insertRowsAfter 3,1', 'insertColumnsAfter 2,2', 'setValues 3,2,2x3']);
    expect(s.grid.data[3]).toEqual([undefined, 'c', 'd', 1]);
    expect(s.grid.data[2][3]).toBe('');
  });

  test('writeBlock inside the grid does not grow it', () => {
    const s = stubSheet('Orders', 100, 26);
    new GasSheet(s.sheet).writeBlock(1, 1, [['x']]);
    expect(s.calls).toEqual(['setValues 1,1,1x1']);
  });

  test("setFormats grows the sheet too and maps '' (automatic) to General", () => {
    const s = stubSheet('Orders', 1, 1);
    new GasSheet(s.sheet).setFormats(2, 1, [['@', '']]);
    expect(s.calls).toEqual(['insertRowsAfter 1,1', 'insertColumnsAfter 1,1', 'setNumberFormats 2,1,1x2']);
    expect(s.grid.formats.get('2,1')).toBe('@');
    expect(s.grid.formats.get('2,2')).toBe('General');
  });
});

describe('GasSpreadsheet', () => {
  test('getSheet answers null for a missing tab and wraps an existing one; insertSheet creates', () => {
    const tabs = new Map<string, SheetApi>([['設定', stubSheet('設定', 10, 10).sheet]]);
    const api: SpreadsheetApi = {
      getSheetByName: (n) => tabs.get(n) ?? null,
      insertSheet: (n) => {
        const s = stubSheet(n, 1000, 26).sheet;
        tabs.set(n, s);
        return s;
      },
    };
    const book = new GasSpreadsheet(api);
    expect(book.getSheet('ログ')).toBeNull();
    expect(book.getSheet('設定')?.name).toBe('設定');
    expect(book.insertSheet('ログ').name).toBe('ログ');
    expect(book.getSheet('ログ')).not.toBeNull();
  });
});
