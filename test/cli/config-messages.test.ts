import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoSettings } from '../../src/sandbox/demo-config';

/** What a seller sees for a config file a Windows editor saved, or that has a slip in it. */
const bin = path.resolve(__dirname, '../../bin/mallsheet.js');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** export --dry-run on a new workbook: no rows, so nothing is sent and the malls (port 9) are never asked. */
function dryRun(configText: string) {
  fs.writeFileSync(path.join(dir, 'config.json'), configText);
  const r = spawnSync(
    process.execPath,
    [bin, 'export', '--config', 'config.json', '--workbook', 'orders.xlsx', '--dry-run'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8' },
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const valid = (): { locale: string; shops: Record<string, unknown>[] } & Record<string, unknown> =>
  ({
    ...demoSettings('http://127.0.0.1:9'),
    locale: 'en',
  }) as never;

test('a config saved with a UTF-8 BOM just works', () => {
  const r = dryRun(`\uFEFF${JSON.stringify(valid())}`);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

test('days: 1.5 asks for a whole number, naming the shop and field', () => {
  const config = valid();
  config.shops[0] = { ...config.shops[0], fetch: { statuses: ['UN_SHIPPING'], days: 1.5 } };
  const r = dryRun(JSON.stringify(config));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/Temu 1号店.*fetch\.days.*whole number/);
});

test('a top-level array says that the config must be one object', () => {
  const r = dryRun(JSON.stringify([valid()]));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/config\.json/);
  expect(r.stderr).toMatch(/a list/i);
  expect(r.stderr).toMatch(/\{/);
});

test('an unknown field is a warning naming shop and field (a typo would silently do nothing)', () => {
  const config = valid();
  config.shops[1] = {
    ...config.shops[1],
    autoExprot: true,
    credentials: { ...(config.shops[1].credentials as object), appSecert: 'x' },
  };
  config.timzone = 'Asia/Tokyo';
  const r = dryRun(JSON.stringify(config));
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/warning: .*TikTok Shop 1号店.*autoExprot.*unknown/i);
  expect(r.stderr).toMatch(/warning: .*TikTok Shop 1号店.*credentials\.appSecert/);
  expect(r.stderr).toMatch(/warning: .*timzone/);
  expect(r.stderr).not.toContain('"x"');
});
