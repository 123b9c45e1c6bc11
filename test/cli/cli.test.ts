import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoSettings } from '../../src/sandbox/demo-config';

/** The CLI as a user runs it: `node bin/mallsheet.js …` (which builds dist-node/cli.js when stale). */
const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/mallsheet.js');

function mallsheet(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A valid config whose malls are nowhere (port 9): whatever is refused here is refused before any request. */
const VALID = { ...demoSettings('http://127.0.0.1:9'), locale: 'en' };

const INVALID = {
  locale: 'en',
  shops: [
    { name: 'Temu 1号店', mall: 'temu', credentials: { appKey: 'k' }, fetch: { statuses: ['NOT_A_STATUS'], days: 0 } },
  ],
};

/** A workbook file with known bytes (its content does not matter: exit 2 must not touch it). */
function existingWorkbook(bytes = 'PK\u0003\u0004 pretend workbook'): { file: string; before: Buffer } {
  const file = path.join(dir, 'orders.xlsx');
  fs.writeFileSync(file, bytes);
  return { file, before: fs.readFileSync(file) };
}

describe('mallsheet CLI', () => {
  test('--help prints every command and exits 0', () => {
    const r = mallsheet(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['demo', 'fetch', 'export', 'check', 'sandbox', '--dry-run', '--from'])
      expect(r.stdout).toContain(c);
  });

  test('no command, an unknown command or an unknown option: exit 2', () => {
    expect(mallsheet([]).code).toBe(2);
    expect(mallsheet(['frobnicate']).code).toBe(2);
    const r = mallsheet(['fetch', '--config', 'c.json', '--workbook', 'w.xlsx', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bogus');
    expect(mallsheet(['check', '--config', 'c.json', '--dry-run']).stderr).toContain('--dry-run');
  });

  test('invalid config: exit 2, each problem named, the workbook byte-identical and nothing written beside it', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(INVALID));
    const { file, before } = existingWorkbook();
    for (const cmd of [['fetch'], ['export'], ['export', '--dry-run']]) {
      const r = mallsheet([...cmd, '--config', 'config.json', '--workbook', 'orders.xlsx']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Temu 1号店');
      expect(r.stderr).toMatch(/days|statuses/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'orders.xlsx']);
  });

  test('a config that is not JSON, or missing: exit 2 naming the file', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{ not json');
    const r = mallsheet(['check', '--config', 'config.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config.json');
    expect(mallsheet(['check', '--config', 'nope.json']).code).toBe(2);
    expect(mallsheet(['check']).stderr).toContain('--config');
  });

  test('bad --from/--to and an unknown --shop: exit 2 before anything is opened', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(VALID));
    const { file, before } = existingWorkbook();
    const base = ['fetch', '--config', 'config.json', '--workbook', 'orders.xlsx'];
    expect(mallsheet([...base, '--from', '2026-11-01']).code).toBe(2);
    expect(mallsheet([...base, '--from', '2026-11-31', '--to', '2026-12-01']).stderr).toContain('2026-11-31');
    expect(mallsheet([...base, '--shop', 'Nobody']).stderr).toContain('Nobody');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('a workbook that is not an .xlsx file: exit 2, left byte-identical', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(VALID));
    const { file, before } = existingWorkbook('just text, not a zip');
    const r = mallsheet(['fetch', '--config', 'config.json', '--workbook', 'orders.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('orders.xlsx');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test('a workbook locked by a live run: busy, exit 1, nothing changed', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(VALID));
    const file = path.join(dir, 'orders.xlsx');
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), at: Date.now() }));
    const r = mallsheet(['fetch', '--config', 'config.json', '--workbook', 'orders.xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('in use');
    expect(fs.existsSync(file)).toBe(false);
  });

  test('sandbox --port 0 prints its URL first and serves the sandbox malls', async () => {
    const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const first = await new Promise<string>((resolve) =>
        child.stdout.once('data', (d: Buffer) => resolve(d.toString())),
      );
      const url = /http:\/\/127\.0\.0\.1:(\d+)/.exec(first)![0];
      const res = await fetch(`${url}/no/such/route`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: expect.stringContaining('/no/such/route') });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
