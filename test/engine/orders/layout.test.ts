import { runFetch } from '../../../src/engine';
import { MANAGEMENT_STATUS_LABELS } from '../../../src/engine/order-line';
import { ORDERS_LAYOUT_KEY } from '../../../src/engine/orders/layout';
import type { CarrierEntry } from '../../../src/engine/settings/schema';
import { isMarkedFormula } from '../../../src/engine/sheet/layout';
import { demoSettings } from '../../../src/sandbox/demo-config';
import { engineWorld, SANDBOX_URL } from '../../support/worlds';

/**
 * 受注一覧's layout (docs/contract.md §2 Layout) through real fetch runs on a memory spreadsheet: set once when
 * the tab is made, nothing on the runs after, followed when the carrier table or the language changes,
 * repaired when a column comes back, and the seller's own rules, styles and columns left alone.
 */

function world() {
  // the carrier table as demoSettings writes it; a test adds a carrier or changes the language
  const settings = demoSettings(SANDBOX_URL) as Record<string, unknown> & { carriers: CarrierEntry[] };
  const w = engineWorld(settings, { seed: 3 });
  const fetch = () => runFetch(w.env, { trigger: 'manual' });
  const orders = () => w.book.getSheet('受注一覧')!;
  return { ...w, settings, fetch, orders };
}

test('the first fetch lays the tab out once; a second fetch adds no layout call', () => {
  const { book, fetch, orders, settings } = world();
  expect(fetch().exitCode).toBe(0);
  const sheet = orders();
  const L = sheet.layout;
  expect(L.history).toHaveLength(1);
  expect(L.frozenRows).toBe(1);
  const status = sheet.columnOf('管理ステータス');
  const carrier = sheet.columnOf('配送業者');
  const shippedOn = sheet.columnOf('出荷日');
  expect(L.validations.get(status)).toMatchObject({ kind: 'list', values: Object.values(MANAGEMENT_STATUS_LABELS.ja) });
  expect(L.validations.get(carrier)).toMatchObject({
    kind: 'list',
    values: settings.carriers.map((c) => c.name),
  });
  expect(L.validations.get(shippedOn)).toMatchObject({ kind: 'date' });
  // every rule is ours and covers a real column; the header row of every column is styled
  expect(L.rules.length).toBeGreaterThanOrEqual(7);
  expect(L.rules.every((r) => isMarkedFormula(r.formula))).toBe(true);
  const width = sheet.readAll()[0].length;
  for (let c = 1; c <= width; c++) expect(sheet.styleAt(1, c)).toMatchObject({ bold: true });
  // engine columns are protected (warning only), the seller's columns are not
  const covered = (col: number) => L.protections.some((p) => p.first <= col && col <= p.last);
  expect(covered(sheet.columnOf('注文番号'))).toBe(true);
  expect(covered(sheet.columnOf('書出結果'))).toBe(true);
  for (const own of [status, carrier, shippedOn, sheet.columnOf('伝票番号'), sheet.columnOf('メモ')])
    expect(covered(own)).toBe(false);

  book.resetCalls();
  expect(fetch().exitCode).toBe(0);
  expect(L.history).toHaveLength(1);
  expect(book.calls.applyLayout).toBe(0);
});

test('a changed carrier table updates only the carrier dropdown', () => {
  const { fetch, orders, settings } = world();
  fetch();
  settings.carriers = [...settings.carriers, { name: '西濃運輸', temu: 'Seino', tiktok: 'Seino', qoo10: '西濃運輸' }];
  fetch();
  const sheet = orders();
  expect(sheet.layout.history).toHaveLength(2);
  const carrier = sheet.columnOf('配送業者');
  expect(sheet.layout.history[1]).toEqual({ validations: [expect.objectContaining({ col: carrier })] });
  expect(sheet.layout.validations.get(carrier)).toMatchObject({ values: expect.arrayContaining(['西濃運輸']) });
  fetch();
  expect(sheet.layout.history).toHaveLength(2);
});

test('the seller’s own rule, cell colours and column survive runs; a column the engine adds back is repaired', () => {
  const { fetch, orders, env } = world();
  fetch();
  const sheet = orders();
  // the seller inserts a column of their own, colours a cell and adds a rule of their own
  sheet.insertColumn(3, '担当者');
  sheet.edit(2, 3, '山田');
  sheet.paint(2, 3, { background: '#ffff00' });
  sheet.paint(1, 3, { background: '#00ff00' });
  const own = { span: { first: 3, last: 3 }, formula: '=$C2="山田"', style: { bold: true } };
  sheet.addRule(own);
  fetch();
  expect(sheet.layout.history).toHaveLength(1);
  expect(sheet.valueAt(2, 3)).toBe('山田');
  expect(sheet.styleAt(2, 3)).toEqual({ background: '#ffff00' });
  expect(sheet.styleAt(1, 3)).toEqual({ background: '#00ff00' });
  // the validation moved with its column, as Sheets moves it
  expect(sheet.layout.validations.get(sheet.columnOf('管理ステータス'))).toMatchObject({ kind: 'list' });

  // the seller deletes the 出荷日 header: the engine adds the column back and lays the rules out again
  sheet.edit(1, sheet.columnOf('出荷日'), '');
  fetch();
  expect(sheet.layout.history).toHaveLength(2);
  const again = sheet.layout.history[1];
  const back = sheet.columnOf('出荷日');
  expect(again.header?.spans).toEqual([{ first: back, last: back }]);
  expect(sheet.layout.validations.get(back)).toMatchObject({ kind: 'date' });
  // ours replaced, the seller's rule kept after them
  expect(sheet.layout.rules.filter((r) => !isMarkedFormula(r.formula))).toEqual([own]);
  expect(sheet.layout.rules[sheet.layout.rules.length - 1]).toEqual(own);
  expect(sheet.styleAt(1, 3)).toEqual({ background: '#00ff00' });
  expect(env.props.get(ORDERS_LAYOUT_KEY)).not.toBeNull();
});

test('a tab that existed before its layout was remembered gets the rules, not the header style', () => {
  const { fetch, orders, env } = world();
  fetch();
  const sheet = orders();
  sheet.paint(1, 1, { background: '#123456', bold: false });
  env.props.delete(ORDERS_LAYOUT_KEY);
  fetch();
  expect(sheet.layout.history).toHaveLength(2);
  expect(sheet.layout.history[1].header).toBeUndefined();
  expect(sheet.layout.history[1].validations).toHaveLength(3);
  expect(sheet.styleAt(1, 1)).toMatchObject({ background: '#123456', bold: false });
});
