import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { runFetch } from '../../src/engine';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../src/sandbox/temu';
import { handleUiCall } from '../../src/ui/server/handlers';
import { type UiWorld, uiWorld } from '../support/worlds';
import { buildPages, type PageServer, servePages } from './support/serve-pages';
import { shopForm } from './support/shop-form';

/**
 * The 納品書 dialog (Slips.html) in Debian's Chromium, its calls answered by the real server functions;
 * the PDF converter is a stand-in that records the HTML (Apps Script's Utilities is not here).
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../artifacts');

let browser: Browser;
let world: UiWorld;
let server: PageServer;
let page: Page;
const converted: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
  world = uiWorld();
  world.env.printing = {
    selectedOrderRows: () => [],
    htmlToPdf: (html) => {
      converted.push(html);
      return Buffer.from(`%PDF-1.4 stand-in ${converted.length}`).toString('base64');
    },
  };
  const carriers = DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values }));
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
  expect(runFetch(world.env, { trigger: 'manual' }).exitCode).toBe(0);
  server = await servePages(buildPages(), world.env);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 920, height: 680 }, locale: 'ja-JP', acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the dialog previews the slips, and the download is the PDF the converter made of that HTML', async () => {
  await page.goto(`${server.url}/Slips.html`);
  const summary = page.locator('[data-summary]');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(/^納品書 \d+ 件・ピッキングリスト \d+ 品目$/);
  // the preview is the print HTML in a frame that may run nothing
  const frame = page.locator('iframe.slips-preview');
  expect(await frame.getAttribute('sandbox')).toBe('');
  const inner = page.frameLocator('iframe.slips-preview');
  await inner.locator('section.slip').first().waitFor();
  expect(await inner.locator('section.slip').count()).toBeGreaterThan(3);
  expect(await inner.locator('section.picking h1').textContent()).toBe('ピッキングリスト');
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'slips-dialog.png') });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-action="download"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^納品書・ピッキングリスト_\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = join(ARTIFACTS, 'slips-dialog-download.pdf');
  await download.saveAs(file);
  expect(converted).toHaveLength(1);
  expect(converted[0]).toBe(await frame.getAttribute('srcdoc'));
  writeFileSync(join(ARTIFACTS, 'slips-dialog.html'), converted[0]);
  await page.locator('[data-download]').waitFor();
  expect(await page.locator('.slips-result').textContent()).toContain('Temu 1号店: 納品書');
  expect(pageErrors).toEqual([]);
});
