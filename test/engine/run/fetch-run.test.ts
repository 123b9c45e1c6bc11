import { runFetch } from '../../../src/engine';
import { readLog } from '../../../src/engine/log/log-sheet';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { readState } from '../../../src/engine/run/state';
import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import type { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { MallHttpError } from '../../../src/malls/shared/http';
import { CARRIERS, fakeConnector, line, SECRET, shopConfig } from '../../support/fake-mall';
import { allCellText, fakeEnv } from '../../support/worlds';

const config =
  (shops: unknown[], extra: Record<string, unknown> = {}) =>
  () => ({ locale: 'ja', shops, carriers: CARRIERS, ...extra });

function orderIds(book: MemorySpreadsheet): string[] {
  const sheet = book.getSheet('受注一覧');
  if (!sheet) return [];
  const col = sheet.columnOf('注文番号');
  return sheet
    .readAll()
    .slice(1)
    .map((r) => String(r[col - 1]));
}

describe('runFetch', () => {
  test('fetches every enabled shop, writes rows, logs one row per shop, records the last fetch', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1'), line('A2')], [line('A3')]] });
    const b = fakeConnector('b', clock, { pages: [[line('B1')]] });
    const off = fakeConnector('c', clock, { pages: [[line('C1')]] });
    const w = fakeEnv(
      [a.connector, b.connector, off.connector],
      config([shopConfig('Shop A', 'a'), shopConfig('Shop B', 'b'), shopConfig('Shop C', 'c', { enabled: false })]),
      clock,
    );
    const start = clock.now();
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(0);
    expect(report.shops.map((s) => [s.shop, s.fetched, s.new, s.ok])).toEqual([
      ['Shop A', 3, 3, true],
      ['Shop B', 1, 1, true],
    ]);
    expect(orderIds(w.book).sort()).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(off.calls.fetch).toHaveLength(0);
    // the window is [now - days, now] (exclusive end just past now) and the cursor is handed back step by step
    expect(a.calls.fetch[0]).toMatchObject({
      from: start - 7 * 86_400_000,
      to: start + 1,
      statuses: ['NEW'],
      cursor: null,
    });
    expect(a.calls.fetch[1].cursor).toBe(1);
    expect(readState(w.props, 'Shop A')).toMatchObject({ lastFetchAt: start });
    expect(readState(w.props, 'Shop A').resume).toBeUndefined();
    const log = readLog(w.book, 'Asia/Tokyo');
    expect(log.map((r) => [r.action, r.trigger, r.shop, r.fetched, r.new])).toEqual([
      ['fetch', 'manual', 'Shop A', 3, 3],
      ['fetch', 'manual', 'Shop B', 1, 1],
    ]);
    expect(w.log.lines.some((l) => l.startsWith('PROGRESS') && l.includes('Shop A'))).toBe(true);
    expect(w.lock.held).toBe(false);
  });

  test('a busy lock logs one busy line and changes nothing else', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    w.lock.held = true;
    const report = runFetch(w.env, { trigger: 'auto' });
    expect(report).toMatchObject({ busy: true, exitCode: 0, shops: [] });
    expect(a.calls.fetch).toHaveLength(0);
    expect(w.book.getSheet('受注一覧')).toBeNull();
    expect(w.props.keys()).toEqual([]);
    const log = readLog(w.book, 'Asia/Tokyo');
    expect(log).toHaveLength(1);
    expect(log[0].message).toContain('別の処理が実行中');
    expect(w.lock.held).toBe(true); // someone else's lock stays theirs
  });

  test('invalid settings: exit 2, errors listed, nothing fetched or written', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a', { autoFetchMinutes: 7 })]), clock);
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(2);
    expect(report.errors.join('\n')).toContain('autoFetchMinutes');
    expect(a.calls.fetch).toHaveLength(0);
    expect(w.book.calls.total).toBe(0);
    expect(w.lock.held).toBe(false);
  });

  test('one shop failing does not stop the others; its message is readable and free of secrets (exit 1)', () => {
    const clock = new VirtualClock();
    const bad = fakeConnector('a', clock, {
      pages: [[line('A1')]],
      fail: { error: new MallHttpError('Fake a', `HTTP 503 at https://x/api?key=${SECRET}`, null) },
    });
    const good = fakeConnector('b', clock, { pages: [[line('B1')]] });
    const w = fakeEnv(
      [bad.connector, good.connector],
      config([shopConfig('Shop A', 'a'), shopConfig('Shop B', 'b')]),
      clock,
    );
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    const [ra, rb] = report.shops;
    expect(ra.ok).toBe(false);
    expect(ra.message).toContain('Fake a');
    expect(ra.message).toContain('HTTP 503');
    expect(rb).toMatchObject({ ok: true, new: 1 });
    expect(orderIds(w.book)).toEqual(['B1']);
    const everything = [JSON.stringify(report), allCellText(w.book, ['受注一覧', 'ログ']), w.log.lines.join('\n')].join(
      '\n',
    );
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toMatch(/\n\s+at /);
    expect(readState(w.props, 'Shop A').lastFetchAt).toBeUndefined();
  });

  test('a plain Error thrown by a connector becomes its first line, without a stack', () => {
    const clock = new VirtualClock();
    const err = new Error(`boom ${SECRET}\nsecond line`);
    const a = fakeConnector('a', clock, { pages: [[line('A1')]], fail: { error: err } });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    expect(report.shops[0].message).toBe('boom ●●●●');
  });

  test('a malformed line becomes a warning naming shop and order, the rest is written (exit 1)', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1'), { ...line('A2'), qty: 'two' }]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    expect(report.shops[0]).toMatchObject({ new: 1, failed: 1 });
    expect(report.shops[0].message).toContain('Shop A');
    expect(report.shops[0].message).toContain('A2');
    expect(report.shops[0].message).toContain('qty');
    expect(orderIds(w.book)).toEqual(['A1']);
  });

  test('an unknown --shop is exit 2 and touches nothing', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const report = runFetch(w.env, { trigger: 'manual', shop: 'Nope' });
    expect(report.exitCode).toBe(2);
    expect(report.errors[0]).toContain('Nope');
    expect(a.calls.fetch).toHaveLength(0);
  });

  test('a user range is fetched as given', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const range = { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 9, 8) };
    runFetch(w.env, { trigger: 'manual', range });
    expect(a.calls.fetch[0]).toMatchObject(range);
  });
});

