import { COLUMNS } from '../../../src/engine/orders/columns';
import { searchFilter, viewFilter } from '../../../src/engine/orders/views';

/** Status views and the search set criteria on their own columns only, wherever the seller moved them. */

const header = ['担当者', ...COLUMNS.map((c) => c.ja)];
const col = (h: string) => header.indexOf(h) + 1;

test('a status view filters 管理ステータス by its label in either language and clears the search', () => {
  const plan = viewFilter(header, 'awaiting')!;
  expect(plan.clear).toEqual([col('注文番号')]);
  expect(plan.set).toHaveLength(1);
  expect(plan.set[0].col).toBe(col('管理ステータス'));
  expect(plan.set[0].formula).toContain('="発送待ち"');
  expect(plan.set[0].formula).toContain('="Awaiting shipment"');
  // the formula points at the status column as it stands (the seller's column pushed it right)
  expect(plan.set[0].formula).toMatch(/^=OR\(\$T2=/);
});

test('全て clears both criteria and nothing else', () => {
  expect(viewFilter(header, 'all')).toEqual({ clear: [col('管理ステータス'), col('注文番号')], set: [] });
});

test('search: order number, line id or recipient contains the text; quotes cannot break the formula', () => {
  const plan = searchFilter(header, ' 山田"太郎 ')!;
  expect(plan.clear).toEqual([col('管理ステータス')]);
  expect(plan.set[0].col).toBe(col('注文番号'));
  expect(plan.set[0].formula).toBe(
    '=OR(ISNUMBER(SEARCH("山田""太郎",$D2)),ISNUMBER(SEARCH("山田""太郎",$E2)),ISNUMBER(SEARCH("山田""太郎",$P2)))',
  );
  expect(searchFilter(header, '  ')).toBeNull();
  expect(viewFilter(['ショップ'], 'new')).toBeNull();
});
