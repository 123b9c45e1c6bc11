import path from 'node:path';
import { fillTrackingAsSeller } from '../../src/node/demo';
import { XlsxWorkbook } from '../../src/node/workbook';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { demoTemuShop, TEMU_SANDBOX_CREDENTIALS } from '../../src/sandbox/temu';
import { type CliWorld, orderRowsOf as orderRows, startCliWorld } from './support';

/** the Temu flow through the CLI against `mallsheet sandbox`. */

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('temu');
});
afterAll(() => w.stop());

type SandboxOrder = { parentOrderSn: string; status: number; children: { orderSn: string; status: number }[] };
const UN_SHIPPING = 2;

test('fetch every page without duplicates, export one confirm per ready parent and none on re-run, cancellation flips the row, rate limit survived', async () => {
  const config = w.writeConfig('temu.json', {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [demoTemuShop(w.url)],
    carriers: DEMO_CARRIERS,
  });
  const file = path.join(w.dir, 'temu.xlsx');

  // the mall answers "too frequent requests" a few times: the run backs off and still completes
  await w.control('temu', 'fault', { kind: 'code', code: 4000004, count: 3 });
  const f1 = w.run(['fetch', '--config', config, '--workbook', file]);
  expect(f1.code).toBe(0);
  const wanted = (await w.control<{ orders: SandboxOrder[] }>('temu', 'orders')).orders.filter(
    (o) => o.status === UN_SHIPPING,
  );
  const lineIds = (await orderRows(file)).map((r) => r.lineId);
  // every child of every parent in the fetched status: one row each (a child cancelled alone comes as キャンセル)
  expect(lineIds.sort()).toEqual(wanted.flatMap((o) => o.children.map((c) => c.orderSn)).sort());

  // a second fetch adds nothing
  expect(w.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);
  expect((await orderRows(file)).map((r) => r.lineId).sort()).toEqual(lineIds.sort());

  // the seller types tracking numbers (one per order or 同梱 group); export sends one confirm per parent whose
  // rows are all ready, or one per group
  const book = await XlsxWorkbook.open(file);
  expect(fillTrackingAsSeller(book, 'Asia/Tokyo', Date.now())).toBeGreaterThan(0);
  await book.save(file);
  const before = await orderRows(file);
  const e1 = w.run(['export', '--config', config, '--workbook', file]);
  expect(e1.code).toBe(0);
  // a 同梱 group's parents go in one sendType 2 confirm, which lists them all
  const confirms = (await w.control<{ shipments: { parentOrderSns: string[]; sendType: unknown }[] }>('temu', 'state'))
    .shipments;
  const shipped = confirms.flatMap((s) => s.parentOrderSns);
  expect(new Set(shipped).size).toBe(shipped.length);
  expect(confirms.some((s) => s.sendType === 2 && s.parentOrderSns.length > 1)).toBe(true);
  const ready = [...new Set(before.filter((r) => r.tracking !== '').map((r) => r.orderId))];
  expect(shipped.sort()).toEqual(ready.sort());
  const after = await orderRows(file);
  const typedIn = new Set(before.filter((r) => r.tracking !== '').map((r) => r.lineId));
  const sentRows = after.filter((r) => typedIn.has(r.lineId));
  expect(sentRows.length).toBe(typedIn.size);
  expect(sentRows.every((r) => r.exportResult.startsWith('OK') && r.status === '処理済')).toBe(true);

  const e2 = w.run(['export', '--config', config, '--workbook', file]);
  expect(e2.code).toBe(0);
  expect((await w.control<{ shipments: unknown[] }>('temu', 'state')).shipments).toHaveLength(confirms.length);

  // the buyer cancels an order that is still open: the next fetch shows it as キャンセル
  const open = after.find((r) => r.tracking === '' && r.status === '新規受付')!;
  await w.control('temu', 'cancel', { parentOrderSn: open.orderId });
  expect(w.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);
  expect(
    (await orderRows(file)).filter((r) => r.orderId === open.orderId).every((r) => r.status === 'キャンセル'),
  ).toBe(true);

  for (const out of [f1.out, e1.out, e2.out]) expect(out).not.toContain(TEMU_SANDBOX_CREDENTIALS.appSecret);
});

test('a wrong app secret: exit 1 with a readable message naming the shop, and no secret in the output', async () => {
  const shop = {
    ...demoTemuShop(w.url),
    credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'not-the-secret-1234' },
  };
  const config = w.writeConfig('temu-bad.json', {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [shop],
    carriers: DEMO_CARRIERS,
  });
  const r = w.run(['fetch', '--config', config, '--workbook', path.join(w.dir, 'bad.xlsx')]);
  expect(r.code).toBe(1);
  expect(r.out).toContain('Temu 1号店');
  expect(r.out).toMatch(/3000001/);
  expect(r.out).not.toContain('not-the-secret-1234');
  expect(r.out).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
});
