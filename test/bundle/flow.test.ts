import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Sandbox } from '../../src/sandbox/sandbox';
import { DEMO_CARRIERS, demoSettings } from '../../src/sandbox/demo-config';
import { CONNECTORS } from '../../src/malls';
import { fillTrackingAsSeller } from '../../src/node/demo';
import { fakeAppsScript } from '../support/fake-apps-script';

/**
 * The built bundle does a seller's whole flow in node:vm with only (fake) Apps Script services: set up
 * shops through the sidebar's server calls, fetch from the menu, fill tracking numbers, export, export
 * again. The malls are the sandbox, answering UrlFetchApp in-process.
 */

const codeFile = path.resolve(__dirname, '../../dist/Code.js');
const BASE = 'http://127.0.0.1:8787';

type Reply = { ok: boolean; value?: { saved?: boolean; issues?: unknown[] }; error?: string };

function setUp() {
  const sandbox = new Sandbox({ now: () => Date.now(), seed: 7 });
  const gas = fakeAppsScript(sandbox);
  const ctx = vm.createContext({ ...gas.globals });
  gas.useScriptDate(vm.runInContext('Date', ctx));
  vm.runInContext(fs.readFileSync(codeFile, 'utf8'), ctx, { filename: 'Code.js' });
  const call = (name: string, req: unknown = {}) => (ctx[name] as (r: unknown) => Reply)(req);
  return { sandbox, gas, ctx, call };
}

/** The demo shops typed into the sidebar's form: secret fields in `secrets`, the rest as text inputs. */
function shopForms(): Record<string, unknown>[] {
  const shops = (demoSettings(BASE).shops as Record<string, any>[]).map((s) => {
    const fields = CONNECTORS.find((c) => c.id === s.mall)!.credentialFields;
    const creds = s.credentials as Record<string, string>;
    const pick = (secret: boolean) => Object.fromEntries(fields.filter((f) => f.secret === secret && creds[f.key] !== undefined).map((f) => [f.key, creds[f.key]]));
    return {
      name: s.name,
      mall: s.mall,
      enabled: true,
      credentials: pick(false),
      secrets: pick(true),
      region: s.region ?? '',
      warehouseId: s.warehouseId ?? '',
      statuses: s.fetch.statuses,
      days: String(s.fetch.days),
      initialStatus: s.initialStatus,
      autoFetchMinutes: String(s.autoFetchMinutes ?? 0),
      autoExport: false,
      defaultCarrier: s.defaultCarrier,
      endpointApi: s.endpoints.api,
      endpointAuth: s.endpoints.auth,
    };
  });
  return shops;
}

function secretValues(): string[] {
  return (demoSettings(BASE).shops as Record<string, any>[]).flatMap((s) => {
    const fields = CONNECTORS.find((c) => c.id === s.mall)!.credentialFields;
    return fields.filter((f) => f.secret && s.credentials[f.key]).map((f) => String(s.credentials[f.key]));
  });
}

test('dist/Code.js: sidebar setup, menu fetch, seller fills tracking, export once and never twice', () => {
  const { sandbox, gas, call, ctx } = setUp();

  const carriers = call('sidebarSaveCarriers', {
    carriers: DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values })),
  });
  expect(carriers.ok).toBe(true);
  for (const shop of shopForms()) {
    const saved = call('sidebarSaveShop', { originalName: null, shop });
    expect(saved).toMatchObject({ ok: true, value: { saved: true, issues: [] } });
  }

  (ctx.fetchOrdersNow as () => void)();
  const orders = gas.book.getSheet('受注一覧')!;
  const rows = orders.readAll();
  const shopCol = rows[0].indexOf('ショップ');
  const perShop = new Map<string, number>();
  for (const r of rows.slice(1)) perShop.set(String(r[shopCol]), (perShop.get(String(r[shopCol])) ?? 0) + 1);
  expect([...perShop.keys()].sort()).toEqual(['Qoo10 デモ店', 'TikTok Shop 1号店', 'Temu 1号店'].sort());
  expect(gas.fetched.length).toBeGreaterThan(3);

  // no secret in any cell of any tab, nor in what the seller was shown
  const everything = JSON.stringify(['受注一覧', '設定', 'ログ'].map((n) => gas.book.getSheet(n)?.readAll() ?? [])) + gas.alerts.join('\n') + gas.toasts.join('\n');
  for (const secret of secretValues()) expect(everything).not.toContain(secret);

  const filled = fillTrackingAsSeller(gas.book, 'Asia/Tokyo', Date.now());
  expect(filled).toBeGreaterThan(0);
  // the seller's 伝票番号 cells were made text before anyone typed in them: numbers keep every digit
  const trackingCol = rows[0].indexOf('伝票番号');
  const typed = orders.readAll().slice(1).map((r) => r[trackingCol]).filter((v) => v !== '');
  expect(typed.length).toBe(filled);
  for (const v of typed) expect(typeof v).toBe('string');
  (ctx.exportTracking as () => void)();
  const temuConfirms = () => ((sandbox.mall('temu').control('state', {}) as { shipments?: unknown[] }).shipments ?? []).length;
  const sentOnce = temuConfirms();
  expect(sentOnce).toBeGreaterThan(0);

  const after = orders.readAll();
  const resultCol = after[0].indexOf('書出結果');
  expect(after.slice(1).filter((r) => String(r[resultCol]).startsWith('OK')).length).toBeGreaterThan(0);

  // a second export press sends nothing again
  const requestsBefore = gas.fetched.length;
  (ctx.exportTracking as () => void)();
  expect(temuConfirms()).toBe(sentOnce);
  expect(gas.fetched.slice(requestsBefore).filter((u) => u.includes('confirm')).length).toBe(0);
});
