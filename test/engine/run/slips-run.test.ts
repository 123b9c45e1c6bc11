import { readLog, runFetch, runSlips } from '../../../src/engine';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { ORDERS_SHEET_NAMES } from '../../../src/engine/orders/columns';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

/** runSlips against the memory sheet: which rows, the Log row, the optional status move, a failed render. */

const SHIPPER = {
  name: 'MallSheet商店',
  postalCode: '150-0001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '03-1234-5678',
};

function world(slips?: { advanceStatus: boolean }) {
  const clock = new VirtualClock(Date.UTC(2026, 10, 22, 0, 0));
  const a = fakeConnector('a', clock, {
    pages: [
      [
        line('A1', 'A1-1', { sku: 'S-2', qty: 2 }),
        line('A1', 'A1-2', { sku: 'S-1' }),
        line('A2'),
        line('A3', 'A3-1', { mallStatus: 'CANCELLED' }),
      ],
    ],
  });
  const config = {
    shops: [shopConfig('Shop A', 'a', { slipComment: 'ありがとうございました' })],
    carriers: CARRIERS,
    shipper: SHIPPER,
    ...(slips ? { slips } : {}),
  };
  const w = fakeEnv([a.connector], () => config, clock);
  runFetch(w.env, { trigger: 'manual' });
  const sheet = w.book.getSheet(ORDERS_SHEET_NAMES.ja)!;
  const header = sheet.readAll()[0];
  const cell = (r: number, h: string) => sheet.readAll()[r - 1][header.indexOf(h)];
  return { ...w, sheet, header, cell };
}

describe('runSlips', () => {
  test('prints the rows a label CSV would carry, logs one slips row, leaves statuses alone by default', () => {
    const w = world();
    const rendered: string[] = [];
    const report = runSlips(w.env, { trigger: 'manual', render: (html) => rendered.push(html) });
    expect(report.exitCode).toBe(0);
    expect(rendered).toEqual([report.html]);
    expect(report.document!.shipments.map((s) => s.orderIds)).toEqual([['A1'], ['A2']]);
    expect(report.document!.picking.lines.map((l) => [l.sku, l.qty])).toEqual([
      ['S-1', 1],
      ['S-2', 2],
      ['SKU-1', 1],
    ]);
    expect(report.html).toContain('ありがとうございました');
    const log = readLog(w.book, 'Asia/Tokyo').filter((r) => r.action === 'slips');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ shop: 'Shop A', message: expect.stringContaining('納品書 2 件') });
    expect(report.advanced).toBe(0);
    expect(w.cell(2, '管理ステータス')).toBe('新規受付');
  });

  test('with slips.advanceStatus the printed 新規受付 rows become 発送待ち, after the render only', () => {
    const w = world({ advanceStatus: true });
    const failing = runSlips(w.env, {
      trigger: 'manual',
      render: () => {
        throw new Error('Chromium is not installed');
      },
    });
    expect(failing.exitCode).toBe(1);
    expect(failing.shops[0].message).toContain('Chromium is not installed');
    expect(w.cell(2, '管理ステータス')).toBe('新規受付');

    const report = runSlips(w.env, { trigger: 'manual', render: () => undefined });
    expect(report.advanced).toBe(3);
    const statuses = [2, 3, 4, 5].map((r) => w.cell(r, '管理ステータス'));
    // the mall-cancelled row was not printed and keeps its status
    expect(statuses).toEqual(['発送待ち', '発送待ち', '発送待ち', '新規受付']);
    expect(report.shops[0].message).toContain('3 行を 発送待ち にしました');
  });

  test('a preview logs nothing and changes nothing; selected rows print their whole order', () => {
    const w = world({ advanceStatus: true });
    const preview = runSlips(w.env, { trigger: 'manual', preview: true, rows: [3] });
    expect(preview.document!.shipments.map((s) => s.rows)).toEqual([[2, 3]]);
    expect(readLog(w.book, 'Asia/Tokyo').filter((r) => r.action === 'slips')).toEqual([]);
    expect(w.cell(2, '管理ステータス')).toBe('新規受付');
  });

  test('nothing to print is a Log line, not a failure', () => {
    const w = world();
    const report = runSlips(w.env, {
      trigger: 'manual',
      rows: [99],
      render: () => {
        throw new Error('not called');
      },
    });
    expect(report.exitCode).toBe(0);
    expect(report.shops[0].message).toContain('印刷する出荷はありません');
  });
});
