import { setUp, setUpShops } from '../support/bundle-world';

/**
 * dist/Code.js's status views and search (GoQSystem's 新規受付 / 発送待ち / … / 全て tabs): criteria on 受注一覧's
 * filter, on the status and order-number columns only; the seller's criteria elsewhere and the rows' order
 * stay; a filter left behind by appended rows is made again over every row with the same criteria.
 */

test('a status view, a search and 全て set and clear criteria on their own columns only', () => {
  const { gas, ctx, call } = setUp();
  setUpShops(call);
  (ctx.fetchOrdersNow as () => void)();
  const sheet = gas.book.getSheet('受注一覧')!;
  const order = sheet.readAll();
  const col = (h: string) => order[0].indexOf(h) + 1;
  const alerts = gas.alerts.length;

  (ctx.viewAwaiting as () => void)();
  const filter = () => gas.filters.get('受注一覧')!;
  expect(filter().range).toMatchObject({ row: 1, col: 1, h: order.length, w: order[0].length });
  expect([...filter().criteria.keys()]).toEqual([col('管理ステータス')]);
  expect(filter().criteria.get(col('管理ステータス'))!.formula).toContain('"発送待ち"');

  // the seller's own criterion on another column stays through every view
  filter().setColumnFilterCriteria(col('モール'), { formula: '=$B2="Temu"' });
  gas.answerPrompt('PO-100');
  (ctx.searchOrdersPrompt as () => void)();
  expect(filter().criteria.has(col('管理ステータス'))).toBe(false);
  expect(filter().criteria.get(col('注文番号'))!.formula).toContain('SEARCH("PO-100"');
  expect(filter().criteria.get(col('モール'))).toEqual({ formula: '=$B2="Temu"' });

  (ctx.viewAll as () => void)();
  expect([...filter().criteria.keys()]).toEqual([col('モール')]);
  // nothing was sorted or rewritten
  expect(sheet.readAll()).toEqual(order);
  expect(gas.alerts.slice(alerts)).toEqual([]);
});

test('rows appended below the filter: the view makes it again over every row, keeping the criteria', () => {
  const { gas, ctx, call } = setUp();
  setUpShops(call);
  (ctx.fetchOrdersNow as () => void)();
  const sheet = gas.book.getSheet('受注一覧')!;
  const rows = sheet.readAll().length;
  (ctx.viewHold as () => void)();
  gas.filters.get('受注一覧')!.setColumnFilterCriteria(2, { formula: '=TRUE' });
  sheet.writeBlock(rows + 1, 1, [['追加店']]);
  (ctx.viewNew as () => void)();
  const f = gas.filters.get('受注一覧')!;
  expect(f.range.h).toBe(rows + 1);
  expect(f.criteria.get(2)).toEqual({ formula: '=TRUE' });
  expect(f.criteria.get(sheet.readAll()[0].indexOf('管理ステータス') + 1)!.formula).toContain('"新規受付"');
});
