import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Sandbox } from '../../src/sandbox/sandbox';
import { DEMO_CARRIERS, demoSettings } from '../../src/sandbox/demo-config';
import { CONNECTORS } from '../../src/malls';
import { fakeAppsScript } from './fake-apps-script';

/** dist/Code.js in node:vm with the fake Apps Script services, and a seller's setup through the sidebar. */

const codeFile = path.resolve(__dirname, '../../dist/Code.js');
const BASE = 'http://sandbox.mallsheet.test:8787';

export type Reply = { ok: boolean; value?: { saved?: boolean; issues?: unknown[] }; error?: string };

export function setUp() {
  const sandbox = new Sandbox({ now: () => Date.now(), seed: 7 });
  const gas = fakeAppsScript(sandbox);
  const ctx = vm.createContext({ ...gas.globals });
  gas.useScriptDate(vm.runInContext('Date', ctx));
  vm.runInContext(fs.readFileSync(codeFile, 'utf8'), ctx, { filename: 'Code.js' });
  const call = (name: string, req: unknown = {}) => (ctx[name] as (r: unknown) => Reply)(req);
  return { sandbox, gas, ctx, call };
}

/** The demo shops typed into the sidebar's form: secret fields in `secrets`, the rest as text inputs. */
export function shopForms(): Record<string, unknown>[] {
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

export function secretValues(): string[] {
  return (demoSettings(BASE).shops as Record<string, any>[]).flatMap((s) => {
    const fields = CONNECTORS.find((c) => c.id === s.mall)!.credentialFields;
    return fields.filter((f) => f.secret && s.credentials[f.key]).map((f) => String(s.credentials[f.key]));
  });
}

/** The demo carriers and shops saved through the sidebar's server calls, as a seller sets them up. */
export function setUpShops(call: ReturnType<typeof setUp>['call']): void {
  const carriers = call('sidebarSaveCarriers', { carriers: DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values })) });
  if (!carriers.ok) throw new Error(`carriers not saved: ${JSON.stringify(carriers)}`);
  for (const shop of shopForms()) {
    const saved = call('sidebarSaveShop', { originalName: null, shop });
    if (!saved.ok || saved.value?.saved !== true) throw new Error(`shop not saved: ${JSON.stringify(saved)}`);
  }
}
