import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';

/**
 * What a seller sees when opening the workbook `mallsheet demo` made, rendered by LibreOffice (Debian's
 * libreoffice-calc-nogui, installed by .ci/run) to PDF and by pdftoppm to PNG: 受注一覧 with its colours and
 * the dashboard. The pictures land in artifacts/desk/ (the README's docs/img/desk-*.png are copies).
 */

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'artifacts/desk');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-render-'));
  fs.mkdirSync(out, { recursive: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy holding one tab, printed landscape on one page wide, so one PNG shows it. */
async function printable(file: string, tab: string, area: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of [...wb.worksheets]) if (ws.name !== tab) wb.removeWorksheet(ws.id);
  const ws = wb.getWorksheet(tab)!;
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, printArea: area, paperSize: 9 };
  const copy = path.join(dir, `${tab}.xlsx`);
  await wb.xlsx.writeFile(copy);
  return copy;
}

function render(xlsx: string, name: string): { png: string; text: string } {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'pipe', timeout: 120_000 });
  const pdf = xlsx.replace(/\.xlsx$/, '.pdf');
  const base = path.join(out, name);
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdf, base]);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  return { png: `${base}.png`, text };
}

test('the demo workbook renders: 受注一覧 with its header, statuses and results; the dashboard with its tables', async () => {
  const file = path.join(dir, 'demo.xlsx');
  const demo = spawnSync(process.execPath, [path.join(root, 'bin/mallsheet.js'), 'demo', '--workbook', file], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, LANG: 'ja_JP.UTF-8' } });
  expect(demo.status).toBe(0);

  const orders = render(await printable(file, '受注一覧', 'A1:Z30'), 'desk-orders');
  expect(fs.statSync(orders.png).size).toBeGreaterThan(20_000);
  for (const t of ['管理ステータス', '配送業者', '処理済', 'OK']) expect(orders.text).toContain(t);

  const dash = render(await printable(file, 'ダッシュボード', 'A1:M36'), 'desk-dashboard');
  expect(fs.statSync(dash.png).size).toBeGreaterThan(10_000);
  for (const t of ['日別注文数', 'ショップ別', '全ショップ', '最終取得日時']) expect(dash.text).toContain(t);
}, 240_000);
