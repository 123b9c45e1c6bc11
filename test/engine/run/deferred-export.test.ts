import { runExport, runFetch, runTimer } from '../../../src/engine';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { readState } from '../../../src/engine/run/state';
import type { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

/**
 * Rows a manual export had no time for are not failures: the run says so, schedules a continuation, and
 * the continuation (a timer run) exports that shop even though its autoExport is off.
 */

function fillTracking(book: MemorySpreadsheet, orderId: string, tracking: string) {
  const sheet = book.getSheet('受注一覧')!;
  const r = sheet.readAll().findIndex((row) => row[sheet.columnOf('注文番号') - 1] === orderId);
  sheet.edit(r + 1, sheet.columnOf('伝票番号'), tracking);
  sheet.edit(r + 1, sheet.columnOf('出荷日'), '2026-11-22');
}

test('deferred rows: exit 0, not failed, a continuation is scheduled and the timer run sends them', () => {
  const clock = new VirtualClock();
  let timeLeft = false;
  const a = fakeConnector('a', clock, {
    pages: [[line('A1'), line('A2')]],
    // the first export only has time for A1
    outcome: (key) =>
      timeLeft || key.startsWith('A1')
        ? { key, kind: 'ok' }
        : { key, kind: 'deferred', message: '次回の書き出しで送信します' },
  });
  const w = fakeEnv(
    [a.connector],
    () => ({ locale: 'ja', shops: [shopConfig('Shop A', 'a', { autoExport: false })], carriers: CARRIERS }),
    clock,
  );
  runFetch(w.env, { trigger: 'manual' });
  fillTracking(w.book, 'A1', 'TN-1');
  fillTracking(w.book, 'A2', 'TN-2');

  const first = runExport(w.env, { trigger: 'manual' });
  expect(first.exitCode).toBe(0);
  expect(first.shops[0]).toMatchObject({ exported: 1, failed: 0 });
  expect(first.shops[0].message).toContain('次回の書き出し');
  expect(w.triggers.continuations.length).toBe(1);
  expect(readState(w.props, 'Shop A').exportPending).toBe(true);

  timeLeft = true;
  clock.advance(60_000);
  const cont = runTimer(w.env);
  const exported = cont.shops.filter((s) => s.action === 'export');
  expect(exported).toHaveLength(1);
  expect(exported[0]).toMatchObject({ exported: 1, failed: 0 });
  expect(readState(w.props, 'Shop A').exportPending).toBeUndefined();

  // nothing pending any more: the next timer run does not export a shop whose autoExport is off
  clock.advance(60_000);
  expect(runTimer(w.env).shops.filter((s) => s.action === 'export')).toHaveLength(0);
});
