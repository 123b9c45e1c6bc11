import type { MallConnector } from '../../engine/connector';
import type { ShopForm } from '../shared/rpc';
import { secretFields } from './secrets';

/**
 * The shop form ↔ the settings model (docs/contract.md §4). Pure. Inputs stay as typed until here; numbers that
 * do not read as numbers are passed on as text so the engine's schema names the field.
 */

/** docs/contract.md §4: region and warehouseId are Temu's; every other mall reads neither. */
const EXTRA_FIELDS: Record<string, ('region' | 'warehouseId')[]> = { temu: ['region', 'warehouseId'] };
/** docs/contract.md §4: TikTok signs in on its own auth host besides the API host. */
const AUTH_ENDPOINT_MALLS = new Set(['tiktok']);

export const extraFieldsOf = (mall: string) => EXTRA_FIELDS[mall] ?? [];
export const hasAuthEndpoint = (mall: string) => AUTH_ENDPOINT_MALLS.has(mall);

const str = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** A stored shop as the form shows it; secret values are left out. */
export function shopToForm(raw: Record<string, unknown>, connector: MallConnector | undefined): ShopForm {
  const secret = new Set(secretFields(connector));
  const credentials: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(raw.credentials))) if (!secret.has(k)) credentials[k] = str(v);
  const fetch = rec(raw.fetch);
  const endpoints = rec(raw.endpoints);
  return {
    name: str(raw.name),
    mall: str(raw.mall),
    enabled: raw.enabled !== false,
    credentials,
    secrets: {},
    region: str(raw.region),
    warehouseId: str(raw.warehouseId),
    statuses: Array.isArray(fetch.statuses) ? fetch.statuses.map(str) : [],
    days: str(fetch.days),
    initialStatus: str(raw.initialStatus),
    autoFetchMinutes: raw.autoFetchMinutes === undefined ? '30' : str(raw.autoFetchMinutes),
    autoExport: raw.autoExport === true,
    defaultCarrier: str(raw.defaultCarrier),
    endpointApi: str(endpoints.api),
    endpointAuth: str(endpoints.auth),
  };
}

/** The form as a shop of the settings model, without secrets; fields its mall does not read are dropped. */
export function formToShop(form: ShopForm, connector: MallConnector | undefined): Record<string, unknown> {
  const credentials: Record<string, string> = {};
  for (const f of connector?.credentialFields ?? []) {
    const v = (form.credentials[f.key] ?? '').trim();
    if (!f.secret && v !== '') credentials[f.key] = v;
  }
  const extras = extraFieldsOf(form.mall);
  const shop: Record<string, unknown> = {
    name: form.name.trim(),
    mall: form.mall,
    enabled: form.enabled,
    credentials,
    fetch: { statuses: form.statuses, days: numberOrText(form.days) },
    initialStatus: form.initialStatus,
    autoFetchMinutes: numberOrText(form.autoFetchMinutes),
    autoExport: form.autoExport,
    defaultCarrier: form.defaultCarrier.trim(),
  };
  if (extras.includes('region') && form.region.trim()) shop.region = form.region.trim();
  if (extras.includes('warehouseId') && form.warehouseId.trim()) shop.warehouseId = form.warehouseId.trim();
  const api = form.endpointApi.trim();
  const auth = hasAuthEndpoint(form.mall) ? form.endpointAuth.trim() : '';
  if (api || auth) shop.endpoints = { ...(api ? { api } : {}), ...(auth ? { auth } : {}) };
  return shop;
}

/**
 * The engine names fields by their docs/contract.md §4 path ('fetch.days', 'credentials.appSecret',
 * 'endpoints.api'); the form names its inputs. '' = no input of its own: shown at the top of the form.
 */
export function formFieldOf(path: string, connector: MallConnector | undefined): string {
  const cred = /^credentials\.([^.[]+)/.exec(path);
  if (cred) return secretFields(connector).includes(cred[1]) ? `secrets.${cred[1]}` : `credentials.${cred[1]}`;
  if (path.startsWith('fetch.statuses')) return 'statuses';
  if (path === 'fetch' || path.startsWith('fetch.days')) return 'days';
  if (path === 'endpoints' || path.startsWith('endpoints.api')) return 'endpointApi';
  if (path.startsWith('endpoints.auth')) return 'endpointAuth';
  const top = /^[A-Za-z]+$/.test(path) ? path : '';
  return [
    'name',
    'mall',
    'enabled',
    'region',
    'warehouseId',
    'initialStatus',
    'autoFetchMinutes',
    'autoExport',
    'defaultCarrier',
  ].includes(top)
    ? top
    : '';
}
