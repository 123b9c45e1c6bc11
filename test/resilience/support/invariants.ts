import type { RunReport } from '../../../src/engine';
import { acceptedPerLine, expectedKeys, sheetKeys, type World } from './world';

/**
 * The fault suite's invariants after a scenario and clean runs: no order lost, no key twice, no line accepted
 * twice by the mall, and every line the mall accepted shows OK in 書出結果 (the sheet caught up with the
 * mall, even when the answer was lost or the run died before writing it).
 */
export function expectInvariants(w: World): void {
  const rows = w.rows();
  const keys = rows.map((r) => `${r.shop}\u0000${r.orderId}\u0000${r.lineId}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);

  const inSheet = new Set(sheetKeys(w));
  expect(expectedKeys(w).filter((k) => !inSheet.has(k))).toEqual([]);

  const accepted = acceptedPerLine(w);
  expect([...accepted].filter(([, n]) => n > 1)).toEqual([]);
  const lineIds = (lineId: string) => lineId.split(',');
  const acceptedRows = rows.filter((r) => lineIds(r.lineId).some((id) => accepted.has(id)));
  expect(
    acceptedRows
      .filter((r) => !r.exportResult.startsWith('OK'))
      .map((r) => `${r.orderId} ${r.lineId}: ${r.exportResult}`),
  ).toEqual([]);
  // and the other way round: the sheet never claims a shipment the mall does not have
  const claimed = rows.filter((r) => r.exportResult.startsWith('OK'));
  expect(
    claimed.filter((r) => !lineIds(r.lineId).every((id) => accepted.has(id))).map((r) => `${r.orderId} ${r.lineId}`),
  ).toEqual([]);
}

/** Every failed shop of a run says why, in its report and in a Log row written by that run. */
export function expectFailuresVisible(w: World, report: RunReport, logRowsBefore: number): void {
  const log = w.logRows().slice(logRowsBefore);
  for (const s of report.shops) {
    if (s.ok && s.failed === 0) continue;
    expect(s.message).not.toBe('');
    expect(log.some((r) => r.shop === s.shop && r.message !== '')).toBe(true);
  }
  for (const e of report.errors) expect(e).not.toBe('');
}
