import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/**
 * A copy holding one tab and its first rows, printed landscape on one page, so one PNG shows it; the
 * columns a picture need not show are hidden (as a seller may hide them), the tab's layout is untouched.
 */
async function printable(file: string, tab: string, rows: number, hide: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of [...wb.worksheets]) if (ws.name !== tab) wb.removeWorksheet(ws.id);
  const ws = wb.getWorksheet(tab)!;
  for (let r = rows + 1; r <= ws.rowCount; r++) ws.getRow(r).hidden = true;
  ws.getRow(1).eachCell((cell, c) => {
    if (hide.includes(String(cell.value))) ws.getColumn(c).hidden = true;
  });
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    paperSize: 9,
  };
  const copy = path.join(dir, `${tab}.xlsx`);
  await wb.xlsx.writeFile(copy);
  return copy;
}

function render(xlsx: string, name: string): { png: string; text: string } {
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, xlsx],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const pdf = xlsx.replace(/\.xlsx$/, '.pdf');
  const base = path.join(out, name);
  execFileSync('pdftoppm', ['-png', '-r', '160', '-f', '1', '-l', '1', '-singlefile', pdf, base]);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  return { png: `${base}.png`, text };
}

test('the demo workbook renders: 受注一覧 with its header, statuses and results; the dashboard with its tables', async () => {
  const file = path.join(dir, 'demo.xlsx');
  const demo = spawnSync(process.execPath, [path.join(root, 'bin/mallsheet.js'), 'demo', '--workbook', file], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, LANG: 'ja_JP.UTF-8' },
  });
  expect(demo.status).toBe(0);

  const hidden = [
    'モール',
    '明細番号',
    '注文日時',
    'SKU',
    'オプション',
    '単価',
    '金額',
    '通貨',
    '郵便番号',
    '住所',
    '電話番号',
    '書出日時',
    '更新日時',
    '書出伝票番号',
    '送り状キー',
    '同梱',
  ];
  const orders = render(await printable(file, '受注一覧', 28, hidden), 'desk-orders');
  expect(fs.statSync(orders.png).size).toBeGreaterThan(20_000);
  for (const t of ['管理ステータス', '配送業者', '処理済', 'OK']) expect(orders.text).toContain(t);

  const dash = render(await printable(file, 'ダッシュボード', 36), 'desk-dashboard');
  expect(fs.statSync(dash.png).size).toBeGreaterThan(10_000);
  for (const t of ['日別注文数', 'ショップ別', '全ショップ', '最終取得日時']) expect(dash.text).toContain(t);
}, 240_000);