describe('resume within the time budget', () => {
  test('stops at the deadline, keeps the cursor of the rows written, schedules a continuation, and resumes', () => {
    const clock = new VirtualClock();
    const pages = [[line('P0')], [line('P1')], [line('P2')], [line('P3')]];
    const a = fakeConnector('a', clock, { pages, stepMs: 40_000 });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock, 100_000);
    const first = runFetch(w.env, { trigger: 'auto' });
    expect(first.exitCode).toBe(0);
    // steps at t=0, 40 s, 80 s; at 120 s the budget (100 s) is spent
    expect(a.calls.fetch.map((c) => c.cursor)).toEqual([null, 1, 2]);
    expect(orderIds(w.book)).toEqual(['P0', 'P1', 'P2']);
    const state = readState(w.props, 'Shop A');
    expect(state.resume).toMatchObject({ cursor: 3 });
    expect(state.lastFetchAt).toBeUndefined();
    expect(w.triggers.continuations).toHaveLength(1);

    a.calls.fetch.length = 0;
    w.env.budgetMs = 3_600_000;
    const second = runFetch(w.env, { trigger: 'auto' });
    expect(second.exitCode).toBe(0);
    // the unfinished window first, from its cursor; then the time since its end, from the start
    expect(a.calls.fetch[0]).toMatchObject({ cursor: 3, from: state.resume!.from, to: state.resume!.to });
    expect(a.calls.fetch[1]).toMatchObject({ cursor: null, from: state.resume!.to });
    expect(orderIds(w.book).sort()).toEqual(['P0', 'P1', 'P2', 'P3']);
    expect(readState(w.props, 'Shop A').resume).toBeUndefined();
    expect(readState(w.props, 'Shop A').lastFetchAt).toBeDefined();
  });

  test('the cursor does not advance when the rows could not be written', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('P0')], [line('P1')]], stepMs: 60_000 });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock, 50_000);
    // the Orders tab exists and its writes fail (quota, a protected range, a killed run)
    const orders = w.book.insertSheet('受注一覧');
    const write = orders.writeBlock.bind(orders);
    let failWrites = true;
    orders.writeBlock = (r, c, v) => {
      if (failWrites && r > 1) throw new Error('Service Spreadsheets timed out');
      write(r, c, v);
    };
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    expect(report.shops[0].message).toContain('Service Spreadsheets timed out');
    expect(readState(w.props, 'Shop A')).toEqual({});

    failWrites = false;
    a.calls.fetch.length = 0;
    runFetch(w.env, { trigger: 'manual' });
    expect(a.calls.fetch[0].cursor).toBeNull();
    expect(orderIds(w.book)).toEqual(['P0']);
    expect(readState(w.props, 'Shop A').resume).toMatchObject({ cursor: 1 });
  });

  test('a shop failing part-way keeps the cursor of the pages already written', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, {
      pages: [[line('P0')], [line('P1')], [line('P2')]],
      fail: { error: new MallHttpError('Fake a', 'HTTP 500', null), atPage: 2 },
    });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    expect(orderIds(w.book)).toEqual(['P0', 'P1']);
    expect(readState(w.props, 'Shop A').resume).toMatchObject({ cursor: 2 });
  });
});

