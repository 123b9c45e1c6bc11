import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDate } from '../../src/engine/text/dates';
import { translate } from '../../src/i18n';
import { demoSettings } from '../../src/sandbox/demo-config';

/** `fetch --from/--to` follows the date-range dialog's rules: at most 365 days, nothing in the future. */
const bin = path.resolve(__dirname, '../../bin/mallsheet.js');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-range-'));
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ ...demoSettings('http://127.0.0.1:9'), locale: 'en' }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fetchRange(from: string, to: string) {
  const r = spawnSync(
    process.execPath,
    [bin, 'fetch', '--config', 'config.json', '--workbook', 'orders.xlsx', '--from', from, '--to', to],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8' },
      timeout: 60_000,
    },
  );
  return { code: r.status, stderr: r.stderr };
}

const DAY = 86_400_000;
const day = (offset: number) => formatDate(Date.now() + offset * DAY, 'Asia/Tokyo');

test.each([
  ['a range longer than 365 days', day(-400), day(-1), 'sidebar.range.errTooLong'],
  ['an end date in the future', day(-3), day(3), 'sidebar.range.errFuture'],
  ['an end before the start', day(-1), day(-5), 'sidebar.range.errOrder'],
] as const)('%s: exit 2 with the dialog’s message, nothing opened', (_, from, to, key) => {
  const r = fetchRange(from, to);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(translate('en', key, { days: 365 }));
  expect(fs.existsSync(path.join(dir, 'orders.xlsx'))).toBe(false);
});
