import { runCheck, runFetch, runTimer } from '../../../src/engine';
import { readLog } from '../../../src/engine/log/log-sheet';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { ARCHIVE_HORIZON_KEY } from '../../../src/engine/orders/archive';
import { isArchivable } from '../../../src/engine/orders/archive-rule';
import type { MemorySheet, MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

const DAY = 86_400_000;
const config =
  (archiveAfterDays: number | undefined, shop: Record<string, unknown> = {}) =>
  () => ({
    locale: 'ja',
    shops: [shopConfig('Shop A', 'a', shop)],
    carriers: CARRIERS,
    ...(archiveAfterDays === undefined ? {} : { archiveAfterDays }),
  });

/** Rows of a tab below its header as { header: value } (values as the sheet shows them). */
function rows(book: MemorySpreadsheet, tab: string): Record<string, unknown>[] {
  const sheet = book.getSheet(tab);
  if (!sheet) return [];
  const [header, ...body] = sheet.readAll();
  return body.map((r) => Object.fromEntries(header.map((h, c) => [String(h), r[c]])));
}

function setCell(sheet: MemorySheet, orderId: string, header: string, value: string): void {
  const all = sheet.readAll();
  const r = all.findIndex((row) => row[sheet.columnOf('注文番号') - 1] === orderId);
  sheet.edit(r + 1, sheet.columnOf(header), value);
}

describe('isArchivable (docs/contract.md §2 受注アーカイブ)', () => {
  const now = Date.UTC(2027, 1, 1);
  const old = now - 91 * DAY;
  test('only 処理済 and キャンセル rows, measured from the latest of 注文日時, 書出日時 and 更新日時', () => {
    const facts = { orderedAt: old, exportedAt: null, updatedAt: null };
    expect(isArchivable({ ...facts, status: 'done' }, now, 90)).toBe(true);
    expect(isArchivable({ ...facts, status: 'cancelled' }, now, 90)).toBe(true);
    for (const status of ['new', 'awaiting', 'hold', null] as const)
      expect(isArchivable({ ...facts, status }, now, 90)).toBe(false);
    // exported or updated by a fetch within the days: it stays
    expect(isArchivable({ ...facts, status: 'done', exportedAt: now - 10 * DAY }, now, 90)).toBe(false);
    expect(isArchivable({ ...facts, status: 'cancelled', updatedAt: now - 89 * DAY }, now, 90)).toBe(false);
    expect(isArchivable({ ...facts, status: 'done', exportedAt: now - 90 * DAY }, now, 90)).toBe(true);
  });
  test('0 days = never; a row without a readable time stays', () => {
    expect(isArchivable({ status: 'done', orderedAt: old, exportedAt: null, updatedAt: null }, now, 0)).toBe(false);
    expect(isArchivable({ status: 'done', orderedAt: null, exportedAt: null, updatedAt: null }, now, 1)).toBe(false);
  });
});

describe('archive rotation in fetch runs', () => {
  function setup(archiveAfterDays: number | undefined) {
    const clock = new VirtualClock(Date.UTC(2026, 10, 20, 3, 0));
    const ordered = clock.now();
    const lines = ['A1', 'A2', 'A3', 'A4'].map((id) => line(id, `${id}-1`, { orderedAt: ordered }));
    const behaviour = { pages: [lines] as unknown[][], stepMs: 10 };
    const mall = fakeConnector('a', clock, behaviour);
    const w = fakeEnv([mall.connector], config(archiveAfterDays), clock);
    expect(runFetch(w.env, { trigger: 'manual' }).exitCode).toBe(0);
    const orders = w.book.getSheet('受注一覧')!;
    // the seller's own column, a memo, and the statuses a desk ends with
    orders.edit(1, orders.readAll()[0].length + 1, '社内メモ');
    setCell(orders, 'A1', '管理ステータス', '処理済');
    setCell(orders, 'A1', '社内メモ', '返品なし');
    setCell(orders, 'A1', 'メモ', "'0123");
    setCell(orders, 'A2', '管理ステータス', 'キャンセル');
    setCell(orders, 'A3', '管理ステータス', '保留');
    return { clock, w, mall, orders, behaviour };
  }

  test('due rows move in one block with every column; a re-fetch does not bring them back', () => {
    const { clock, w, orders } = setup(90);
    clock.advance(91 * DAY);
    const before = w.book.calls.writeBlock;
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(0);
    expect(rows(w.book, '受注一覧').map((r) => r.注文番号)).toEqual(['A3', 'A4']);
    const archived = rows(w.book, '受注アーカイブ');
    expect(archived.map((r) => [r.注文番号, r.管理ステータス])).toEqual([
      ['A1', '処理済'],
      ['A2', 'キャンセル'],
    ]);
    // the seller's column and memo moved with the row, the memo's leading zero kept
    expect(archived[0].社内メモ).toBe('返品なし');
    expect(archived[0].メモ).toBe('0123');
    expect(Object.keys(archived[0])).toEqual(orders.readAll()[0].map(String));
    // the Log's row for the shop says how many rows moved
    const log = readLog(w.book, 'Asia/Tokyo').filter((r) => r.shop === 'Shop A');
    expect(log[log.length - 1].message).toContain('受注アーカイブへ 2 行を移動しました');
    expect(report.shops[0].message).toContain('受注アーカイブへ 2 行');
    // the fetch saw A1 and A2 again (the fake mall returns them every time): they stayed out
    expect(report.shops[0].new).toBe(0);
    expect(w.book.calls.writeBlock - before).toBeGreaterThan(0);
    // and a later fetch still keeps them out, reading the archive's key columns (they are older than the horizon)
    const reads = w.book.calls.readBlock;
    const again = runFetch(w.env, { trigger: 'manual' });
    expect(again.shops[0].new).toBe(0);
    expect(rows(w.book, '受注一覧').map((r) => r.注文番号)).toEqual(['A3', 'A4']);
    expect(rows(w.book, '受注アーカイブ')).toHaveLength(2);
    expect(w.book.calls.readBlock - reads).toBe(2);
    expect(JSON.parse(w.props.get(ARCHIVE_HORIZON_KEY)!)).toEqual({ 'Shop A': expect.any(Number) });
  });

  test('a line ordered after the horizon is added without reading the archive', () => {
    const { clock, w, behaviour } = setup(90);
    clock.advance(91 * DAY);
    runFetch(w.env, { trigger: 'manual' });
    const reads = w.book.calls.readBlock;
    behaviour.pages = [[line('B1', 'B1-1', { orderedAt: clock.now() })]];
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.shops[0].new).toBe(1);
    expect(w.book.calls.readBlock).toBe(reads);
  });

  test('archiveAfterDays 0 turns rotation off; the default is 90 days', () => {
    const off = setup(0);
    off.clock.advance(400 * DAY);
    runFetch(off.w.env, { trigger: 'manual' });
    expect(off.w.book.getSheet('受注アーカイブ')).toBeNull();
    expect(rows(off.w.book, '受注一覧')).toHaveLength(4);

    const byDefault = setup(undefined);
    byDefault.clock.advance(89 * DAY);
    runFetch(byDefault.w.env, { trigger: 'manual' });
    expect(byDefault.w.book.getSheet('受注アーカイブ')).toBeNull();
    byDefault.clock.advance(2 * DAY);
    runFetch(byDefault.w.env, { trigger: 'manual' });
    expect(rows(byDefault.w.book, '受注アーカイブ')).toHaveLength(2);
  });

  test('a timer run moves due rows once they are a worthwhile block; an empty poll reads and writes nothing', () => {
    const { clock, w, orders, behaviour } = setup(90);
    clock.advance(91 * DAY);
    runTimer(w.env);
    expect(rows(w.book, '受注アーカイブ')).toHaveLength(2);
    // the next poll finds nothing new: it neither reads 受注一覧 nor the archive, and writes nothing
    clock.advance(60 * 60_000);
    const before = { ...w.book.calls };
    runTimer(w.env);
    expect(w.book.calls.writeBlock + w.book.calls.setFormats).toBe(before.writeBlock + before.setFormats);
    expect(w.book.calls.readAll + w.book.calls.readBlock - before.readAll - before.readBlock).toBeLessThanOrEqual(1);
    // another row becomes due: the next run that reads 受注一覧 (a new order came) moves it
    setCell(orders, 'A3', '管理ステータス', '処理済');
    behaviour.pages = [[...behaviour.pages[0], line('A5', 'A5-1', { orderedAt: clock.now() })]];
    clock.advance(60 * 60_000);
    runTimer(w.env);
    expect(rows(w.book, '受注一覧').map((r) => r.注文番号)).toEqual(['A4', 'A5']);
    expect(rows(w.book, '受注アーカイブ').map((r) => r.注文番号)).toEqual(['A1', 'A2', 'A3']);
  });

  test('rows wait until a tenth of 受注一覧 is due (a rewrite for a few rows costs more than it saves)', () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 20, 3, 0));
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(`B${100 + i}`, `B${100 + i}-1`, { orderedAt: clock.now() }),
    );
    const mall = fakeConnector('a', clock, { pages: [lines], stepMs: 10 });
    const w = fakeEnv([mall.connector], config(30), clock);
    runFetch(w.env, { trigger: 'manual' });
    const orders = w.book.getSheet('受注一覧')!;
    for (const id of ['B100', 'B101', 'B102', 'B103', 'B104']) setCell(orders, id, '管理ステータス', '処理済');
    clock.advance(31 * DAY);
    runFetch(w.env, { trigger: 'manual' });
    // 5 of 60 due: under 10 %, they wait
    expect(w.book.getSheet('受注アーカイブ')).toBeNull();
    setCell(orders, 'B105', '管理ステータス', 'キャンセル');
    runFetch(w.env, { trigger: 'manual' });
    expect(rows(w.book, '受注アーカイブ').map((r) => r.注文番号)).toEqual([
      'B100',
      'B101',
      'B102',
      'B103',
      'B104',
      'B105',
    ]);
    expect(rows(w.book, '受注一覧')).toHaveLength(54);
  });
});

describe('the cell limit in the check', () => {
  test('near 10 million cells the check warns, naming the count and archiveAfterDays', () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 20, 3, 0));
    const mall = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const w = fakeEnv([mall.connector], config(90), clock);
    runFetch(w.env, { trigger: 'manual' });
    const small = runCheck(w.env).shops[0].lines.find((l) => l.id === 'cells');
    expect(small).toMatchObject({ ok: true });
    expect(small?.message).toMatch(/セル数 \d[\d,]* \/ 上限 10,000,000/);
    // a long archive: 300,000 rows of 29 columns
    const archive = w.book.insertSheet('受注アーカイブ');
    archive.edit(300_000, 29, 'x');
    const near = runCheck(w.env);
    const lineOf = near.shops[0].lines.find((l) => l.id === 'cells');
    expect(lineOf?.ok).toBe(false);
    expect(lineOf?.message).toContain('8,700,');
    expect(lineOf?.message).toContain('archiveAfterDays');
    expect(near.exitCode).toBe(1);
  });
});