describe('secrets and unattended runs', () => {
  test('a token a connector stored as JSON is masked in every message', () => {
    const clock = new VirtualClock();
    const token = 'tok-XYZ-987654321';
    const a = fakeConnector('a', clock, {
      pages: [[line('A1')]],
      onFetch: (ctx) => {
        ctx.store.set('token', JSON.stringify({ accessToken: token, expiresAt: 1 }));
        ctx.log.info(`refreshed: ${token}`);
      },
      fail: { error: new Error(`401 for access_token=${token}`) },
    });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a')]), clock);
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.shops[0].message).toBe('401 for access_token=●●●●');
    expect(allCellText(w.book, ['ログ']) + w.log.lines.join('\n')).not.toContain(token);
    expect(w.log.lines).toContain('INFO refreshed: ●●●●');
  });

  test('a timer run with invalid settings leaves one Log line (no one else would see it)', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, { pages: [[line('A1')]] });
    const w = fakeEnv([a.connector], config([shopConfig('Shop A', 'a', { mall: 'nope' })]), clock);
    const report = runFetch(w.env, { trigger: 'auto' });
    expect(report.exitCode).toBe(2);
    const log = readLog(w.book, 'Asia/Tokyo');
    expect(log).toHaveLength(1);
    expect(log[0].message).toContain('nope');
    expect(w.book.getSheet('受注一覧')).toBeNull();
  });

  test('Sheets flow: a secret typed into the Settings tab is in no cell, Log line or log message after a failing run', () => {
    const clock = new VirtualClock();
    const a = fakeConnector('a', clock, {
      pages: [[line('A1')]],
      fail: { error: new Error(`rejected key ${SECRET}`) },
    });
    const w = fakeEnv([a.connector], () => null, clock);
    w.env.loadSettings = () => loadSettingsFromBook(w.book, w.props, [a.connector]);
    expect(runFetch(w.env, { trigger: 'manual' }).exitCode).toBe(2); // the template is created
    const tab = w.book.getSheet('設定')!;
    const header = tab.readAll()[5];
    const put = (h: string, v: string) => tab.edit(7, header.indexOf(h) + 1, v);
    put('ショップ名', 'Shop A');
    put('モール', 'a');
    put('APIキー', SECRET);
    const report = runFetch(w.env, { trigger: 'manual' });
    expect(report.exitCode).toBe(1);
    expect(report.shops[0].message).toBe('rejected key ●●●●');
    const everything = [
      JSON.stringify(report),
      allCellText(w.book, ['設定', '受注一覧', 'ログ']),
      w.log.lines.join('\n'),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(w.props.get('secret:Shop A:apiKey')).toBe(SECRET);
    // the status column shows the attempt's outcome: no successful fetch yet
    expect(tab.readAll()[6][header.indexOf('最終取得日時')]).toBe('');
  });
});
