import type { MallConnector } from '../../engine/connector';
import { MANAGEMENT_STATUS_LABELS } from '../../engine/order-line';
import { readState } from '../../engine/run/state';
import { checkSettings, type FoundIssue, settingsError, TIMER_MINUTES } from '../../engine/settings/parse';
import { CarrierSchema, type Locale, LocaleSchema } from '../../engine/settings/schema';
import { formatDateTime } from '../../engine/text/dates';
import { translate } from '../../i18n';
import { ja } from '../../i18n/ja';
import type {
  CarrierRow,
  FieldIssue,
  MallView,
  SaveAlertsRequest,
  SaveCarriersRequest,
  SaveCarriersResponse,
  SaveGeneralRequest,
  SaveShopRequest,
  SaveShopResponse,
  ShopView,
  SidebarState,
} from '../shared/rpc';
import { alertsView, saveAlerts as storeAlerts } from './alerts';
import { deleteShopRecords, renameShopRecords, savedSecrets, secretFields, storeSecrets } from './secrets';
import type { RawSettings, UiEnv } from './settings-document';
import { extraFieldsOf, formFieldOf, formToShop, hasAuthEndpoint, shopToForm } from './shop-form';

/**
 * The sidebar's server side: what the page may see of the settings, and every save, validated by the
 * engine's own checkSettings (one schema, docs/contract.md §4) before anything is written.
 */

const DAY = 86_400_000;

export function localeOf(raw: RawSettings): Locale {
  const l = LocaleSchema.safeParse(raw.locale);
  return l.success ? l.data : 'ja';
}

function timezoneOf(raw: RawSettings): string {
  return typeof raw.timezone === 'string' && raw.timezone.trim() !== '' ? raw.timezone.trim() : 'Asia/Tokyo';
}

const strOf = (v: unknown) => (typeof v === 'string' ? v : '');
const connectorOf = (env: UiEnv, mall: unknown) => env.connectors.find((c) => c.id === mall);

/** Every text of the pages, in one locale (the `sidebar.` section of src/i18n). */
export function pageStrings(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(ja) as (keyof typeof ja)[])
    if (key.startsWith('sidebar.')) out[key] = translate(locale, key);
  return out;
}

function credentialLabel(locale: Locale, key: string): string {
  const k = `sidebar.cred.${key}`;
  return k in ja ? translate(locale, k as keyof typeof ja) : key;
}

function mallView(c: MallConnector, locale: Locale): MallView {
  return {
    id: c.id,
    label: c.label,
    credentialFields: c.credentialFields.map((f) => ({
      key: f.key,
      label: credentialLabel(locale, f.key),
      secret: f.secret,
      required: f.required,
    })),
    extraFields: extraFieldsOf(c.id),
    statuses: [...c.statuses],
    defaultStatuses: [...c.defaultStatuses],
    hasAuthEndpoint: hasAuthEndpoint(c.id),
    carrierKey: c.carrierKey,
  };
}

/** A raw shop with its saved secrets put back, as the engine validates and runs it. */
function withSecrets(
  env: UiEnv,
  shop: Record<string, unknown>,
  typed: Record<string, string> = {},
  savedUnder?: string,
): Record<string, unknown> {
  const connector = connectorOf(env, shop.mall);
  const nonEmpty = Object.fromEntries(
    Object.entries(typed).filter(([k, v]) => v !== '' && secretFields(connector).includes(k)),
  );
  const creds =
    typeof shop.credentials === 'object' && shop.credentials !== null
      ? (shop.credentials as Record<string, unknown>)
      : {};
  return {
    ...shop,
    credentials: {
      ...creds,
      ...savedSecrets(env.props, savedUnder ?? strOf(shop.name).trim(), connector),
      ...nonEmpty,
    },
  };
}

/** The carriers of the table that are themselves valid: what a shop's defaultCarrier may name. */
function validCarriers(raw: RawSettings): Record<string, unknown>[] {
  return raw.carriers.filter((c) => CarrierSchema.safeParse(c).success);
}

