import { OrdersTable } from '../../../src/engine/orders/table';
import type { CarrierEntry } from '../../../src/engine/settings/schema';
import type { MemorySheet } from '../../../src/engine/sheet/memory-sheet';
import { book, line, NOW, rowOf, SHOP } from '../orders/fixtures';

/**
 * A tracking number the spreadsheet holds as a number beyond 2^53 (or shows in exponent form) has already lost
 * digits: sending it would give the buyer someone else's parcel. The row is held with a reason and stays eligible.
 */
const connector = { normalizeTracking: (t: string) => t.replace(/-/g, ''), isCancelledStatus: () => false };
const CARRIERS: CarrierEntry[] = [{ name: 'ヤマト運輸', temu: 'Yamato' }];
const open = (b: ReturnType<typeof book>) => OrdersTable.open(b, { locale: 'ja', timezone: 'Asia/Tokyo' });

test.each([
  // typed digits beyond 2^53: the cell holds the nearest double
  ['a number beyond 2^53', Number('40001111222311112345'), '40001111222311110000'],
  ['a number in exponent form', 4.0001e21, '4.0001e+21'],
  ['text in exponent form', '4.00011E+19', '4.00011E+19'],
])('%s is not sent; the reason says to format the column as text', (_, value, shown) => {
  const b = book();
  const t = open(b);
  t.upsert(SHOP, [line(0), line(1)], [], NOW);
  t.flush();
  const sheet = b.getSheet('受注一覧')! as MemorySheet;
  const row = rowOf(sheet, 'L-0');
  // the seller's column lost its text format, so the cell holds what was typed as a number
  sheet.setFormats(row, sheet.columnOf('伝票番号'), [['']]);
  sheet.edit(row, sheet.columnOf('伝票番号'), value);
  sheet.edit(row, sheet.columnOf('出荷日'), '2026-11-22');
  const { orders, skipped } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
  expect(orders.flatMap((o) => o.lines).filter((l) => l.ready)).toEqual([]);
  expect(skipped).toEqual([expect.objectContaining({ row })]);
  expect(skipped[0].reason).toContain(shown);
  expect(skipped[0].reason).toContain('書式なしテキスト');
});

test('a number that keeps every digit (below 2^53) is sent as its digits', () => {
  const b = book();
  const t = open(b);
  t.upsert(SHOP, [line(0)], [], NOW);
  t.flush();
  const sheet = b.getSheet('受注一覧')! as MemorySheet;
  const row = rowOf(sheet, 'L-0');
  sheet.setFormats(row, sheet.columnOf('伝票番号'), [['']]);
  sheet.edit(row, sheet.columnOf('伝票番号'), 400011112223);
  sheet.edit(row, sheet.columnOf('出荷日'), '2026-11-22');
  const { orders } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
  expect(orders[0].lines[0]).toMatchObject({ ready: true, tracking: '400011112223' });
});
