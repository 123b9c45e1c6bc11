import path from 'node:path';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { demoTemuShop } from '../../src/sandbox/temu';
import { type CliWorld, startCliWorld } from './support';

/** Alerts in the CLI: printed to stderr (no mail), once a day; `check` lists what would be alerted today. */
let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('alerts');
});
afterAll(() => w.stop());

test('an expiring token is printed once by fetch, and listed by check every time', async () => {
  const config = w.writeConfig('c.json', {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [demoTemuShop(w.url)],
    carriers: DEMO_CARRIERS,
  });
  const file = path.join(w.dir, 'alerts.xlsx');
  await w.control('temu', 'expiry', { inDays: 6.5 });
  const f1 = w.run(['fetch', '--config', config, '--workbook', file]);
  expect(f1.code).toBe(0);
  expect(f1.out).toContain('[MallSheet] Temu 1号店: トークン／キーの有効期限まであと 7 日です');
  const f2 = w.run(['fetch', '--config', config, '--workbook', file]);
  expect(f2.out).not.toContain('有効期限まであと');

  const c = w.run(['check', '--config', config, '--workbook', file]);
  expect(c.out).toContain('今日の通知');
  expect(c.out).toContain('! Temu 1号店: トークン／キーの有効期限まであと 7 日です');
});
