import fs from 'node:fs';
import path from 'node:path';
import { fillTrackingAsSeller } from '../../src/node/demo';
import { XlsxWorkbook } from '../../src/node/workbook';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import {
  demoTikTokShop,
  TIKTOK_SANDBOX_APP,
  type TikTokOrderView,
  type TikTokStateView,
} from '../../src/sandbox/tiktok';
import { type CliWorld, orderRowsOf as rows, startCliWorld } from './support';

/** `mallsheet fetch/export` for TikTok Shop as a user runs them, against `mallsheet sandbox` over real HTTP. */

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('tiktok');
});
afterAll(() => w.stop());

test('fetch, export after the access token expired, export again: all orders, grouped by SKU, 保留 kept, sent once', async () => {
  const config = w.writeConfig('config.json', {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [demoTikTokShop(w.url)],
    carriers: DEMO_CARRIERS,
  });
  const file = path.join(w.dir, 'orders.xlsx');
  const mallsheet = (args: string[]) => w.run([...args, '--config', config, '--workbook', file]);

  const f = mallsheet(['fetch']);
  expect(f.code).toBe(0);
  const fetched = await rows(file);
  const sandboxOrders = (await w.control<{ orders: TikTokOrderView[] }>('tiktok', 'orders')).orders;
  const wanted = sandboxOrders.filter((o) => o.status === 'ON_HOLD' || o.status === 'AWAITING_SHIPMENT');
  expect(fetched.flatMap((r) => r.lineId.split(',')).sort()).toEqual(wanted.flatMap((o) => o.lineItemIds).sort());
  expect(fetched.some((r) => r.lineId.includes(','))).toBe(true);
  expect(fetched.some((r) => r.status === '保留')).toBe(true);
  const props = fs.readFileSync(`${file}.props.json`, 'utf8');
  expect(props).toContain('tiktok.refreshTokenExpiresAt');

  await w.control('tiktok', 'expire');
  const book = await XlsxWorkbook.open(file);
  expect(fillTrackingAsSeller(book, 'Asia/Tokyo', Date.now())).toBeGreaterThan(0);
  await book.save(file);
  const e1 = mallsheet(['export']);
  expect(e1.code).toBe(0);
  const sent = await w.control<TikTokStateView>('tiktok', 'state');
  const ready = new Set(
    (await rows(file)).filter((r) => r.tracking !== '' && r.status !== '保留').map((r) => r.orderId),
  );
  expect(sent.shipments.map((s) => s.orderId).sort()).toEqual([...ready].sort());
  expect(sent.refreshes).toBe(2);
  expect(
    (await rows(file))
      .filter((r) => ready.has(r.orderId))
      .every((r) => r.exportResult === 'OK' && r.status === '処理済'),
  ).toBe(true);

  const e2 = mallsheet(['export']);
  expect(e2.code).toBe(0);
  expect((await w.control<TikTokStateView>('tiktok', 'state')).shipments).toHaveLength(ready.size);
  for (const out of [f.out, e1.out, e2.out]) expect(out).not.toContain(TIKTOK_SANDBOX_APP.appSecret);
});
