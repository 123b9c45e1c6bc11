import { runExport, runFetch } from '../../../src/engine';
import { VirtualClock } from '../../../src/engine/memory-ports';
import type { CellValue, LayoutChange, SheetPort, SpreadsheetPort } from '../../../src/ports';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

/**
 * An export writes what each mall accepted (書出日時 / 書出結果 / 書出伝票番号) right after that mall, before
 * the next one is called, and every shop's 管理ステータス = 処理済 in one write at its end. A run cut off
 * in between loses no 処理済: the next export sets it on the rows accepted, without sending them again.
 */

function world() {
  const clock = new VirtualClock();
  const events: string[] = [];
  let dead = false;
  let killed = false;
  const a = fakeConnector('a', clock, { pages: [[line('A1'), line('A2')]] });
  const b = fakeConnector('b', clock, {
    pages: [[line('B1'), line('B2')]],
    outcome: (key) => {
      events.push(`send b ${key}`);
      // the execution dies while Shop B's numbers are out: nothing more reaches the sheet or the properties
      if (key.startsWith('B2') && !killed) {
        killed = true;
        dead = true;
      }
      return { key, kind: 'ok' };
    },
  });
  const w = fakeEnv(
    [a.connector, b.connector],
    () => ({ locale: 'ja', shops: [shopConfig('Shop A', 'a'), shopConfig('Shop B', 'b')], carriers: CARRIERS }),
    clock,
  );
  /** a port call of a dead execution never returns */
  const alive =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R => {
      if (dead) throw new Error('killed');
      return f(...args);
    };
  const header = () => w.book.getSheet('受注一覧')!.readAll()[0] as string[];
  const wrap = (s: SheetPort | null): SheetPort | null =>
    s && {
      name: s.name,
      readAll: alive(() => s.readAll()),
      readBlock: alive((row: number, col: number, rows: number | null, cols: number | null) =>
        s.readBlock(row, col, rows, cols),
      ),
      gridSize: alive(() => s.gridSize()),
      writeBlock: alive((row: number, col: number, values: CellValue[][]) => {
        if (s.name === '受注一覧' && row > 1)
          events.push(
            `write ${header()
              .slice(col - 1, col - 1 + values[0].length)
              .join('|')}`,
          );
        s.writeBlock(row, col, values);
      }),
      setFormats: alive((row: number, col: number, f: string[][]) => s.setFormats(row, col, f)),
      applyLayout: alive((c: LayoutChange) => s.applyLayout(c)),
      setNotes: alive((row: number, col: number, n: (string | null)[][]) => s.setNotes(row, col, n)),
    };
  const book: SpreadsheetPort = {
    getSheet: (n) => wrap(w.book.getSheet(n)),
    insertSheet: alive((n: string) => wrap(w.book.insertSheet(n)) as SheetPort),
  };
  const props = w.props;
  w.env.book = book;
  w.env.props = {
    get: (k) => props.get(k),
    keys: () => props.keys(),
    set: alive((k: string, v: string) => props.set(k, v)),
    delete: alive((k: string) => props.delete(k)),
  };
  const sheet = () => w.book.getSheet('受注一覧')!;
  const rowOf = (orderId: string) =>
    sheet()
      .readAll()
      .findIndex((r) => r[sheet().columnOf('注文番号') - 1] === orderId) + 1;
  const cell = (orderId: string, h: string) => sheet().valueAt(rowOf(orderId), sheet().columnOf(h));
  const ship = (orderId: string, tracking: string) => {
    sheet().edit(rowOf(orderId), sheet().columnOf('伝票番号'), tracking);
    sheet().edit(rowOf(orderId), sheet().columnOf('出荷日'), '2026-11-22');
  };
  const revive = () => {
    dead = false;
  };
  return { w, a, b, events, cell, ship, revive };
}

test('each mall’s outcomes are on the sheet before the next mall is called; 処理済 of all shops in one write', () => {
  const { w, events, cell, ship } = world();
  runFetch(w.env, { trigger: 'manual' });
  ship('A1', 'TN-A1');
  ship('B1', 'TN-B1');
  events.length = 0;
  expect(runExport(w.env, { trigger: 'manual' }).exitCode).toBe(0);
  const firstB = events.findIndex((e) => e.startsWith('send b'));
  expect(events.slice(0, firstB).some((e) => e.includes('書出伝票番号'))).toBe(true);
  const statusWrites = events.filter((e) => e === 'write 管理ステータス');
  expect(statusWrites).toHaveLength(1);
  expect(events.indexOf('write 管理ステータス')).toBeGreaterThan(firstB);
  for (const id of ['A1', 'B1']) {
    expect(cell(id, '管理ステータス')).toBe('処理済');
    expect(cell(id, '書出結果')).toBe('OK');
  }
});

test('a run cut off after one mall: the next export sets 処理済 on what that mall accepted, sending nothing twice', () => {
  const { w, a, events, cell, ship, revive } = world();
  runFetch(w.env, { trigger: 'manual' });
  ship('A2', 'TN-A2');
  ship('B2', 'TN-B2');
  runExport(w.env, { trigger: 'manual' });
  // Shop A's outcome reached the sheet; its 処理済 did not
  expect(cell('A2', '書出伝票番号')).toBe('TNA2');
  expect(cell('A2', '管理ステータス')).toBe('新規受付');
  expect(a.calls.exported).toHaveLength(1);

  revive();
  events.length = 0;
  const next = runExport(w.env, { trigger: 'manual' });
  expect(next.errors).toEqual([]);
  expect(next.exitCode).toBe(0);
  expect(a.calls.exported).toHaveLength(1);
  expect(cell('A2', '管理ステータス')).toBe('処理済');
  // Shop B's number never reached the sheet: it goes again, and is done too
  expect(events.filter((e) => e.startsWith('send b'))).toEqual([expect.stringContaining('B2')]);
  expect(cell('B2', '管理ステータス')).toBe('処理済');
  // rows nobody sent keep their status
  expect(cell('A1', '管理ステータス')).toBe('新規受付');
});
