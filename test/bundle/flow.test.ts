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

  // 同梱: the fetch proposed groups of same-recipient orders in each mall's shop (docs/contract.md §3)
  const col = (name: string) => rows[0].indexOf(name);
  const groupsOf = (grid: typeof rows) => {
    const out = new Map<string, (typeof rows)[number][]>();
    for (const r of grid.slice(1)) {
      const key = String(r[col('同梱')]);
      if (key !== '') out.set(key, [...(out.get(key) ?? []), r]);
    }
    return out;
  };
  const groups = groupsOf(rows);
  expect(new Set([...groups.values()].map((g) => String(g[0][shopCol]))).size).toBe(3);
  for (const [key, members] of groups) {
    expect(key).toMatch(/^G\d{6}-\d{2,}$/);
    expect(new Set(members.map((r) => String(r[col('注文番号')]))).size).toBeGreaterThan(1);
    expect(new Set(members.map((r) => `${r[shopCol]}|${r[col('住所')]}`)).size).toBe(1);
  }
  // the seller breaks one group by clearing its cells; the next menu fetch leaves them blank
  const [brokenKey, broken] = [...groups].find(([, g]) => String(g[0][shopCol]) !== 'Temu 1号店')!;
  const brokenRows = rows.flatMap((r, i) => (r[col('同梱')] === brokenKey ? [i + 1] : []));
  for (const r of brokenRows) orders.writeBlock(r, col('同梱') + 1, [['']]);
  (ctx.fetchOrdersNow as () => void)();
  const refetched = orders.readAll();
  expect(brokenRows.map((r) => refetched[r - 1][col('同梱')])).toEqual(broken.map(() => ''));
  expect([...groupsOf(refetched).keys()].sort()).toEqual([...groups.keys()].filter((k) => k !== brokenKey).sort());

  const filled = fillTrackingAsSeller(gas.book, 'Asia/Tokyo', Date.now());
  // and numbers one Temu group by hand, every row of it under one number
  const temuGroup = [...groups.keys()].find((k) => String(groups.get(k)![0][shopCol]) === 'Temu 1号店')!;
  const byHand = refetched.flatMap((r, i) =>
    r[col('同梱')] === temuGroup && r[col('伝票番号')] === '' ? [i + 1] : [],
  );
  for (const r of byHand) orders.writeBlock(r, col('伝票番号') + 1, [['777788889999']]);
  for (const r of byHand) orders.writeBlock(r, col('出荷日') + 1, [[new Date().toISOString().slice(0, 10)]]);
  expect(filled).toBeGreaterThan(0);
  // the seller's 伝票番号 cells were made text before anyone typed in them: numbers keep every digit
  const trackingCol = rows[0].indexOf('伝票番号');
  const typed = orders
    .readAll()
    .slice(1)
    .map((r) => r[trackingCol])
    .filter((v) => v !== '');
  expect(typed.length).toBe(filled + byHand.length);
  for (const v of typed) expect(typeof v).toBe('string');
  (ctx.exportTracking as () => void)();
  const temuConfirms = () =>
    ((sandbox.mall('temu').control('state', {}) as { shipments?: unknown[] }).shipments ?? []).length;
  const sentOnce = temuConfirms();
  expect(sentOnce).toBeGreaterThan(0);

  const after = orders.readAll();
  const resultCol = after[0].indexOf('書出結果');
  expect(after.slice(1).filter((r) => String(r[resultCol]).startsWith('OK')).length).toBeGreaterThan(0);
  // each group the seller numbered went whole under its one number; Temu's as one sendType 2 call
  let sentGroups = 0;
  for (const members of groupsOf(after).values()) {
    const numbers = new Set(members.map((r) => String(r[col('伝票番号')])));
    if (numbers.has('')) continue;
    sentGroups++;
    expect(numbers.size).toBe(1);
    expect(members.every((r) => String(r[resultCol]).startsWith('OK'))).toBe(true);
  }
  expect(sentGroups).toBeGreaterThan(0);
  const temuShipments =
    (sandbox.mall('temu').control('state', {}) as { shipments?: { sendType: unknown }[] }).shipments ?? [];
  const temuGroups = [...groupsOf(after).values()].filter(
    (g) => String(g[0][shopCol]) === 'Temu 1号店' && String(g[0][col('伝票番号')]) !== '',
  );
  expect(temuGroups.length).toBeGreaterThan(0);
  expect(temuShipments.filter((x) => x.sendType === 2)).toHaveLength(temuGroups.length);

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
