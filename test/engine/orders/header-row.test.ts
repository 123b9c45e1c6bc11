import { runExport, runFetch } from '../../../src/engine';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { COLUMNS } from '../../../src/engine/orders/columns';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

/**
 * The seller's 受注一覧 is the seller's layout (docs/contract.md §2): a title row above the header is fine,
 * a renamed or deleted key column stops the run for that sheet — never a second table, never duplicated lines.
 */
function world() {
  const clock = new VirtualClock();
  const a = fakeConnector('a', clock, { pages: [[line('A1', 'A1-1'), line('A1', 'A1-2'), line('A2')]] });
  const w = fakeEnv(
    [a.connector],
    () => ({ locale: 'ja', shops: [shopConfig('Shop A', 'a')], carriers: CARRIERS }),
    clock,
  );
  return { ...w, a };
}

test('a renamed key column (明細番号 → 明細No): exit 2 naming the column, nothing written, nothing sent', () => {
  const w = world();
  runFetch(w.env, { trigger: 'manual' });
  const sheet = w.book.getSheet('受注一覧')!;
  sheet.edit(1, sheet.columnOf('明細番号'), '明細No');
  const before = JSON.stringify(sheet.readAll());
  for (const run of [() => runFetch(w.env, { trigger: 'manual' }), () => runExport(w.env, { trigger: 'manual' })]) {
    const report = run();
    expect(report.exitCode).toBe(2);
    expect(report.errors.join('\n')).toContain('明細番号');
  }
  expect(JSON.stringify(sheet.readAll())).toBe(before);
  expect(w.a.calls.exported).toHaveLength(0);
});

test('a deleted key column (ショップ): exit 2, no column appended', () => {
  const w = world();
  runFetch(w.env, { trigger: 'manual' });
  const sheet = w.book.getSheet('受注一覧')!;
  const rows = sheet.readAll();
  const col = sheet.columnOf('ショップ') - 1;
  // the seller deletes the column: every cell right of it moves one to the left
  const without = rows.map((r) => [...r.slice(0, col), ...r.slice(col + 1), '']);
  for (const [i, r] of without.entries()) for (const [j, v] of r.entries()) sheet.edit(i + 1, j + 1, v);
  const report = runFetch(w.env, { trigger: 'manual' });
  expect(report.exitCode).toBe(2);
  expect(report.errors.join('\n')).toContain('ショップ');
  expect(sheet.readAll()[0].filter((h) => h === 'ショップ')).toHaveLength(0);
});

test('a title row above the header: the header is found below it, rows upserted there, no second table', () => {
  const w = world();
  runFetch(w.env, { trigger: 'manual' });
  const sheet = w.book.getSheet('受注一覧')!;
  sheet.insertRow(1);
  sheet.edit(1, 1, '2026年11月 受注管理（〇〇商店）');
  const width = sheet.readAll()[1].length;
  const again = runFetch(w.env, { trigger: 'manual' });
  expect(again.exitCode).toBe(0);
  expect(again.shops[0]).toMatchObject({ fetched: 3, new: 0 });
  const all = sheet.readAll();
  expect(all[0][0]).toBe('2026年11月 受注管理（〇〇商店）');
  expect(all[1].slice(0, COLUMNS.length).filter((h) => h !== '')).toHaveLength(COLUMNS.length);
  expect(all[1].length).toBe(width);
  expect(all.slice(2).filter((r) => r[sheet.readAll()[1].indexOf('注文番号')] !== '')).toHaveLength(3);
});

test('no header row in the first rows: exit 2 with a message, nothing written', () => {
  const w = world();
  const sheet = w.book.insertSheet('受注一覧');
  sheet.edit(1, 1, '受注メモ');
  sheet.edit(2, 1, 'ここに注文を貼る');
  const report = runFetch(w.env, { trigger: 'manual' });
  expect(report.exitCode).toBe(2);
  expect(report.errors.join('\n')).toMatch(/見出し/);
  expect(sheet.readAll()).toEqual([['受注メモ'], ['ここに注文を貼る']]);
});
