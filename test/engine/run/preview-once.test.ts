import { runExport, runFetch } from '../../../src/engine';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

/** The dry-run preview lists shipments: rows of one order going with one tracking number are one line. */
test('an order of three rows with one tracking number is previewed once', () => {
  const clock = new VirtualClock();
  const a = fakeConnector('a', clock, {
    pages: [[line('A1', 'A1-1'), line('A1', 'A1-2'), line('A1', 'A1-3'), line('A2')]],
  });
  const w = fakeEnv(
    [a.connector],
    () => ({ locale: 'ja', shops: [shopConfig('Shop A', 'a')], carriers: CARRIERS }),
    clock,
  );
  runFetch(w.env, { trigger: 'manual' });
  const sheet = w.book.getSheet('受注一覧')!;
  sheet.readAll().forEach((row, i) => {
    if (i === 0) return;
    const tracking = row[sheet.columnOf('注文番号') - 1] === 'A1' ? 'TN1' : 'TN2';
    sheet.edit(i + 1, sheet.columnOf('伝票番号'), tracking);
    sheet.edit(i + 1, sheet.columnOf('出荷日'), '2026-11-22');
  });
  const report = runExport(w.env, { trigger: 'manual', dryRun: true });
  expect(report.preview).toEqual(['Shop A: A1 TN1', 'Shop A: A2 TN2']);
});
