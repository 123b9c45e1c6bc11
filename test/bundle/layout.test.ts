import { isMarkedFormula } from '../../src/engine/sheet/layout';
import { setUp, setUpShops } from '../support/bundle-world';

/**
 * dist/Code.js lays 受注一覧 out with Apps Script's own calls (setFrozenRows, setDataValidation, conditional
 * format rules, protect().setWarningOnly(true)) once per tab: a second fetch from the menu makes none.
 */

const layoutOf = (calls: string[], sheet: string) => calls.filter((c) => c.startsWith(`${sheet} `));

test('the first menu fetch lays 受注一覧 out; the next fetch adds no layout call', () => {
  const { gas, ctx, call } = setUp();
  setUpShops(call);
  const settingsCalls = gas.layoutCalls.length;

  (ctx.fetchOrdersNow as () => void)();
  const first = layoutOf(gas.layoutCalls.slice(settingsCalls), '受注一覧');
  const L = gas.layouts.get('受注一覧')!;
  const header = gas.book.getSheet('受注一覧')!.readAll()[0];
  const col = (h: string) => header.indexOf(h) + 1;

  expect(first.filter((c) => c.includes('setFrozenRows'))).toEqual(['受注一覧 setFrozenRows [1]']);
  expect(L.frozenRows).toBe(1);
  // three validated columns, each one call, strict, with a help text
  expect(first.filter((c) => c.includes('setDataValidation'))).toHaveLength(3);
  expect(L.validations.get(col('管理ステータス'))).toMatchObject({
    kind: 'list',
    values: ['新規受付', '発送待ち', '処理済', '保留', 'キャンセル'],
    allowInvalid: false,
  });
  expect(L.validations.get(col('配送業者'))).toMatchObject({ kind: 'list', allowInvalid: false });
  expect(L.validations.get(col('出荷日'))).toMatchObject({ kind: 'date' });
  // one read and one write of the conditional rules, all of them ours, over rows 2 down
  expect(first.filter((c) => c.includes('ConditionalFormatRules'))).toHaveLength(2);
  expect(L.rules.length).toBeGreaterThanOrEqual(7);
  for (const r of L.rules) {
    expect(isMarkedFormula(r.formula)).toBe(true);
    expect(r.ranges[0].row).toBe(2);
  }
  // protections: warning only, described as ours, never over a column the seller types in
  expect(L.protections.length).toBeGreaterThan(0);
  for (const p of L.protections) {
    expect(p).toMatchObject({ warningOnly: true, description: 'MallSheet' });
    for (const own of ['管理ステータス', '配送業者', '伝票番号', '出荷日', 'メモ'])
      expect(col(own) >= p.first && col(own) <= p.last).toBe(false);
  }
  expect(L.header.get(col('注文番号'))).toMatchObject({ bold: true });

  const before = gas.layoutCalls.length;
  (ctx.fetchOrdersNow as () => void)();
  expect(gas.layoutCalls.slice(before).filter((c) => c.startsWith('受注一覧 '))).toEqual([]);
});

