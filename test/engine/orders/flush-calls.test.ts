import { OrdersTable } from '../../../src/engine/orders/table';
import { book, line, NOW, SHOP } from './fixtures';

/** Spreadsheet calls of one fetch run that adds `fresh` rows and changes `changed` scattered rows of `existing`. */
function callsFor(existing: number, fresh: number, changed: number) {
  const b = book();
  const seed = OrdersTable.open(b, { locale: 'ja', timezone: 'Asia/Tokyo' });
  seed.upsert(
    SHOP,
    Array.from({ length: existing }, (_, n) => line(n)),
    [],
    NOW,
  );
  seed.flush();
  b.resetCalls();
  const t = OrdersTable.open(b, { locale: 'ja', timezone: 'Asia/Tokyo' });
  const step = Math.max(1, Math.floor(existing / Math.max(1, changed)));
  const lines = [
    ...Array.from({ length: changed }, (_, k) => line(k * step, { mallStatus: 'SHIPPED' })),
    ...Array.from({ length: fresh }, (_, k) => line(existing + k)),
  ];
  const counts = t.upsert(SHOP, lines, [], NOW + 60_000);
  t.flush();
  expect(counts).toMatchObject({ new: fresh, updated: changed });
  return { ...b.calls };
}

describe('flush makes a constant number of spreadsheet calls', () => {
  test('the call count does not grow with the rows written', () => {
    const small = callsFor(200, 10, 10);
    const large = callsFor(5000, 500, 500);
    expect(large.total).toBe(small.total);
    expect(large.total).toBeLessThanOrEqual(8);
    expect(large.readAll).toBe(1);
  });

  test('a run that changes nothing writes nothing', () => {
    expect(callsFor(300, 0, 0)).toMatchObject({ readAll: 1, writeBlock: 0, setFormats: 0, total: 1 });
  });
});
