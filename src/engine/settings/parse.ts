import type { z } from 'zod';
import { type MessageKey, translate } from '../../i18n';
import type { MallConnector } from '../connector';
import { cellUnsafeChar, showUnsafeChars } from '../text/sheet-text';
import { endpointProblem } from './endpoints';
import { SettingsError, type SettingsIssue } from './errors';
import {
  EndpointSchema,
  type Locale,
  LocaleSchema,
  type Settings,
  SettingsBaseSchema,
  ShopBaseSchema,
  type ShopSettings,
} from './schema';

/**
 * docs/contract.md §4 validation shared by the CLI's JSON config and the Settings tab: every problem is collected
 * (never the first only), each naming the shop and the field, in the settings' own locale.
 */

/** Intervals the recurring trigger can honour (everyMinutes 1/5/10/15/30, hourly; docs/apps-script.md §C2). */
export const TIMER_MINUTES = [1, 5, 10, 15, 30, 60] as const;

/** Days of orders a fetch covers when the settings do not say (both views). */
export const DEFAULT_DAYS = 7;

export function isHonourableInterval(m: number): boolean {
  return m === 0 || (TIMER_MINUTES as readonly number[]).includes(m) || (m > 0 && m % 60 === 0);
}

/** An issue before it is worded for a sheet: which shop row / carrier row it came from. */
export interface FoundIssue extends SettingsIssue {
  shopIndex?: number;
  carrierIndex?: number;
}

