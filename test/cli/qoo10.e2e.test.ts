import path from 'node:path';
import { fillTrackingAsSeller } from '../../src/node/demo';
import { XlsxWorkbook } from '../../src/node/workbook';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { demoQoo10Shop, QOO10_SANDBOX_CREDENTIALS } from '../../src/sandbox/qoo10';
import { type CliWorld, orderRowsOf as orderRows, startCliWorld } from './support';

/** the Qoo10 flow through the CLI against `mallsheet sandbox`. */

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('qoo10');
});
afterAll(() => w.stop());

type Cart = { packNo: string; orderNos: string[]; status: string; claim: string | null; orderDate: number };
const DAY = 86_400_000;
type State = { shipments: { orderNo: string; trackingNo: string; shippingCorp: string }[]; keysIssued: number };

test('carts in the fetched statuses, export once per OrderNo and never twice, claims cancel rows, the key is re-issued on expiry', async () => {
  const shop = demoQoo10Shop(w.url) as { fetch: { statuses: string[] } };
  const config = w.writeConfig('qoo10.json', {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [shop],
    carriers: DEMO_CARRIERS,
  });
  const file = path.join(w.dir, 'qoo10.xlsx');

  expect(w.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);
  const rows = await orderRows(file);
  const carts = (await w.control<{ orders: Cart[] }>('qoo10', 'orders')).orders;
  // the sandbox's status digits of the shop's fetch statuses (docs/contract.md §4: SHIPPING_REQUESTED (2), SELLER_CONFIRMED (3))
  // within the shop's 7 days, not cancelled for good (3, 16); a cart within a minute of the window's edge may go either way
  const cutoff = Date.now() - 7 * DAY;
  const candidates = carts.filter(
    (c) => ['2', '3'].includes(String(c.status)) && !['3', '16'].includes(String(c.claim)),
  );
  const must = candidates.filter((c) => c.orderDate > cutoff + 60_000).flatMap((c) => c.orderNos);
  const may = new Set(candidates.filter((c) => c.orderDate > cutoff - 60_000).flatMap((c) => c.orderNos));
  const got = rows.map((r) => r.lineId);
  expect(got.filter((id) => must.includes(id)).sort()).toEqual([...must].sort());
  expect(got.filter((id) => !may.has(id))).toEqual([]);
  expect(new Set(got).size).toBe(got.length);
  expect(new Set(rows.map((r) => r.orderId)).size).toBeLessThan(rows.length); // multi-line carts: one row per OrderNo
  const keys1 = (await w.control<State>('qoo10', 'state')).keysIssued;
  expect(keys1).toBe(1);

  // the seller authorisation key expires: the next run gets a new one and carries on
  await w.control('qoo10', 'expire');
  const book = await XlsxWorkbook.open(file);
  expect(fillTrackingAsSeller(book, 'Asia/Tokyo', Date.now())).toBeGreaterThan(0);
  await book.save(file);
  const before = await orderRows(file);
  const e1 = w.run(['export', '--config', config, '--workbook', file]);
  const state = await w.control<State>('qoo10', 'state');
  expect(state.keysIssued).toBe(2);
  // lines whose cancellation is still pending in QSM are not sent: held with the reason, and exit 1
  const pending = new Set(
    carts.filter((c) => c.claim !== null && !['3', '16'].includes(String(c.claim))).flatMap((c) => c.orderNos),
  );
  const heldRows = before.filter((r) => r.tracking !== '' && pending.has(r.lineId));
  expect(heldRows.length).toBeGreaterThan(0);
  expect(e1.code).toBe(1);
  expect(e1.out).toContain('キャンセル要請');
  const typed = before.filter((r) => r.tracking !== '' && r.status !== 'キャンセル' && !pending.has(r.lineId));
  expect(state.shipments.map((s) => s.orderNo).sort()).toEqual(typed.map((r) => r.lineId).sort());
  expect(new Set(state.shipments.map((s) => s.shippingCorp))).toEqual(new Set(['ヤマト宅急便']));
  expect(
    (await orderRows(file))
      .filter((r) => typed.some((t) => t.lineId === r.lineId))
      .every((r) => r.exportResult.startsWith('OK')),
  ).toBe(true);

  expect(w.run(['export', '--config', config, '--workbook', file]).code).toBe(1); // the held lines are still held
  expect((await w.control<State>('qoo10', 'state')).shipments).toHaveLength(state.shipments.length);

  // a buyer's cancellation is completed in QSM: the claim flips the row on the next fetch
  const open = (await orderRows(file)).find((r) => r.tracking === '' && r.status === '新規受付')!;
  await w.control('qoo10', 'cancel', { orderNo: open.lineId, stat: '3' });
  // no wait: the search's end includes the current second, so a claim stamped just now is seen (docs/malls/qoo10.md §3)
  expect(w.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);
  expect((await orderRows(file)).find((r) => r.lineId === open.lineId)!.status).toBe('キャンセル');
});

test('a wrong password: exit 1, the shop named, no secret printed, no stack trace', async () => {
  const shop = { ...demoQoo10Shop(w.url), credentials: { ...QOO10_SANDBOX_CREDENTIALS, password: 'wrong-Pa55-999' } };
  const config = w.writeConfig('qoo10-bad.json', {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [shop],
    carriers: DEMO_CARRIERS,
  });
  const r = w.run(['fetch', '--config', config, '--workbook', path.join(w.dir, 'bad.xlsx')]);
  expect(r.code).toBe(1);
  expect(r.out).toContain('Qoo10 デモ店');
  expect(r.out).not.toContain('wrong-Pa55-999');
  expect(r.out).not.toMatch(/\n\s+at .+:\d+:\d+/);
});
