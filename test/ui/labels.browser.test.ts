import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { type Browser, chromium, type Page } from 'playwright-core';
import { runFetch } from '../../src/engine';
import { labelCsvBytes } from '../../src/node/label-file';
import { issueB2 } from '../../src/sandbox/b2-issuer';
import { DEMO_CARRIERS, DEMO_SHIPPER } from '../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../src/sandbox/temu';
import { gasLabelFiles } from '../../src/ui/gas/label-files';
import { handleUiCall } from '../../src/ui/server/handlers';
import { cliLabelExport, decodeLabelFile, labelRows } from '../labels/support';
import { fakeBlobUtilities } from '../support/fake-blob';
import { type UiWorld, uiWorld } from '../support/worlds';
import { buildPages, type PageServer, servePages } from './support/serve-pages';
import { shopForm } from './support/shop-form';

/**
 * The label dialogs (LabelExport.html, LabelImport.html) in Debian's Chromium, their calls answered by the
 * real server functions with Apps Script's port (src/ui/gas/label-files.ts) over a fake Utilities that has
 * Java's charsets: the download is the file `mallsheet labels export` writes for the same 受注一覧, byte for
 * byte; the carrier's file goes in through the file picker, is previewed, then applied.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../artifacts');

let browser: Browser;
let world: UiWorld;
let server: PageServer;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
  (globalThis as { Utilities?: unknown }).Utilities = fakeBlobUtilities();
  // today's date, as the CLI run beside it sees it (the keys and 出荷予定日 carry the date)
  world = uiWorld({ now: Date.now() });
  world.env.labelFiles = gasLabelFiles;
  const labels: Record<string, string> = { ヤマト運輸: 'b2', 佐川急便: 'ehiden2', 日本郵便: 'yupri' };
  const carriers = DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values: { ...values, labels: labels[name] } }));
  expect(handleUiCall('sidebarSaveCarriers', world.env, { carriers }).ok).toBe(true);
  const saved = handleUiCall('sidebarSaveShop', world.env, {
    originalName: null,
    shop: shopForm({
      credentials: { appKey: TEMU_SANDBOX_CREDENTIALS.appKey },
      secrets: { appSecret: TEMU_SANDBOX_CREDENTIALS.appSecret, accessToken: TEMU_SANDBOX_CREDENTIALS.accessToken },
      defaultCarrier: 'ヤマト運輸',
    }),
  });
  expect(saved.ok).toBe(true);
  const doc = world.env.settingsDoc;
  doc.write({ ...doc.read(), shipper: DEMO_SHIPPER, labels: { b2: { billingCode: '012345678901', freightNo: '01' } } });
  expect(runFetch(world.env, { trigger: 'manual' }).exitCode).toBe(0);
  server = await servePages(buildPages(), world.env);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 720, height: 560 }, locale: 'ja-JP', acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  mkdirSync(ARTIFACTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  delete (globalThis as { Utilities?: unknown }).Utilities;
});

const orders = () => world.book.getSheet('受注一覧')!;

test('送り状CSVを作成: the preview names the lines and the rows kept out; the download is the CLI file, byte for byte', async () => {
  const header = orders().readAll()[0].map(String);
  const fresh = labelRows(world.book).filter((r) => r.status === '新規受付');
  // two orders of one line each, each its own shipment (not in a 同梱 group, whose box would carry the
  // second's blank address): the first gets the characters, the second loses its address
  const single = fresh.filter((r) => r.combined === '' && fresh.filter((o) => o.orderId === r.orderId).length === 1);
  const rows = [single[0], single[1]];
  // characters only CP932 carries, one it cannot (named in the preview), and a row with no address (kept out)
  orders().writeBlock(rows[0].row, header.indexOf('住所') + 1, [[`${rows[0].address} メゾン①～2〜3`]]);
  orders().writeBlock(rows[0].row, header.indexOf('送付先氏名') + 1, [['山田 太郎😀']]);
  orders().writeBlock(rows[1].row, header.indexOf('住所') + 1, [['']]);
  const cli = await cliLabelExport(orders().readAll(), world.env.loadSettings(), ['--format', 'b2']);
  const cliLines = decodeLabelFile(cli.bytes).rows.length - 1;

  server.calls.length = 0;
  await page.goto(`${server.url}/LabelExport.html`);
  const summary = page.locator('[data-summary]');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(new RegExp(`^送り状 ${cliLines} 件（受注一覧 \\d+ 行）$`));
  expect(await page.locator('[data-kept-out]').textContent()).toContain('1 行');
  const lines = await page.locator('[data-lines]').textContent();
  expect(lines).toContain(`行 ${rows[1].row}: 住所がありません`);
  expect(lines).toContain('「😀」');
  expect(await page.locator('select[name="format"] option').allTextContents()).toEqual([
    'B2クラウド',
    'e飛伝Ⅱ',
    'ゆうパックプリントR',
    'クリックポスト',
  ]);
  expect(labelRows(world.book).filter((r) => r.labelKey !== '')).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'label-export-dialog.png') });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-action="download"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mallsheet-b2-\d{8}\.csv$/);
  const file = join(ARTIFACTS, 'label-export-download.csv');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.equals(cli.bytes)).toBe(true);
  expect(iconv.decode(bytes, 'cp932')).toContain('①～2～3');
  // the keys are in the sheet now, so the preview has nothing left to make
  await page.locator('[data-download]').waitFor();
  expect(await summary.textContent()).toBe('送り状にする行はありません');
  expect(await page.locator('[data-result]').textContent()).toContain(`（${cliLines} 件）`);
  expect(labelRows(world.book).filter((r) => r.labelKey !== '').length).toBeGreaterThanOrEqual(cliLines);
  // one server call to open, two for the file (it, then the fresh preview)
  expect(server.calls).toEqual(['labelExportGetState', 'labelExportMakeFile', 'labelExportGetState']);
  expect(pageErrors).toEqual([]);
}, 120_000);

test('発行済みデータを取込: the file from the picker is previewed with row references, applied once, refused when foreign', async () => {
  const keyed = labelRows(world.book).filter((r) => r.labelKey !== '');
  expect(keyed.length).toBeGreaterThan(0);
  const labelFile = decodeLabelFile(readFileSync(join(ARTIFACTS, 'label-export-download.csv'))).rows;
  const issued = issueB2(labelFile, 32345678);
  // the seller typed one number by hand already; and the file has a key no row has
  const typed = keyed[0];
  const header = orders().readAll()[0].map(String);
  orders().writeBlock(typed.row, header.indexOf('伝票番号') + 1, [['999999999999']]);
  issued.push(issued[1].map((v, c) => (c === 0 ? 'L99999999999' : c === 3 ? '123456789012' : v)));
  const issuedFile = join(ARTIFACTS, 'label-issued-b2.csv');
  writeFileSync(issuedFile, labelCsvBytes(issued));

  server.calls.length = 0;
  await page.goto(`${server.url}/LabelImport.html`);
  await page.locator('input[type="file"]').waitFor();
  const before = JSON.stringify(orders().readAll());
  await page.locator('input[type="file"]').setInputFiles(issuedFile);
  await page.locator('[data-count-fills]').waitFor();
  expect(await page.locator('[data-format]').getAttribute('data-format')).toBe('b2');
  const count = async (k: string) => Number(await page.locator(`[data-count-${k}]`).getAttribute(`data-count-${k}`));
  const typedRows = keyed.filter((r) => r.labelKey === typed.labelKey).length;
  expect(await count('fills')).toBe(keyed.length - 1);
  expect(await count('conflicts')).toBe(1);
  expect(await count('unknown')).toBe(1);
  expect(typedRows).toBeGreaterThanOrEqual(1);
  // row references: each fill names its 受注一覧 row; the conflict its row and both numbers
  const fillRows = await page.locator('[data-fills] tbody tr td:first-child').allTextContents();
  expect(fillRows.map(Number).sort((a, b) => a - b)).toEqual(
    keyed
      .filter((r) => r.row !== typed.row)
      .map((r) => r.row)
      .sort((a, b) => a - b),
  );
  expect(await page.locator('[data-conflicts] tbody tr').textContent()).toContain('999999999999');
  expect(await page.locator('[data-unknown] tbody tr').textContent()).toContain('L99999999999');
  expect(JSON.stringify(orders().readAll())).toBe(before);
  await page.screenshot({ path: join(ARTIFACTS, 'label-import-dialog.png'), fullPage: true });

  await page.locator('[data-action="apply"]').click();
  await page.locator('[data-applied]').waitFor();
  const byKey = new Map(issued.slice(1).map((r) => [r[0], r[3]]));
  const after = labelRows(world.book).filter((r) => r.labelKey !== '');
  for (const r of after) expect(r.tracking).toBe(r.row === typed.row ? '999999999999' : byKey.get(r.labelKey));
  const filled = JSON.stringify(orders().readAll());
  // one call to open, one per file chosen (the preview), one for Apply
  expect(server.calls).toEqual(['labelImportGetState', 'labelImportPreview', 'labelImportApply']);

  // the same file again: nothing to fill, Apply is off
  await page.locator('input[type="file"]').setInputFiles([]);
  await page.locator('input[type="file"]').setInputFiles(issuedFile);
  await page.locator('[data-count-fills="0"]').waitFor();
  expect(await page.locator('[data-action="apply"]').isDisabled()).toBe(true);
  expect(await count('unchanged')).toBe(keyed.length - 1);

  // a file of no issued format: a clear message, nothing written
  const foreign = join(ARTIFACTS, 'label-foreign.csv');
  writeFileSync(foreign, iconv.encode('注文番号,金額\r\n1,2\r\n', 'cp932'));
  await page.locator('input[type="file"]').setInputFiles(foreign);
  const refused = page.locator('[data-refused]');
  await refused.waitFor();
  expect(await refused.textContent()).toMatch(/^label-foreign\.csv: .*何も変更していません$/);
  expect(JSON.stringify(orders().readAll())).toBe(filled);
  expect(pageErrors).toEqual([]);
}, 120_000);

test('in an English sheet both dialogs are English', async () => {
  expect(handleUiCall('sidebarSaveGeneral', world.env, { locale: 'en', timezone: 'Asia/Tokyo' }).ok).toBe(true);
  await page.goto(`${server.url}/LabelExport.html`);
  await page.locator('[data-summary]').waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.locator('[data-summary]').textContent()).toMatch(
    /^(No rows to put on labels|\d+ label line\(s\) \(\d+ Orders row\(s\)\))$/,
  );
  expect(await page.locator('[data-action="download"]').textContent()).toBe('Download CSV');
  expect(await page.locator('label.check-field').textContent()).toContain('(re-issue)');
  await page.screenshot({ path: join(ARTIFACTS, 'label-export-dialog-en.png') });
  await page.goto(`${server.url}/LabelImport.html`);
  await page.locator('label[for="f-file"]').waitFor();
  expect(await page.locator('label[for="f-file"]').textContent()).toBe('Issued-data file (CSV)');
  expect(await page.locator('select[name="format"] option').allTextContents()).toEqual([
    'Detect',
    'B2クラウド',
    'e飛伝Ⅱ',
    'ゆうパックプリントR',
  ]);
  expect(pageErrors).toEqual([]);
}, 60_000);
