import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLUMNS } from '../../src/engine/orders/columns';
import { XlsxWorkbook } from '../../src/node/workbook';
import { orderRowsOf } from './support';

/** `mallsheet demo --workbook FILE` on a seller's real workbook: it must never touch the seller's own shops. */
const bin = path.resolve(__dirname, '../../bin/mallsheet.js');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-demo-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function mallsheet(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workbook holding one open order line of the seller's own shop (no tracking number yet). */
async function sellersWorkbook(): Promise<string> {
  const file = path.join(dir, 'mine.xlsx');
  const book = await XlsxWorkbook.open(file);
  const sheet = book.insertSheet('受注一覧');
  const values: Record<string, string> = {
    ショップ: '本店',
    モール: 'Temu',
    注文番号: 'PO-1',
    明細番号: 'O-1',
    管理ステータス: '新規受付',
  };
  sheet.writeBlock(1, 1, [COLUMNS.map((c) => c.ja), COLUMNS.map((c) => values[c.ja] ?? '')]);
  await book.save(file);
  return file;
}

test('demo refuses a workbook that holds other shops: exit 2, the shop named, the file byte-identical', async () => {
  const file = await sellersWorkbook();
  const before = fs.readFileSync(file);
  const r = mallsheet(['demo', '--workbook', file]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('本店');
  expect(r.stderr).toContain('--force');
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.existsSync(`${file}.props.json`)).toBe(false);
});

test('demo --force runs beside them and types tracking numbers only into its own demo shops', async () => {
  const file = await sellersWorkbook();
  const r = mallsheet(['demo', '--workbook', file, '--force']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  const rows = await orderRowsOf(file);
  const mine = rows.filter((x) => x.shop === '本店');
  expect(mine).toHaveLength(1);
  expect(mine[0].tracking).toBe('');
  expect(mine[0].shippedOn).toBe('');
  expect(rows.some((x) => x.shop !== '本店' && x.tracking !== '')).toBe(true);
});
