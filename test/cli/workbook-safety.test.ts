import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { XlsxWorkbook } from '../../src/node/workbook';
import { demoSettings } from '../../src/sandbox/demo-config';

/** The seller's workbook file is theirs: what the CLI must never overwrite, drop or leave lying around. */
const bin = path.resolve(__dirname, '../../bin/mallsheet.js');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-safe-'));
  // malls nowhere (port 9): a run fails fast per shop, exit 1, and still saves the workbook
  const settings = demoSettings('http://127.0.0.1:9') as { shops: unknown[] };
  const config = { ...settings, locale: 'en', shops: settings.shops.slice(0, 1) };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
});
afterEach(() => {
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

function fetchInto(workbook: string) {
  const r = spawnSync(process.execPath, [bin, 'fetch', '--config', 'config.json', '--workbook', workbook], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function workbook(name = 'orders.xlsx'): Promise<string> {
  const file = path.join(dir, name);
  const book = await XlsxWorkbook.open(file);
  book.insertSheet('メモ').writeBlock(1, 1, [['my notes']]);
  await book.save(file);
  return file;
}

test('a read-only workbook: exit 2 before anything is fetched or sent, the file untouched', async () => {
  const file = await workbook();
  fs.chmodSync(file, 0o444);
  const before = fs.readFileSync(file);
  const r = fetchInto('orders.xlsx');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(file);
  expect(r.stderr).toMatch(/read-only/);
  expect(r.stderr).not.toMatch(/Cannot reach|\n\s+at /);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o444);
});

test('a read-only folder: exit 2 with a plain message naming it', () => {
  fs.mkdirSync(path.join(dir, 'locked'));
  fs.chmodSync(path.join(dir, 'locked'), 0o555);
  const r = fetchInto('locked/orders.xlsx');
  fs.chmodSync(path.join(dir, 'locked'), 0o755);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(path.join(dir, 'locked'));
  expect(r.stderr).toMatch(/read-only/);
  expect(r.stderr).not.toMatch(/^error:|\n\s+at /m);
  expect(fs.readdirSync(path.join(dir, 'locked'))).toEqual([]);
});

test('a symlinked workbook: the link stays, its target is updated', async () => {
  fs.mkdirSync(path.join(dir, 'shared'));
  const target = await workbook('shared/real.xlsx');
  fs.symlinkSync(target, path.join(dir, 'orders.xlsx'));
  const before = fs.readFileSync(target);
  const r = fetchInto('orders.xlsx');
  expect(r.code).toBe(1);
  expect(fs.lstatSync(path.join(dir, 'orders.xlsx')).isSymbolicLink()).toBe(true);
  // the run's Log row went into the target
  expect(fs.readFileSync(target).equals(before)).toBe(false);
  expect((await XlsxWorkbook.open(target)).getSheet('メモ')).not.toBeNull();
});

test('temp files of this workbook left by a killed save are removed by the next run', async () => {
  const file = await workbook();
  const stale = path.join(dir, '.orders.xlsx.999999.1700000000000.tmp');
  const staleProps = path.join(dir, '.orders.xlsx.props.json.999999.1700000000000.tmp');
  fs.writeFileSync(stale, 'customer data');
  fs.writeFileSync(staleProps, '{"secret":"x"}');
  expect(fetchInto('orders.xlsx').code).toBe(1);
  expect(fs.existsSync(stale)).toBe(false);
  expect(fs.existsSync(staleProps)).toBe(false);
  expect(fs.existsSync(file)).toBe(true);
});

test('a damaged lock says how to clear it; one left long ago is taken over', async () => {
  await workbook();
  const lock = path.join(dir, 'orders.xlsx.lock');
  fs.writeFileSync(lock, 'garbage');
  const r = fetchInto('orders.xlsx');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(lock);
  expect(r.stderr).toMatch(/delete/i);
  const old = new Date(Date.now() - 5 * 60_000);
  fs.utimesSync(lock, old, old);
  expect(fetchInto('orders.xlsx').code).toBe(1);
  expect(fs.existsSync(lock)).toBe(false);
});

test('a lock held by a live run says how to clear it if that run is gone', async () => {
  await workbook();
  const lock = path.join(dir, 'orders.xlsx.lock');
  fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), at: Date.now() }));
  const r = fetchInto('orders.xlsx');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('in use');
  expect(r.stderr).toContain(lock);
});

test('a broken props file is named, exit 2, nothing written', async () => {
  const file = await workbook();
  fs.writeFileSync(`${file}.props.json`, '{ broken');
  const before = fs.readFileSync(file);
  const r = fetchInto('orders.xlsx');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${file}.props.json`);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

test('charts and pivot tables the xlsx library cannot keep: exit 2 naming them, the file byte-identical', async () => {
  const file = await workbook();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  zip.file(
    'xl/charts/chart1.xml',
    '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
  );
  zip.file('xl/pivotTables/pivotTable1.xml', '<?xml version="1.0"?><pivotTableDefinition/>');
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  const before = fs.readFileSync(file);
  const r = fetchInto('orders.xlsx');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/chart/i);
  expect(r.stderr).toMatch(/pivot table/i);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

test('an image the library keeps does not stop the run', async () => {
  const file = path.join(dir, 'orders.xlsx');
  const book = await XlsxWorkbook.open(file);
  book.insertSheet('メモ');
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const wb = (book as unknown as { wb: import('exceljs').Workbook }).wb;
  wb.getWorksheet('メモ')!.addImage(wb.addImage({ buffer: png, extension: 'png' } as never), 'B2:C3');
  await book.save(file);
  expect(fetchInto('orders.xlsx').code).toBe(1);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  expect(Object.keys(zip.files).some((f) => f.startsWith('xl/media/'))).toBe(true);
});
