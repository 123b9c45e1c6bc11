import { OrdersTable } from '../../../src/engine/orders/table';
import type { CarrierEntry } from '../../../src/engine/settings/schema';
import type { MemorySheet } from '../../../src/engine/sheet/memory-sheet';
import { book, cellOf, line, NOW, rowOf, SHOP } from '../orders/fixtures';

const connector = {
  normalizeTracking: (t: string) => t.replace(/-/g, ''),
  isCancelledStatus: (s: string) => s === 'CANCELED',
};
const CARRIERS: CarrierEntry[] = [{ name: 'ヤマト運輸', temu: 'Yamato', tiktok: 'Yamato', qoo10: 'ヤマト宅急便' }];
const open = (b: ReturnType<typeof book>) => OrdersTable.open(b, { locale: 'ja', timezone: 'Asia/Tokyo' });

/** Rows L-0..L-5 in orders PO-1000 (L-0, L-1), PO-1001 (L-2, L-3), PO-1002 (L-4, L-5). */
function seeded() {
  const b = book();
  const t = open(b);
  t.upsert(
    SHOP,
    [0, 1, 2, 3, 4, 5].map((n) => line(n)),
    [],
    NOW,
  );
  t.upsert({ ...SHOP, name: '別店舗' }, [line(0)], [], NOW);
  t.flush();
  const sheet = b.getSheet('受注一覧')! as MemorySheet;
  const fill = (id: string, cells: Record<string, string>) => {
    for (const [h, v] of Object.entries(cells)) sheet.edit(rowOf(sheet, id), sheet.columnOf(h), v);
  };
  return { b, sheet, fill };
}

