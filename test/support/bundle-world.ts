import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { CONNECTORS } from '../../src/malls';
import { DEMO_CARRIERS, demoSettings } from '../../src/sandbox/demo-config';
import { Sandbox } from '../../src/sandbox/sandbox';
import { fakeAppsScript } from './fake-apps-script';

/**
 * The built bundle (dist/Code.js) loaded in node:vm with only (fake) Apps Script services, the sandbox
 * malls answering UrlFetchApp in-process; and the demo shops as a seller types them into the sidebar.
 */

const codeFile = path.resolve(__dirname, '../../dist/Code.js');
export const BASE = 'http://127.0.0.1:8787';

export type Reply = { ok: boolean; value?: { saved?: boolean; issues?: unknown[] }; error?: string };

/**
 * `advance(ms)` moves the script's clock (its Date) and the sandbox's together: days pass in a test the
 * way they pass between timer runs.
 */
export function setUp() {
  let shift = 0;
  const sandbox = new Sandbox({ now: () => Date.now() + shift, seed: 7 });
  const gas = fakeAppsScript(sandbox);
  const ctx = vm.createContext({ ...gas.globals, __shift: () => shift });
  vm.runInContext(SHIFTED_DATE, ctx);
  gas.useScriptDate(vm.runInContext('Date', ctx));
  vm.runInContext(fs.readFileSync(codeFile, 'utf8'), ctx, { filename: 'Code.js' });
  const call = (name: string, req: unknown = {}) => (ctx[name] as (r: unknown) => Reply)(req);
  const advance = (ms: number) => {
    shift += ms;
  };
  return { sandbox, gas, ctx, call, advance, now: () => Date.now() + shift };
}

/** The context's Date, reading the time through __shift(); everything else is the real Date. */
const SHIFTED_DATE = `(() => {
  const Real = Date;
  function ShiftedDate(...args) {
    if (!new.target) return new Real(Real.now() + __shift()).toString();
    return args.length === 0 ? new Real(Real.now() + __shift()) : new Real(...args);
  }
  ShiftedDate.now = () => Real.now() + __shift();
  ShiftedDate.UTC = Real.UTC;
  ShiftedDate.parse = Real.parse;
  ShiftedDate.prototype = Real.prototype;
  globalThis.Date = ShiftedDate;
})();`;

/** A shop of demoSettings as src/sandbox/demo-shop.ts writes it (the fields the sidebar's form shows). */
interface DemoShop {
  name: string;
  mall: string;
  credentials: Record<string, string>;
  region?: string;
  warehouseId?: string;
  fetch: { statuses: string[]; days: number };
  initialStatus: string;
  autoFetchMinutes?: number;
  defaultCarrier: string;
  endpoints: { api: string; auth: string };
}

const demoShops = () => demoSettings(BASE).shops as DemoShop[];

/** The demo shops typed into the sidebar's form: secret fields in `secrets`, the rest as text inputs. */
export function shopForms(): Record<string, unknown>[] {
  const shops = demoShops().map((s) => {
    const fields = CONNECTORS.find((c) => c.id === s.mall)!.credentialFields;
    const creds = s.credentials;
    const pick = (secret: boolean) =>
      Object.fromEntries(
        fields.filter((f) => f.secret === secret && creds[f.key] !== undefined).map((f) => [f.key, creds[f.key]]),
      );
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

export function secretValues(): string[] {
  return demoShops().flatMap((s) => {
    const fields = CONNECTORS.find((c) => c.id === s.mall)!.credentialFields;
    return fields.filter((f) => f.secret && s.credentials[f.key]).map((f) => String(s.credentials[f.key]));
  });
}

/** The demo carriers and shops saved through the sidebar's server calls, as a seller sets them up. */
export function setUpShops(call: ReturnType<typeof setUp>['call']): void {
  const carriers = call('sidebarSaveCarriers', {
    carriers: DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values })),
  });
  if (!carriers.ok) throw new Error(`carriers not saved: ${JSON.stringify(carriers)}`);
  for (const shop of shopForms()) {
    const saved = call('sidebarSaveShop', { originalName: null, shop });
    if (!saved.ok || saved.value?.saved !== true) throw new Error(`shop not saved: ${JSON.stringify(saved)}`);
  }
}