/**
 * One shop checked on its own (a broken carrier row or another shop must not hide or block this one's
 * problems), with the settings' locale and carrier names around it.
 */
function shopIssues(env: UiEnv, raw: RawSettings, shop: Record<string, unknown>): FoundIssue[] {
  const probe = { locale: localeOf(raw), timezone: 'UTC', shops: [shop], carriers: validCarriers(raw) };
  return checkSettings(probe, env.connectors).issues.filter((i) => i.shopIndex === 0);
}

function toFieldIssues(issues: FoundIssue[], connector: MallConnector | undefined): FieldIssue[] {
  return issues.map((i) => {
    const field = formFieldOf(i.field, connector);
    return { field, message: field ? i.message : `${i.field}: ${i.message}` };
  });
}

function shopView(env: UiEnv, raw: RawSettings, shop: Record<string, unknown>, timezone: string): ShopView {
  const connector = connectorOf(env, shop.mall);
  const name = strOf(shop.name).trim();
  const saved = savedSecrets(env.props, name, connector);
  const { lastFetchAt, expiresAt } = readState(env.props, name);
  const now = env.clock.now();
  return {
    form: shopToForm(shop, connector),
    secretsSaved: Object.fromEntries(secretFields(connector).map((k) => [k, k in saved])),
    lastFetch: lastFetchAt !== undefined ? formatDateTime(lastFetchAt, timezone) : null,
    expiry: expiresAt !== undefined && expiresAt !== null ? formatDateTime(expiresAt, timezone) : null,
    expiryDays: expiresAt !== undefined && expiresAt !== null ? Math.floor((expiresAt - now) / DAY) : null,
    issues: toFieldIssues(shopIssues(env, raw, withSecrets(env, shop)), connector),
  };
}

function carrierRows(env: UiEnv, raw: RawSettings): CarrierRow[] {
  const keys = [...new Set(env.connectors.map((c) => c.carrierKey))];
  return raw.carriers.map((c) => ({
    name: strOf(c.name),
    values: Object.fromEntries(keys.map((k) => [k, strOf(c[k])])),
  }));
}

/** Problems outside any shop: carrier table, language, time zone (each shop shows its own). */
function generalProblems(env: UiEnv, raw: RawSettings, locale: Locale): string[] {
  const probe = { locale: raw.locale, timezone: raw.timezone, shops: [], carriers: raw.carriers };
  const issues = checkSettings(probe, env.connectors).issues.filter(
    (i) => i.shopIndex === undefined && i.field !== 'shops',
  );
  return issues.length ? settingsError(issues, locale).lines.slice(1) : [];
}

export function sidebarState(env: UiEnv): SidebarState {
  const raw = env.settingsDoc.read();
  const locale = localeOf(raw);
  const timezone = timezoneOf(raw);
  return {
    locale,
    timezone,
    strings: pageStrings(locale),
    malls: env.connectors.map((c) => mallView(c, locale)),
    shops: raw.shops.map((s) => shopView(env, raw, s, timezone)),
    carriers: carrierRows(env, raw),
    managementStatuses: Object.values(MANAGEMENT_STATUS_LABELS[locale]),
    autoFetchChoices: [0, ...TIMER_MINUTES],
    problems: generalProblems(env, raw, locale),
    alerts: alertsView(env, raw),
  };
}

export function saveAlerts(env: UiEnv, req: SaveAlertsRequest): SaveShopResponse {
  const { issues, saved } = storeAlerts(env, req, localeOf(env.settingsDoc.read()));
  return { saved, issues, state: saved ? sidebarState(env) : null };
}

/** Shop fields edited in the Settings tab only (docs/settings-tab.md), kept when the sidebar saves a shop. */
const KEPT_FIELDS = ['slipComment'] as const;