export interface SettingsCheck {
  settings: Settings | null;
  issues: FoundIssue[];
  /** fields no schema knows (a typo like `autoExprot` would otherwise do nothing, silently) */
  warnings: FoundIssue[];
  locale: Locale;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function parseSettings(input: unknown, connectors: readonly MallConnector[]): Settings {
  const { settings, issues, locale } = checkSettings(input, connectors);
  if (!settings) throw settingsError(issues, locale);
  return settings;
}

/** Turns issues into the one error a caller shows: one readable line per problem. */
export function settingsError(
  issues: FoundIssue[],
  locale: Locale,
  fieldLabel: (field: string) => string = (f) => f,
): SettingsError {
  const t: T = (key, params) => translate(locale, key, params);
  const plain: SettingsIssue[] = issues.map(({ shop, field, cell, message }) => ({
    ...(shop !== undefined ? { shop } : {}),
    field,
    ...(cell !== undefined ? { cell } : {}),
    message,
  }));
  const lines = issues.map((i) => issueLine(i, locale, fieldLabel));
  return new SettingsError(plain, [t('settings.invalidHeader', { count: issues.length }), ...lines]);
}

/** `[cell] shop field: message`, the one way an issue (or a warning) is written. */
export function issueLine(i: FoundIssue, locale: Locale, fieldLabel: (field: string) => string = (f) => f): string {
  const where = [
    i.cell ?? '',
    i.shop !== undefined ? translate(locale, 'settings.shopLabel', { shop: i.shop }) : '',
    fieldLabel(i.field),
  ]
    .filter((s) => s !== '')
    .join(' ');
  return `${where}: ${i.message}`;
}

export function checkSettings(input: unknown, connectors: readonly MallConnector[]): SettingsCheck {
  const rawLocale = isRecord(input) ? LocaleSchema.safeParse(input.locale) : null;
  const locale: Locale = rawLocale?.success ? rawLocale.data : 'ja';
  const t: T = (key, params) => translate(locale, key, params);
  const issues: FoundIssue[] = [];

  const warnings: FoundIssue[] = [];
  const base = SettingsBaseSchema.safeParse(input);
  if (!base.success) {
    for (const zi of base.error.issues) {
      const carrierIndex = zi.path[0] === 'carriers' && typeof zi.path[1] === 'number' ? zi.path[1] : undefined;
      issues.push({ field: pathText(zi.path), message: describeZodIssue(zi, input, t), carrierIndex });
    }
    return { settings: null, issues, warnings, locale };
  }
  if (isRecord(input))
    warnUnknown(input, Object.keys(SettingsBaseSchema.shape), '', t, (field, message) =>
      warnings.push({ field, message }),
    );
  if (isRecord(input)) uncellableText(input, t, (i) => issues.push(i));
  const { timezone, carriers, shipper, labels, alerts, slips, accountType, archiveAfterDays } = base.data;
  if (!isTimeZone(timezone)) issues.push({ field: 'timezone', message: t('settings.timezone', { value: timezone }) });
  const carrierNames = new Set(carriers.map((c) => c.name.trim()));
  carriers.forEach((c, i) => {
    if (carriers.findIndex((o) => o.name.trim() === c.name.trim()) !== i)
      issues.push({
        field: `carriers[${i}].name`,
        message: t('settings.duplicateCarrier', { name: c.name }),
        carrierIndex: i,
      });
  });

  const rawShops = base.data.shops;
  if (rawShops.length === 0) issues.push({ field: 'shops', message: t('settings.noShops') });
  const shops: ShopSettings[] = [];
  const seen = new Set<string>();
  rawShops.forEach((raw, shopIndex) => {
    const shopLabel = shopNameOf(raw, shopIndex);
    const add = (field: string, message: string) => issues.push({ shop: shopLabel, field, message, shopIndex });
    const name = isRecord(raw) && typeof raw.name === 'string' ? raw.name.trim() : '';
    if (name !== '' && seen.has(name)) add('name', t('settings.duplicateShop', { name }));
    seen.add(name);
    const shop = checkShop(raw, connectors, carrierNames, t, add);
    if (shop) shops.push(shop);
    const connector = isRecord(raw) ? connectors.find((c) => c.id === raw.mall) : undefined;
    unknownShopFields(raw, connector, t, (field, message) =>
      warnings.push({ shop: shopLabel, field, message, shopIndex }),
    );
  });

  if (issues.length > 0) return { settings: null, issues: firstPerField(issues), warnings, locale };
  const settings: Settings = { locale, timezone, accountType, archiveAfterDays, shops, carriers };
  if (shipper) settings.shipper = shipper;
  if (labels) settings.labels = labels;
  if (slips) settings.slips = slips;
  if (alerts) settings.alerts = alerts;
  return { settings, issues, warnings, locale };
}

/** Fields of a shop (and of its fetch, endpoints and credentials) that no schema reads. */
function unknownShopFields(
  raw: unknown,
  connector: MallConnector | undefined,
  t: T,
  warn: (field: string, message: string) => void,
): void {
  if (!isRecord(raw)) return;
  const shape = ShopBaseSchema.shape;
  warnUnknown(raw, Object.keys(shape), '', t, warn);
  if (isRecord(raw.fetch)) warnUnknown(raw.fetch, Object.keys(shape.fetch.shape), 'fetch.', t, warn);
  if (isRecord(raw.endpoints))
    warnUnknown(raw.endpoints, Object.keys(shape.endpoints.unwrap().shape), 'endpoints.', t, warn);
  if (connector && isRecord(raw.credentials)) {
    warnUnknown(
      raw.credentials,
      connector.credentialFields.map((f) => f.key),
      'credentials.',
      t,
      warn,
    );
  }
}

function warnUnknown(
  rec: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  t: T,
  warn: (field: string, message: string) => void,
): void {
  for (const key of Object.keys(rec)) {
    if (!known.includes(key)) warn(`${prefix}${key}`, t('settings.unknownField', { known: known.join(', ') }));
  }
}

function checkShop(
  raw: unknown,
  connectors: readonly MallConnector[],
  carrierNames: Set<string>,
  t: T,
  add: (field: string, message: string) => void,
): ShopSettings | null {
  const rec = withFetchDefaults(raw, connectors);
  const parsed = ShopBaseSchema.safeParse(rec);
  if (!parsed.success) for (const zi of parsed.error.issues) add(pathText(zi.path), describeZodIssue(zi, rec, t));

  const name = typeof rec.name === 'string' ? rec.name.trim() : '';
  // ':' separates the parts of property keys (`secret:<shop>:<field>`, `shop:<name>:`)
  if (name.includes(':')) add('name', t('settings.nameColon'));

  const mall = typeof rec.mall === 'string' ? rec.mall : '';
  const connector = connectors.find((c) => c.id === mall);
  if (!connector) {
    if (mall !== '' || rec.mall !== undefined)
      add(
        'mall',
        t('settings.unknownMall', { value: String(rec.mall ?? ''), malls: connectors.map((c) => c.id).join(' / ') }),
      );
    return null;
  }

  const creds = isRecord(rec.credentials) ? rec.credentials : {};
  const reported = new Set<string>();
  for (const f of connector.credentialFields) {
    const v = creds[f.key];
    if (f.required && (typeof v !== 'string' || v.trim() === '')) {
      add(`credentials.${f.key}`, t('settings.required'));
      reported.add(f.key);
    }
  }
  const credCheck = connector.credentialsSchema.safeParse(creds);
  if (!credCheck.success) {
    for (const zi of credCheck.error.issues) {
      const key = String(zi.path[0] ?? '');
      if (reported.has(key)) continue;
      reported.add(key);
      add(`credentials${key ? `.${key}` : ''}`, describeZodIssue(zi, creds, t));
    }
  }

  const endpoints = isRecord(rec.endpoints) ? rec.endpoints : {};
  for (const key of ['api', 'auth'] as const) {
    const url = endpoints[key];
    if (typeof url !== 'string' || !EndpointSchema.safeParse(url).success) continue;
    const problem = endpointProblem(url, connector.officialHosts);
    if (problem === 'port') add(`endpoints.${key}`, t('settings.endpointPort'));
    else if (problem === 'host')
      add(`endpoints.${key}`, t('settings.endpointHost', { hosts: connector.officialHosts.join(', ') }));
  }

  const statuses = isRecord(rec.fetch) && Array.isArray(rec.fetch.statuses) ? rec.fetch.statuses : [];
  const unknown = statuses.filter((s) => typeof s !== 'string' || !connector.statuses.includes(s));
  if (unknown.length > 0)
    add(
      'fetch.statuses',
      t('settings.unknownStatuses', { values: unknown.map(String).join(', '), allowed: connector.statuses.join(', ') }),
    );

  const minutes = rec.autoFetchMinutes;
  if (typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 0 && !isHonourableInterval(minutes))
    add('autoFetchMinutes', t('settings.interval', { value: minutes }));

  const carrier = typeof rec.defaultCarrier === 'string' ? rec.defaultCarrier.trim() : '';
  if (carrier !== '' && !carrierNames.has(carrier))
    add('defaultCarrier', t('settings.unknownCarrier', { value: carrier }));

  if (!parsed.success) return null;
  return { ...parsed.data, name: parsed.data.name.trim(), defaultCarrier: carrier };
}

/** Two checks may flag one field (the base schema and the connector's): the user needs it once. */
export function firstPerField(issues: FoundIssue[]): FoundIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.shopIndex ?? ''}|${i.carrierIndex ?? ''}|${i.field}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Both views share one default: a missing `fetch` means the mall's default statuses over 7 days. */
function withFetchDefaults(raw: unknown, connectors: readonly MallConnector[]): Record<string, unknown> {
  const rec = isRecord(raw) ? raw : {};
  const connector = connectors.find((c) => c.id === rec.mall);
  if (!connector || (rec.fetch !== undefined && !isRecord(rec.fetch))) return rec;
  const fetch = isRecord(rec.fetch) ? rec.fetch : {};
  return { ...rec, fetch: { statuses: [...connector.defaultStatuses], days: DEFAULT_DAYS, ...fetch } };
}

