import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { translate } from '../../src/i18n';
import { demoSettings } from '../../src/sandbox/demo-config';

/** fetch, export --dry-run and demo through the real CLI against the sandbox malls served by a child process. */
const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/mallsheet.js');

let dir: string;
let sandbox: ChildProcess;
let baseUrl: string;

function mallsheet(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-flow-'));
  // makes sure dist-node/cli.js is built before the sandbox child starts from it
  expect(mallsheet(['--help']).code).toBe(0);
  sandbox = spawn(process.execPath, [path.join(root, 'dist-node/cli.js'), 'sandbox', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve) =>
    sandbox.stdout!.once('data', (d: Buffer) => resolve(d.toString())),
  );
  baseUrl = /http:\/\/127\.0\.0\.1:\d+/.exec(first)![0];
});
afterAll(() => {
  sandbox.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

async function orderRows(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('受注一覧');
  return ws ? ws.actualRowCount - 1 : -1;
}

test('fetch creates the workbook with orders; export --dry-run previews and leaves it byte-identical', async () => {
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(demoSettings(baseUrl)));
  const file = path.join(dir, 'shop.xlsx');
  const fetched = mallsheet(['fetch', '--config', 'config.json', '--workbook', 'shop.xlsx', '--shop', 'Qoo10 デモ店']);
  expect(fetched.stderr).not.toMatch(/\n\s+at /);
  expect(fetched.code).toBe(0);
  expect(fetched.stdout).toContain('Qoo10 デモ店');
  expect(await orderRows(file)).toBeGreaterThan(0);
  expect(fs.existsSync(`${file}.props.json`)).toBe(true);
  expect(fs.existsSync(`${file}.lock`)).toBe(false);

  const before = fs.readFileSync(file);
  const propsBefore = fs.readFileSync(`${file}.props.json`);
  const withState = mallsheet([
    'check',
    '--config',
    'config.json',
    '--workbook',
    'shop.xlsx',
    '--shop',
    'Qoo10 デモ店',
  ]);
  const stateless = mallsheet(['check', '--config', 'config.json', '--shop', 'Qoo10 デモ店']);
  // with the workbook the check knows the last fetch; without it, it can only say it knows of none
  expect(stateless.stdout).toContain(translate('ja', 'check.neverFetched'));
  expect(withState.stdout).not.toContain(translate('ja', 'check.neverFetched'));
  const preview = mallsheet(['export', '--config', 'config.json', '--workbook', 'shop.xlsx', '--dry-run']);
  expect([0, 1]).toContain(preview.code);
  expect(preview.stdout).toMatch(/Dry run|ドライラン/);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.readFileSync(`${file}.props.json`).equals(propsBefore)).toBe(true);
});

test('demo: fetch, tracking typed in, export, summary of every shop', () => {
  const r = mallsheet(['demo', '--workbook', 'demo.xlsx']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  for (const shop of ['Temu 1号店', 'TikTok Shop 1号店', 'Qoo10 デモ店'])
    expect(r.stdout).toMatch(new RegExp(`^${shop}\\s+\\d+\\s+\\d+\\s+[1-9]\\d*\\s+0$`, 'm'));
  expect(r.stdout).toContain(path.join(dir, 'demo.xlsx'));
});