test('an invalid setting gets its message as a note on its cell: one getNotes + setNotes, none on a run that changed nothing', () => {
  const { gas, ctx, call } = setUp();
  setUpShops(call);
  const fetch = ctx.fetchOrdersNow as () => void;
  fetch();
  const tab = gas.book.getSheet('設定')!;
  const grid = tab.readAll();
  const header = grid.findIndex((r) => r.includes('自動取得(分)'));
  const cell = { row: header + 2, col: grid[header].indexOf('自動取得(分)') + 1 };
  const notesCalls = (from: number) =>
    gas.layoutCalls
      .slice(from)
      .filter((c) => /^設定 (getNotes|setNotes) /.test(c))
      .map((c) => c.split(' ')[1]);

  // valid settings, nothing to take off: no notes call at all
  let before = gas.layoutCalls.length;
  fetch();
  expect(notesCalls(before)).toEqual([]);

  tab.edit(cell.row, cell.col, '7');
  before = gas.layoutCalls.length;
  const alerts = gas.alerts.length;
  fetch();
  expect(gas.alerts.slice(alerts).join('\n')).toContain('自動取得(分)');
  expect(notesCalls(before)).toEqual(['getNotes', 'setNotes']);
  expect(tab.noteAt(cell.row, cell.col)).toMatch(/^\[MallSheet\]\n自動取得\(分\): .*7/);

  before = gas.layoutCalls.length;
  fetch();
  expect(notesCalls(before)).toEqual([]);

  tab.edit(cell.row, cell.col, '30');
  before = gas.layoutCalls.length;
  fetch();
  expect(notesCalls(before)).toEqual(['getNotes', 'setNotes']);
  expect(tab.noteAt(cell.row, cell.col)).toBe('');
  before = gas.layoutCalls.length;
  fetch();
  expect(notesCalls(before)).toEqual([]);
});

test('a spreadsheet whose locale is English gets the English Settings tab on its first run', () => {
  const { gas, ctx } = setUp();
  gas.book.spreadsheetLocale = 'en_US';
  (ctx.fetchOrdersNow as () => void)();
  expect(gas.book.getSheet('設定')).toBeNull();
  const grid = gas.book.getSheet('Settings')!.readAll();
  expect(grid[0][0]).toBe('[General]');
  expect(grid[1].slice(0, 2)).toEqual(['Language', 'en']);
  // the menu speaks the spreadsheet's language before there is a tab: the run's alert is in English
  expect(gas.alerts.join('\n')).toMatch(/^The settings are invalid; nothing was fetched or sent:/);
});

test('the seller’s own rule and column survive a repair of the layout and the fetches after it', () => {
  const { gas, ctx, call } = setUp();
  setUpShops(call);
  const fetch = ctx.fetchOrdersNow as () => void;
  fetch();
  const sheet = gas.book.getSheet('受注一覧')!;
  const L = gas.layouts.get('受注一覧')!;
  const width = sheet.readAll()[0].length;
  // a rule and a column of the seller's own
  const theirs = {
    formula: '=$A2="Temu 1号店"',
    ranges: [{ row: 2, col: 1, h: 100, w: 1 }],
    style: { background: '#ffff00' },
    getBooleanCondition: () => ({ getCriteriaValues: () => ['=$A2="Temu 1号店"'] }),
  };
  L.rules.push(theirs);
  // the grid has no column beyond the table until the seller adds one, as in Sheets
  const api = (
    gas.globals.SpreadsheetApp.getActiveSpreadsheet() as {
      getSheetByName(n: string): { getMaxColumns(): number; insertColumnsAfter(after: number, n: number): void };
    }
  ).getSheetByName('受注一覧');
  api.insertColumnsAfter(api.getMaxColumns(), 1);
  sheet.edit(1, width + 1, '担当者');
  sheet.edit(2, width + 1, '山田');
  const ours = L.rules.length - 1;

  const before = gas.layoutCalls.length;
  // the seller also deleted one of our rules: the repair must set the rules again, around theirs
  L.rules.splice(0, 1);
  (ctx.repairLayout as () => void)();
  expect(gas.layoutCalls.slice(before)).toContain(`受注一覧 setConditionalFormatRules [${ours + 1}]`);
  fetch();
  expect(L.rules).toHaveLength(ours + 1);
  expect(L.rules[L.rules.length - 1]).toBe(theirs);
  expect(L.rules.slice(0, ours).every((r) => r.formula.includes('N("MallSheet")'))).toBe(true);
  const grid = sheet.readAll();
  expect(grid[0][width]).toBe('担当者');
  expect(grid[1][width]).toBe('山田');
  expect(grid.slice(2).every((r) => (r[width] ?? '') === '')).toBe(true);
  // no protection of ours covers the seller's column
  expect(L.protections.every((p) => p.last < width + 1)).toBe(true);
});
