import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadSettingsFromBook } from '../../src/engine/settings/tab';
import { CONNECTORS } from '../../src/malls';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../src/sandbox/temu';
import { handleUiCall } from '../../src/ui/server/handlers';
import { allCellText, SANDBOX_URL, type UiWorld, uiWorld } from '../support/worlds';
import { buildPages, type PageServer, servePages } from './support/serve-pages';

/**
 * The real pages in Debian's Chromium (never a downloaded browser), their google.script.run calls
 * answered by the real server functions over a MemorySpreadsheet, document properties and the sandbox
 * malls in-process.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../artifacts');
const SECRETS = [TEMU_SANDBOX_CREDENTIALS.appSecret, TEMU_SANDBOX_CREDENTIALS.accessToken];
const TABS = ['設定', 'Settings', '受注一覧', 'Orders', 'ログ', 'Log'];

/** The CI script installs chromium; a root shell without it gets it here, anything else a clear failure. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0)
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'ignore', timeout: 600_000 });
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
}

let browser: Browser;
let world: UiWorld;
let server: PageServer;
let page: Page;
/** script errors in the page: there must be none */
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureChromium();
  const dir = buildPages();
  world = uiWorld();
  const carriers = DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values }));
  expect(handleUiCall('sidebarSaveCarriers', world.env, { carriers }).ok).toBe(true);
  server = await servePages(dir, world.env);
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
  // the Sheets sidebar is 300 px wide
  page = await browser.newPage({ viewport: { width: 300, height: 900 }, deviceScaleFactor: 2, locale: 'ja-JP' });
  page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 600_000);

afterEach(() => expect(pageErrors).toEqual([]));

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const form = () => page.locator('form[data-shop-form]');
const errorFor = (field: string) => form().locator(`[data-error-for="${field}"]`);

/** No secret in the DOM (markup and every input's live value) nor in anything the server answered. */
async function expectNoSecretsOnPage(): Promise<void> {
  const html = await page.content();
  const values = await page.$$eval('input', (els) => els.map((e) => (e as HTMLInputElement).value));
  for (const s of SECRETS) {
    expect(html).not.toContain(s);
    expect(values).not.toContain(s);
    for (const r of server.responses) expect(r).not.toContain(s);
  }
}

test('add a shop, see validation errors, fix and save, run the connection check', async () => {
  await page.goto(`${server.url}/Sidebar.html`);
  await page.getByRole('button', { name: /ショップを追加/ }).click();

  // only the fields Temu needs (docs/contract.md §4): no Qoo10 user ID, no TikTok refresh token
  await expect(form().locator('[data-field="credentials.appKey"]').count()).resolves.toBe(1);
  await expect(form().locator('[data-field="credentials.userId"]').count()).resolves.toBe(0);
  await expect(form().locator('[data-field="secrets.refreshToken"]').count()).resolves.toBe(0);
  await expect(form().locator('input[type="password"]').count()).resolves.toBe(2);

  // 1. save as it is, with a bad day count: the engine's schema answers field by field
  await form().locator('[data-field="days"]').fill('abc');
  await form().locator('[data-action="save-shop"]').click();
  await errorFor('name').filter({ hasText: /\S/ }).waitFor();
  for (const field of ['name', 'days', 'credentials.appKey', 'secrets.appSecret', 'secrets.accessToken'])
    await expect(errorFor(field).textContent()).resolves.toMatch(/\S/);
  await expect(form().locator('[data-field="name"]').getAttribute('class')).resolves.toContain('invalid');
  expect(world.props.keys()).toEqual([]);

  // 2. fix it and save
  await form().locator('[data-field="name"]').fill('Temu 1号店');
  await form().locator('[data-field="days"]').fill('7');
  await form().locator('[data-field="credentials.appKey"]').fill(TEMU_SANDBOX_CREDENTIALS.appKey);
  await form().locator('[data-field="secrets.appSecret"]').fill(TEMU_SANDBOX_CREDENTIALS.appSecret);
  await form().locator('[data-field="secrets.accessToken"]').fill(TEMU_SANDBOX_CREDENTIALS.accessToken);
  await form().locator('details.advanced summary').click();
  await form().locator('[data-field="endpointApi"]').fill(SANDBOX_URL);
  await form().locator('[data-action="save-shop"]').click();
  await page
    .locator('form[data-shop-form="Temu 1号店"] [data-secret-state="appSecret"]')
    .filter({ hasText: '保存済み' })
    .waitFor();
  await expect(page.locator('[data-secret-state="accessToken"]').textContent()).resolves.toBe('保存済み');
  await expect(page.locator('.field-error:not(:empty)').count()).resolves.toBe(0);

  // saved where the engine reads it, the secrets in document properties only
  const settings = loadSettingsFromBook(world.book, world.props, CONNECTORS);
  expect(settings.shops[0]).toMatchObject({
    name: 'Temu 1号店',
    mall: 'temu',
    credentials: TEMU_SANDBOX_CREDENTIALS,
    endpoints: { api: SANDBOX_URL },
  });
  const cells = allCellText(world.book, TABS);
  for (const s of SECRETS) expect(cells).not.toContain(s);
  await expectNoSecretsOnPage();

  // 3. the connection check, line by line
  await form().locator('[data-action="check-shop"]').click();
  const lines = form().locator('[data-check-results] li');
  await lines.first().waitFor();
  const texts = await lines.allTextContents();
  expect(texts.length).toBeGreaterThan(2);
  await expect(form().locator('[data-check="expiry"]').getAttribute('class')).resolves.toBe('ok');
  await expectNoSecretsOnPage();
  expect(server.calls).toEqual(expect.arrayContaining(['sidebarGetState', 'sidebarSaveShop', 'sidebarCheckShop']));

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForFunction(() => !document.querySelector('#toast')!.classList.contains('show'));
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar.png'), fullPage: true });
});