export function saveShop(env: UiEnv, req: SaveShopRequest): SaveShopResponse {
  const raw = env.settingsDoc.read();
  const locale = localeOf(raw);
  const index = req.originalName === null ? -1 : raw.shops.findIndex((s) => strOf(s.name).trim() === req.originalName);
  if (req.originalName !== null && index < 0)
    return {
      saved: false,
      issues: [{ field: '', message: translate(locale, 'sidebar.err.unknownShop', { name: req.originalName }) }],
      state: null,
    };

  const connector = connectorOf(env, req.shop.mall);
  const shop = formToShop(req.shop, connector);
  // the form does not show every field: what it leaves out stays as the tab holds it
  if (index >= 0) for (const f of KEPT_FIELDS) if (raw.shops[index][f] !== undefined) shop[f] = raw.shops[index][f];
  const issues = toFieldIssues(
    shopIssues(env, raw, withSecrets(env, shop, req.shop.secrets, req.originalName ?? undefined)),
    connector,
  );
  const name = strOf(shop.name);
  if (name && raw.shops.some((s, i) => i !== index && strOf(s.name).trim() === name))
    issues.unshift({ field: 'name', message: translate(locale, 'sidebar.err.nameTaken', { name }) });
  if (issues.length) return { saved: false, issues, state: null };

  storeSecrets(env.props, req.originalName, name, connector, req.shop.secrets);
  if (req.originalName !== null) renameShopRecords(env.props, req.originalName, name);
  const shops = [...raw.shops];
  if (index < 0) shops.push(shop);
  else shops[index] = shop;
  env.settingsDoc.write({ ...raw, shops });
  return { saved: true, issues: [], state: sidebarState(env) };
}

export function deleteShop(env: UiEnv, name: string): SidebarState {
  const raw = env.settingsDoc.read();
  const shops = raw.shops.filter((s) => strOf(s.name).trim() !== name);
  if (shops.length === raw.shops.length)
    throw new UiError(translate(localeOf(raw), 'sidebar.err.unknownShop', { name }));
  env.settingsDoc.write({ ...raw, shops });
  deleteShopRecords(env.props, name);
  return sidebarState(env);
}

export function saveCarriers(env: UiEnv, req: SaveCarriersRequest): SaveCarriersResponse {
  const raw = env.settingsDoc.read();
  // a row left wholly empty is a row the user did not fill: dropped, not an error
  const kept = req.carriers.filter((r) => r.name.trim() !== '' || Object.values(r.values).some((v) => v.trim() !== ''));
  const rowOf = kept.map((r) => req.carriers.indexOf(r));
  const carriers = kept.map((r) => {
    const out: Record<string, unknown> = { name: r.name.trim() };
    for (const [k, v] of Object.entries(r.values)) if (v.trim() !== '') out[k] = v.trim();
    return out;
  });
  const probe = { locale: localeOf(raw), timezone: 'UTC', shops: [], carriers };
  const issues = checkSettings(probe, env.connectors)
    .issues.filter((i) => i.field.startsWith('carriers'))
    .map((i) => {
      const m = /^carriers\[(\d+)\]\.?([^.[]*)/.exec(i.field);
      return m
        ? { row: rowOf[Number(m[1])], field: m[2] || 'name', message: i.message }
        : { row: -1, field: '', message: i.message };
    });
  if (issues.length) return { saved: false, issues, state: null };
  env.settingsDoc.write({ ...raw, carriers });
  return { saved: true, issues: [], state: sidebarState(env) };
}

export function saveGeneral(env: UiEnv, req: SaveGeneralRequest): SaveShopResponse {
  const raw = env.settingsDoc.read();
  const next = { ...raw, locale: req.locale, timezone: req.timezone.trim() };
  const probe = { locale: next.locale, timezone: next.timezone, shops: [], carriers: [] };
  const issues = checkSettings(probe, env.connectors)
    .issues.filter((i) => i.field === 'locale' || i.field === 'timezone')
    .map((i) => ({ field: i.field, message: i.message }));
  if (issues.length) return { saved: false, issues, state: null };
  env.settingsDoc.write(next);
  return { saved: true, issues: [], state: sidebarState(env) };
}

/** A failure whose message is meant for the user as it is (already in their language). */
export class UiError extends Error {}
