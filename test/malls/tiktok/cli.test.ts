import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverHeaders } from '../../../src/engine/orders/headers';
import { fillTrackingAsSeller } from '../../../src/node/demo';
import { XlsxWorkbook } from '../../../src/node/workbook';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoTikTokShop, TIKTOK_SANDBOX_APP, type TikTokOrderView } from '../../../src/sandbox/tiktok';

/** `mallsheet fetch/export` as a user runs them, against `mallsheet sandbox` over real HTTP. */
const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin/mallsheet.js');

let dir: string;
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-tiktok-'));
  server = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve) =>
    server.stdout!.once('data', (d: Buffer) => resolve(d.toString())),
  );
  url = /http:\/\/127\.0\.0\.1:\d+/.exec(first)![0];
});

afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function mallsheet(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'ja_JP.UTF-8' },
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

async function control(command: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/__sandbox/tiktok/${command}`, { method: 'POST', body: JSON.stringify(args) });
  return (await res.json()) as Record<string, unknown>;
}

async function rows(file: string) {
  const book = await XlsxWorkbook.open(file);
  const all = book.getSheet('受注一覧')!.readAll();
  const { at } = discoverHeaders(all[0]);
  return all.slice(1).map((r) => ({
    orderId: String(r[at.orderId!]),
    lineId: String(r[at.lineId!]),
    status: String(r[at.status!]),
    tracking: String(r[at.tracking!]),
    result: String(r[at.exportResult!]),
  }));
}

test('fetch, export after the access token expired, export again: all orders, grouped by SKU, 保留 kept, sent once', async () => {
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ locale: 'ja', timezone: 'Asia/Tokyo', shops: [demoTikTokShop(url)], carriers: DEMO_CARRIERS }),
  );
  const file = path.join(dir, 'orders.xlsx');

  const f = mallsheet(['fetch', '--config', config, '--workbook', file]);
  expect(f.code).toBe(0);
  const fetched = await rows(file);
  const sandboxOrders = ((await control('orders')) as { orders: TikTokOrderView[] }).orders;
  const wanted = sandboxOrders.filter((o) => o.status === 'ON_HOLD' || o.status === 'AWAITING_SHIPMENT');
  expect(fetched.flatMap((r) => r.lineId.split(',')).sort()).toEqual(wanted.flatMap((o) => o.lineItemIds).sort());
  expect(fetched.some((r) => r.lineId.includes(','))).toBe(true);
  expect(fetched.some((r) => r.status === '保留')).toBe(true);
  const props = fs.readFileSync(`${file}.props.json`, 'utf8');
  expect(props).toContain('tiktok.refreshTokenExpiresAt');

  await control('expire');
  const book = await XlsxWorkbook.open(file);
  expect(fillTrackingAsSeller(book, 'Asia/Tokyo', Date.now())).toBeGreaterThan(0);
  await book.save(file);
  const e1 = mallsheet(['export', '--config', config, '--workbook', file]);
  expect(e1.code).toBe(0);
  const sent = (await control('state')) as { shipments: { orderId: string }[]; refreshes: number };
  const ready = new Set(
    (await rows(file)).filter((r) => r.tracking !== '' && r.status !== '保留').map((r) => r.orderId),
  );
  expect(sent.shipments.map((s) => s.orderId).sort()).toEqual([...ready].sort());
  expect(sent.refreshes).toBe(2);
  expect(
    (await rows(file)).filter((r) => ready.has(r.orderId)).every((r) => r.result === 'OK' && r.status === '処理済'),
  ).toBe(true);

  const e2 = mallsheet(['export', '--config', config, '--workbook', file]);
  expect(e2.code).toBe(0);
  expect(((await control('state')) as { shipments: unknown[] }).shipments).toHaveLength(ready.size);
  for (const out of [f.out, e1.out, e2.out]) expect(out).not.toContain(TIKTOK_SANDBOX_APP.appSecret);
});
