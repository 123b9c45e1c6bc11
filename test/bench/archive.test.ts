import { archiveJson, archiveTable, runArchiveBench } from '../../bench/archive';

/**
 * A smoke test of the archive benchmark on a short run: what it reports is what happened (rows moved from
 * 受注一覧 to the archive, 受注一覧 smaller than without rotation, no fetch needing the archive's keys).
 */

test('with rotation 受注一覧 stays at about archiveAfterDays of orders; without it, it holds every order', () => {
  const off = runArchiveBench(0, 24, 40);
  const on = runArchiveBench(10, 24, 40);
  expect(off.maxOrdersRows).toBe(24 * 40);
  // 10 days after its last touch (書出日時, 2 days after the order) a row moves: 12 days of orders stay
  expect(on.maxOrdersRows).toBeLessThan(15 * 40);
  expect(on.maxOrdersRows).toBeGreaterThanOrEqual(11 * 40);
  expect(on.firstRotation?.moved).toBeGreaterThan(0);
  expect(on.archiveKeyReads).toBe(0);
  expect(archiveTable([off, on]).length).toBeGreaterThan(3);
  expect(archiveJson([on])).toHaveProperty('archive.after10d.maxOrdersRows', on.maxOrdersRows);
});