function shopNameOf(raw: unknown, index: number): string {
  const name = isRecord(raw) && typeof raw.name === 'string' ? raw.name.trim() : '';
  return name !== '' ? showUnsafeChars(name) : `#${index + 1}`;
}

/**
 * Settings text ends up in cells (ショップ, 配送業者, the Settings tab); a character a cell file cannot hold would
 * be dropped on save, and a shop name that changes loses its rows' keys. Credentials never go into cells.
 */
function uncellableText(input: Record<string, unknown>, t: T, report: (issue: FoundIssue) => void): void {
  const walk = (v: unknown, path: (string | number)[], at: (field: string, message: string) => void): void => {
    if (typeof v === 'string') {
      const ch = cellUnsafeChar(v);
      if (ch) at(pathText(path), t('settings.controlChar', { char: ch }));
    } else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i], at);
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (k !== 'credentials') walk(x, [...path, k], at);
  };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'shops' && Array.isArray(value)) {
      for (const [shopIndex, shop] of value.entries())
        walk(shop, [], (field, message) => report({ shop: shopNameOf(shop, shopIndex), field, message, shopIndex }));
    } else {
      walk(value, [key], (field, message) => {
        const m = /^carriers\[(\d+)\]/.exec(field);
        report({ field, message, ...(m ? { carrierIndex: Number(m[1]) } : {}) });
      });
    }
  }
}

/** `fetch.statuses`, `carriers[2].temu`: the docs/contract.md §4 name of a field. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
}

/** A zod issue in the user's words, without ever quoting the input (it may be a secret). */
function describeZodIssue(zi: z.core.$ZodIssue, root: unknown, t: T): string {
  const field = String(zi.path[zi.path.length - 1] ?? '');
  if (field === 'api' || field === 'auth') return t('settings.endpoint');
  if (field === 'initialStatus') return t('settings.initialStatus');
  switch (zi.code) {
    case 'invalid_type':
      if (valueAt(root, zi.path) === undefined) return t('settings.required');
      if (zi.expected === 'int' && typeof valueAt(root, zi.path) === 'number') return t('settings.wholeNumber');
      return t(`settings.type.${typeWord(zi.expected)}`);
    case 'too_small':
      if (zi.origin === 'string' || zi.origin === 'array') return t('settings.required');
      return t('settings.min', { min: String(zi.minimum) });
    case 'too_big':
      return t('settings.max', { max: String(zi.maximum) });
    case 'invalid_value':
      return t('settings.oneOf', { values: zi.values.map(String).join(' / ') });
    case 'invalid_format':
      return t('settings.format');
    case 'custom':
      return zi.message in CUSTOM_MESSAGES ? t(CUSTOM_MESSAGES[zi.message]) : t('settings.invalid');
    default:
      return t('settings.invalid');
  }
}

/** The refinements of schema.ts, by the message they carry. */
const CUSTOM_MESSAGES: Record<string, MessageKey> = {
  postal: 'settings.postal',
  phone: 'settings.phone',
  billingCode: 'settings.b2.billingCode',
  billingClass: 'settings.b2.billingClass',
  freightNo: 'settings.b2.freightNo',
};

function typeWord(expected: string): 'number' | 'boolean' | 'text' | 'list' | 'object' {
  if (expected === 'number' || expected === 'int') return 'number';
  if (expected === 'boolean') return 'boolean';
  if (expected === 'array') return 'list';
  if (expected === 'object' || expected === 'record') return 'object';
  return 'text';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
