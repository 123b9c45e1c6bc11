import { runSlipsBench, SHIPMENTS } from '../../bench/slips';

/** The 納品書 benchmark's code: what it counts is what happened. Not a timing test (the bench reports time). */
test('500 shipments print from one read of 受注一覧 and a constant number of writes', () => {
  const r = runSlipsBench();
  expect(r.shipments).toBe(SHIPMENTS);
  expect(r.pages).toBeGreaterThan(SHIPMENTS);
  // read the table, write the moved statuses, append the Log: however many shipments
  expect(r.sheetCalls).toBeLessThanOrEqual(4);
});
