import { runExport, runFetch } from '../../src/engine';
import { ORDERS_SHEET_NAMES } from '../../src/engine/orders/columns';
import { discoverHeaders } from '../../src/engine/orders/headers';
import { fillTracking, runUntilDone, type World, world } from './support/world';

/**
 * After an export the seller changes 伝票番号. A row is OK only when the mall holds that number
 * (docs/contract.md §3): when the mall keeps the old one, the row says so and what to do, it counts as failed,
 * and 書出伝票番号 keeps the number the mall accepted.
 */

function cells(w: World): { row: number; orderId: string; tracking: string; exported: string; result: string }[] {
  const all = w.book.getSheet(ORDERS_SHEET_NAMES.ja)!.readAll();
  const { at } = discoverHeaders(all[0]);
  return all.slice(1).map((r, i) => ({
    row: i + 2,
    orderId: String(r[at.orderId!] ?? ''),
    tracking: String(r[at.tracking!] ?? ''),
    exported: String(r[at.exportedTracking!] ?? ''),
    result: String(r[at.exportResult!] ?? ''),
  }));
}

/** The seller retypes 伝票番号 of every row of one exported order. */
function retype(w: World, orderId: string, tracking: string): void {
  const sheet = w.book.getSheet(ORDERS_SHEET_NAMES.ja)!;
  const { at } = discoverHeaders(sheet.readAll()[0]);
  for (const c of cells(w).filter((x) => x.orderId === orderId))
    sheet.writeBlock(c.row, at.tracking! + 1, [[tracking]]);
}

function exportedOnce(mall: 'tiktok' | 'qoo10') {
  const w = world(mall, { seed: 5, orders: 40, budgetMs: 270_000 });
  runUntilDone(w, (x) => runFetch(x.env, { trigger: 'manual' }));
  expect(fillTracking(w, 1)).toBeGreaterThan(0);
  runExport(w.env, { trigger: 'manual' });
  const done = cells(w).find((c) => c.exported !== '' && c.result.startsWith('OK'))!;
  expect(done).toBeDefined();
  return { w, orderId: done.orderId, accepted: done.exported };
}

test('Qoo10: "shipped with another tracking number" is not OK; 書出伝票番号 keeps the accepted number', () => {
  const { w, orderId, accepted } = exportedOnce('qoo10');
  retype(w, orderId, 'NEW123456789');
  const report = runExport(w.env, { trigger: 'manual' });
  expect(report.shops[0].failed).toBeGreaterThan(0);
  const rows = cells(w).filter((c) => c.orderId === orderId);
  for (const r of rows) {
    expect(r.result).not.toMatch(/^OK/);
    expect(r.result).toContain(`別の伝票番号 ${accepted}`);
    expect(r.result).toContain('QSM で伝票番号を変更');
    expect(r.exported).toBe(accepted);
  }
  const held = w.malls.state('qoo10').shipments.filter((s) => s.packNo === orderId);
  expect(held.every((s) => s.trackingNo === accepted)).toBe(true);
});

test('TikTok: a changed number is sent once (Update Shipping Info); a second change the mall refuses keeps the accepted one', () => {
  const { w, orderId } = exportedOnce('tiktok');
  retype(w, orderId, '222222222222');
  runExport(w.env, { trigger: 'manual' });
  const changed = cells(w).filter((c) => c.orderId === orderId);
  expect(changed.every((r) => r.result.startsWith('OK') && r.exported === '222222222222')).toBe(true);

  retype(w, orderId, '333333333333');
  const report = runExport(w.env, { trigger: 'manual' });
  expect(report.shops[0].failed).toBeGreaterThan(0);
  for (const r of cells(w).filter((c) => c.orderId === orderId)) {
    expect(r.result).toMatch(/21011051, request_id .*222222222222 が登録されたまま/);
    expect(r.exported).toBe('222222222222');
  }
  const order = w.malls.orders('tiktok').find((o) => o.id === orderId)!;
  expect(order.tracking).toEqual(['222222222222']);
});
