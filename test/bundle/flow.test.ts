import { fillTrackingAsSeller } from '../../src/node/demo';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { secretValues, setUp, shopForms } from '../support/bundle-world';

/**
 * The built bundle does a seller's whole flow in node:vm with only (fake) Apps Script services: set up
 * shops through the sidebar's server calls, fetch from the menu, fill tracking numbers, export, export
 * again. The malls are the sandbox, answering UrlFetchApp in-process.
 */

test('dist/Code.js: sidebar setup, menu fetch, seller fills tracking, export once and never twice', () => {
  const { sandbox, gas, call, ctx } = setUp();

  const carriers = call('sidebarSaveCarriers', {
    carriers: DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values })),
  });
  expect(carriers.ok).toBe(true);
  for (const shop of shopForms()) {
    const saved = call('sidebarSaveShop', { originalName: null, shop });
    expect(saved).toMatchObject({ ok: true, value: { saved: true, issues: [] } });
  }

  (ctx.fetchOrdersNow as () => void)();
  const orders = gas.book.getSheet('受注一覧')!;
  const rows = orders.readAll();
  const shopCol = rows[0].indexOf('ショップ');
  const perShop = new Map<string, number>();
  for (const r of rows.slice(1)) perShop.set(String(r[shopCol]), (perShop.get(String(r[shopCol])) ?? 0) + 1);
  expect([...perShop.keys()].sort()).toEqual(['Qoo10 デモ店', 'TikTok Shop 1号店', 'Temu 1号店'].sort());
  expect(gas.fetched.length).toBeGreaterThan(3);

  // no secret in any cell of any tab, nor in what the seller was shown
  const everything =
    JSON.stringify(['受注一覧', '設定', 'ログ'].map((n) => gas.book.getSheet(n)?.readAll() ?? [])) +
    gas.alerts.join('\n') +
    gas.toasts.join('\n');
  for (const secret of secretValues()) expect(everything).not.toContain(secret);

  const filled = fillTrackingAsSeller(gas.book, 'Asia/Tokyo', Date.now());
  expect(filled).toBeGreaterThan(0);
  // the seller's 伝票番号 cells were made text before anyone typed in them: numbers keep every digit
  const trackingCol = rows[0].indexOf('伝票番号');
  const typed = orders
    .readAll()
    .slice(1)
    .map((r) => r[trackingCol])
    .filter((v) => v !== '');
  expect(typed.length).toBe(filled);
  for (const v of typed) expect(typeof v).toBe('string');
  (ctx.exportTracking as () => void)();
  const temuConfirms = () =>
    ((sandbox.mall('temu').control('state', {}) as { shipments?: unknown[] }).shipments ?? []).length;
  const sentOnce = temuConfirms();
  expect(sentOnce).toBeGreaterThan(0);

  const after = orders.readAll();
  const resultCol = after[0].indexOf('書出結果');
  expect(after.slice(1).filter((r) => String(r[resultCol]).startsWith('OK')).length).toBeGreaterThan(0);

  // a second export press sends nothing again
  const requestsBefore = gas.fetched.length;
  (ctx.exportTracking as () => void)();
  expect(temuConfirms()).toBe(sentOnce);
  expect(gas.fetched.slice(requestsBefore).filter((u) => u.includes('confirm')).length).toBe(0);
});

test('dist/Code.js: 納品書 from the menu: preview, then a PDF through Utilities, for the label rows or the selection', () => {
  const { gas, call, ctx } = setUp();
  call('sidebarSaveCarriers', { carriers: DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values })) });
  for (const shop of shopForms()) call('sidebarSaveShop', { originalName: null, shop });
  (ctx.fetchOrdersNow as () => void)();
  const alerts = gas.alerts.length;
  (ctx.printSlips as () => void)();
  expect(gas.alerts.slice(alerts)).toEqual([]);

  type State = { shipments: number; html: string; rows: number[] | null; selection: number[] };
  const state = call('slipsGetState', { rows: null, useSelection: true }) as unknown as { ok: boolean; value: State };
  expect(state.ok).toBe(true);
  expect(state.value.shipments).toBeGreaterThan(3);
  expect(state.value.rows).toBeNull();
  expect(state.value.html).toContain('ピッキングリスト');
  // the preview converts nothing and logs nothing
  expect(gas.converted).toEqual([]);
  const slipsLogRows = () => (gas.book.getSheet('ログ')?.readAll() ?? []).filter((r) => r.includes('納品書')).length;
  expect(slipsLogRows()).toBe(0);

  const pdf = call('slipsMakePdf', { rows: null, useSelection: false }) as unknown as {
    ok: boolean;
    value: { done: boolean; base64: string; fileName: string };
  };
  expect(pdf.value.done).toBe(true);
  expect(pdf.value.fileName).toMatch(/^納品書・ピッキングリスト_\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(gas.converted).toHaveLength(1);
  const bytes = Buffer.from(pdf.value.base64, 'base64').toString('utf8');
  expect(bytes).toBe(`%PDF-fake\n${gas.converted[0].html}`);
  expect(gas.converted[0].html).toBe(state.value.html);
  expect(slipsLogRows()).toBeGreaterThan(0);

  // two rows selected on 受注一覧: the dialog offers them, and prints only their orders
  gas.selection.sheet = '受注一覧';
  gas.selection.ranges = [{ row: 2, rows: 2, cols: 3 }];
  const picked = call('slipsGetState', { rows: null, useSelection: true }) as unknown as { value: State };
  expect(picked.value.selection).toEqual([2, 3]);
  expect(picked.value.rows).toEqual([2, 3]);
  expect(picked.value.shipments).toBeGreaterThanOrEqual(1);
  expect(picked.value.shipments).toBeLessThanOrEqual(2);
  // a single cell is the cursor, not a choice
  gas.selection.ranges = [{ row: 5, rows: 1, cols: 1 }];
  expect(
    (call('slipsGetState', { rows: null, useSelection: true }) as unknown as { value: State }).value.rows,
  ).toBeNull();
});