describe('export selection (docs/contract.md §3)', () => {
  test('an order with one ready row goes out with all its rows; tracking is normalised', () => {
    const { b, fill } = seeded();
    fill('L-0', { 伝票番号: '１２３４-５６７８ ９０１２', 出荷日: '2026/11/22' });
    const { orders, skipped } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
    expect(skipped).toEqual([]);
    expect(orders).toHaveLength(1);
    expect(orders[0].orderId).toBe('PO-1000');
    expect(orders[0].lines.map((l) => [l.key, l.ready])).toEqual([
      ['PO-1000\u0000L-0', true],
      ['PO-1000\u0000L-1', false],
    ]);
    expect(orders[0].lines[0]).toMatchObject({
      tracking: '123456789012',
      shippedOn: '2026-11-22',
      carrierName: 'ヤマト運輸',
      carrier: CARRIERS[0],
      qty: 1,
      sku: 'SKU-0',
    });
  });

  test('each blocked row gets a reason naming its row; nothing of theirs is sent', () => {
    const { b, sheet, fill } = seeded();
    fill('L-0', { 伝票番号: 'A1', 出荷日: '2026-11-22', 管理ステータス: '保留' });
    fill('L-1', { 伝票番号: 'A2', 出荷日: '2026-11-22', 管理ステータス: 'Cancelled' });
    fill('L-2', { 伝票番号: 'A3' });
    fill('L-3', { 伝票番号: 'A4', 出荷日: 'あした' });
    fill('L-4', { 伝票番号: 'A5', 出荷日: '2026-11-22', 配送業者: '' });
    fill('L-5', { 出荷日: '2026-11-22' });
    const { orders, skipped } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
    expect(orders).toEqual([]);
    const reasons = Object.fromEntries(skipped.map((s) => [s.key.split('\u0000')[1], s.reason]));
    const row = (id: string) => rowOf(sheet, id);
    expect(reasons).toEqual({
      'L-0': `${row('L-0')} 行目: 管理ステータスが保留です`,
      'L-1': `${row('L-1')} 行目: 管理ステータスがキャンセルです`,
      'L-2': `${row('L-2')} 行目: 出荷日が空です`,
      'L-3': `${row('L-3')} 行目: 出荷日「あした」を日付として読めません（例: 2026-11-22）`,
      'L-4': `${row('L-4')} 行目: 配送業者が空です`,
      'L-5': `${row('L-5')} 行目: 伝票番号が空です`,
    });
    expect(skipped.map((s) => s.row)).toEqual(['L-0', 'L-1', 'L-2', 'L-3', 'L-4', 'L-5'].map(row));
  });

  test('a row the mall cancelled is not sent', () => {
    const { b, fill, sheet } = seeded();
    fill('L-2', { 伝票番号: 'A3', 出荷日: '2026-11-22', モールステータス: 'CANCELED' });
    const { orders, skipped } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
    expect(orders).toEqual([]);
    expect(skipped).toEqual([
      { key: 'PO-1001\u0000L-2', row: rowOf(sheet, 'L-2'), reason: expect.stringContaining('CANCELED') },
    ]);
  });

  test('a carrier not in the table is passed through as typed for every mall; matching ignores width and case', () => {
    const { b, fill } = seeded();
    fill('L-0', { 伝票番号: 'A1', 出荷日: '2026-11-22', 配送業者: '西濃運輸' });
    fill('L-2', { 伝票番号: 'A3', 出荷日: '2026-11-22', 配送業者: ' ﾔﾏﾄ運輸 ' });
    const { orders } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
    expect(orders[0].lines[0].carrier).toEqual({
      name: '西濃運輸',
      temu: '西濃運輸',
      tiktok: '西濃運輸',
      qoo10: '西濃運輸',
    });
    expect(orders[1].lines[0].carrier).toBe(CARRIERS[0]);
  });

  test('outcomes: success marks 処理済 and remembers the number, which is then never sent again; errors keep the row eligible', () => {
    const { b, sheet, fill } = seeded();
    fill('L-0', { 伝票番号: 'T-100', 出荷日: '2026-11-22' });
    fill('L-2', { 伝票番号: 'T-200', 出荷日: '2026-11-22' });
    fill('L-4', { 伝票番号: 'T-300', 出荷日: '2026-11-22' });
    const t = open(b);
    const { orders } = t.selectForExport(SHOP.name, connector, CARRIERS);
    const counts = t.applyOutcomes(
      SHOP.name,
      orders,
      [
        { key: 'PO-1000\u0000L-0', kind: 'ok' },
        { key: 'PO-1001\u0000L-2', kind: 'already', note: '出荷済み' },
        { key: 'PO-1002\u0000L-4', kind: 'error', message: 'E123: invalid tracking' },
      ],
      NOW,
    );
    t.flush();
    expect(counts).toEqual({ exported: 2, failed: 1, deferred: 0 });
    expect(cellOf(sheet, 'L-0', '管理ステータス')).toBe('処理済');
    expect(cellOf(sheet, 'L-0', '書出結果')).toBe('OK');
    expect(cellOf(sheet, 'L-0', '書出伝票番号')).toBe('T100');
    expect((cellOf(sheet, 'L-0', '書出日時') as Date).getTime()).toBe(NOW);
    expect(cellOf(sheet, 'L-2', '書出結果')).toBe('OK（出荷済み）');
    expect(cellOf(sheet, 'L-4', '書出結果')).toBe('E123: invalid tracking');
    expect(cellOf(sheet, 'L-4', '管理ステータス')).toBe('新規受付');
    expect(cellOf(sheet, 'L-0', '伝票番号')).toBe('T-100');

    const again = open(b).selectForExport(SHOP.name, connector, CARRIERS);
    expect(again.orders.map((o) => o.orderId)).toEqual(['PO-1002']);
    expect(again.skipped).toEqual([]);
    // a corrected number on an exported line is new, so it goes out once more
    fill('L-0', { 伝票番号: 'T-101' });
    expect(
      open(b)
        .selectForExport(SHOP.name, connector, CARRIERS)
        .orders.map((o) => o.orderId),
    ).toEqual(['PO-1000', 'PO-1002']);
  });

  test('an outcome for a line that was only sent along (not ready) changes nothing', () => {
    const { b, sheet, fill } = seeded();
    fill('L-0', { 伝票番号: 'T-100', 出荷日: '2026-11-22' });
    const t = open(b);
    const { orders } = t.selectForExport(SHOP.name, connector, CARRIERS);
    expect(t.applyOutcomes(SHOP.name, orders, [{ key: 'PO-1000\u0000L-1', kind: 'ok' }], NOW)).toEqual({
      exported: 0,
      failed: 0,
      deferred: 0,
    });
    t.flush();
    expect(cellOf(sheet, 'L-1', '管理ステータス')).toBe('新規受付');
  });

  test('preview outcomes change nothing', () => {
    const { b, fill } = seeded();
    fill('L-0', { 伝票番号: 'T-100', 出荷日: '2026-11-22' });
    const t = open(b);
    const { orders } = t.selectForExport(SHOP.name, connector, CARRIERS);
    b.resetCalls();
    expect(
      t.applyOutcomes(
        SHOP.name,
        orders,
        [{ key: orders[0].lines[0].key, kind: 'preview', message: 'would send' }],
        NOW,
      ),
    ).toEqual({ exported: 0, failed: 0, deferred: 0 });
    t.flush();
    expect(b.calls.total).toBe(0);
  });

  test('a duplicate row of a key is reported, and only the first row is sent', () => {
    const { b, sheet } = seeded();
    const width = sheet.readAll()[0].length;
    const copyRow = sheet.readAll().length + 1;
    sheet.writeBlock(copyRow, 1, [sheet.readAll()[rowOf(sheet, 'L-0') - 1].slice(0, width)]);
    for (const r of [rowOf(sheet, 'L-0'), copyRow]) {
      sheet.edit(r, sheet.columnOf('伝票番号'), 'T-1');
      sheet.edit(r, sheet.columnOf('出荷日'), '2026-11-22');
    }
    const { orders, skipped } = open(b).selectForExport(SHOP.name, connector, CARRIERS);
    expect(orders[0].lines.map((l) => l.lineId)).toEqual(['L-0', 'L-1']);
    expect(skipped).toEqual([
      {
        key: 'PO-1000\u0000L-0',
        row: copyRow,
        reason: `${copyRow} 行目: ${rowOf(sheet, 'L-0')} 行目と同じ注文番号・明細番号のため送りません`,
      },
    ]);
  });

  test('one tracking number on more orders than the mall takes: none of them goes, each says why', () => {
    const { b, fill } = seeded();
    for (const id of ['L-0', 'L-2', 'L-4']) fill(id, { 伝票番号: '111122223333', 出荷日: '2026/11/22' });
    const limited = { ...connector, maxOrdersPerTracking: 2 };
    const three = open(b).selectForExport(SHOP.name, limited, CARRIERS);
    expect(three.orders.flatMap((o) => o.lines).filter((l) => l.ready)).toEqual([]);
    expect(three.skipped.filter((s) => s.combined).map((s) => s.reason)).toEqual(
      [2, 4, 6].map(
        (row) =>
          `${row} 行目: 伝票番号 111122223333 が 3 件の注文に付いています。このモールでは1つの伝票番号は 2 件の注文までです`,
      ),
    );
    fill('L-4', { 伝票番号: '', 出荷日: '' });
    const two = open(b).selectForExport(SHOP.name, limited, CARRIERS);
    expect(two.orders.map((o) => o.orderId)).toEqual(['PO-1000', 'PO-1001']);
    expect(two.skipped).toEqual([]);
  });
});