test('an expired token shows as a line that says what to do', async () => {
  world.sandbox.mall('temu').control('expire', {});
  await page.reload();
  // the closed card shows the shop at a glance: name, mall, last fetch, expiry
  const card = page.locator('[data-shop="Temu 1号店"]');
  await expect(card.textContent()).resolves.toMatch(/Temu 1号店Temu.*最終取得日時.*有効期限/);
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-list.png') });
  await card.locator('.shop-head').click();
  await form().locator('[data-action="check-shop"]').click();
  await form().locator('[data-check-results] li.bad').first().waitFor();
  const bad = await form().locator('[data-check-results] li.bad').allTextContents();
  expect(bad.join('\n')).toMatch(/\S{6,}/);
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-check-failed.png'), fullPage: true });
});

test('the date-range dialog checks the dates, then fetches', async () => {
  world.sandbox.mall('temu').control('expiry', { inDays: 180 });
  const dialog = await browser.newPage({
    viewport: { width: 420, height: 400 },
    deviceScaleFactor: 2,
    locale: 'ja-JP',
  });
  dialog.on('pageerror', (e) => pageErrors.push(e.message));
  await dialog.goto(`${server.url}/DateRange.html`);
  await dialog.locator('[data-field="from"]').fill('2026-11-20');
  await dialog.locator('[data-field="to"]').fill('2026-11-10');
  await dialog.locator('[data-action="fetch"]').click();
  await expect(dialog.locator('[data-error-for="to"]').textContent()).resolves.toMatch(/\S/);
  expect(world.book.getSheet('受注一覧')).toBeNull();

  await dialog.locator('[data-field="from"]').fill('2026-11-01');
  await dialog.locator('[data-field="to"]').fill('2026-11-22');
  await dialog.locator('[data-action="fetch"]').click();
  await dialog.locator('.range-results li').first().waitFor();
  const lines = await dialog.locator('.range-results li').allTextContents();
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Temu 1号店');
  await expect(dialog.locator('.range-results li.ok').count()).resolves.toBe(1);
  await expect(dialog.locator('.range-results .done:not(.partly)').count()).resolves.toBe(1);
  expect(world.book.getSheet('受注一覧')!.readAll().length).toBeGreaterThan(1);
  await dialog.screenshot({ path: join(ARTIFACTS, 'date-range.png') });
  await dialog.close();
});

test('alerts: a bad address is refused beside its input; saved, the webhook shows only as saved; a test alert goes out', async () => {
  const hook = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=browser-secret-token';
  await page.goto(`${server.url}/Sidebar.html`);
  const alerts = page.locator('form[data-alerts]');
  await alerts.locator('[data-field="alertEmail"]').fill('seller@example.com, not an address');
  await alerts.locator('[data-action="save-alerts"]').click();
  await alerts.locator('[data-error-for="alertEmail"]', { hasText: 'not' }).waitFor();
  await alerts.locator('[data-field="alertEmail"]').fill('seller@example.com');
  await alerts.locator('[data-field="alertWebhook"]').fill(hook);
  await alerts.locator('[data-action="save-alerts"]').click();
  await page.locator('form[data-alerts] .hint', { hasText: '保存済み' }).waitFor();
  expect(world.props.get('secret::alerts.webhook')).toBe(hook);
  expect(allCellText(world.book, ['設定'])).toContain('seller@example.com');
  expect(allCellText(world.book, ['設定'])).not.toContain('browser-secret-token');
  expect(await page.content()).not.toContain('browser-secret-token');
  for (const r of server.responses) expect(r).not.toContain('browser-secret-token');

  const before = world.mails.length;
  await page.locator('form[data-alerts] [data-action="test-alert"]').click();
  // the mail goes out; the sandbox is no chat service, so the webhook's refusal is what the page shows
  await page.locator('[data-alert-status]', { hasText: /\S/ }).waitFor();
  expect(await page.locator('[data-alert-status]').textContent()).toContain('Webhook');
  expect(world.mails.slice(before)).toEqual([
    expect.objectContaining({ to: ['seller@example.com'], subject: '[MallSheet] テスト通知' }),
  ]);
  await page.locator('section[data-section="alerts"]').screenshot({ path: join(ARTIFACTS, 'sidebar-alerts.png') });
});

test('switching the language to English re-renders the sidebar in English', async () => {
  await page.reload();
  await page.locator('[data-general] [data-field="locale"]').selectOption('en');
  await page.locator('[data-action="save-general"]').click();
  await page.getByRole('button', { name: /Add a shop/ }).waitFor();
  await expect(page.locator('[data-section="carriers"] .section-title').textContent()).resolves.toBe('Carriers');
  expect(world.env.settingsDoc.read().locale).toBe('en');
  await page.waitForFunction(() => !document.querySelector('#toast')!.classList.contains('show'));
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-en.png') });
});
