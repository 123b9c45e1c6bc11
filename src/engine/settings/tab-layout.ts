import { type MessageKey, translate } from '../../i18n';
import type { MallConnector } from '../connector';
import { looseKey } from '../text/sheet-text';
import type { Locale } from './schema';

/**
 * The Settings tab (設定 / Settings), documented in docs/settings-tab.md: blocks, each opened by a marker
 * in column A — general (label | value), shops (one row per shop, columns found by header text in either
 * locale), carriers (名前 | one column per mall | 送り状形式), shipper and labels (label | value, as general).
 */

export const SETTINGS_SHEET_NAMES = { ja: '設定', en: 'Settings' } as const;

export type BlockId = 'general' | 'shops' | 'carriers' | 'shipper' | 'alerts';
const BLOCK_KEYS: Record<BlockId, MessageKey> = {
  general: 'settings.block.general',
  shops: 'settings.block.shops',
  carriers: 'settings.block.carriers',
  shipper: 'settings.block.shipper',
  alerts: 'settings.block.alerts',
};

/** The column A text that opens a block, in either locale, with or without its brackets. */
export function blockOf(cell: string): BlockId | null {
  const k = looseKey(cell).replace(/^[[［【]|[\]］】]$/g, '');
  for (const id of Object.keys(BLOCK_KEYS) as BlockId[]) {
    for (const loc of ['ja', 'en'] as const) if (looseKey(translate(loc, BLOCK_KEYS[id])) === k) return id;
  }
  return null;
}

export function blockMarker(id: BlockId, locale: Locale): string {
  return `[${translate(locale, BLOCK_KEYS[id])}]`;
}

/** General entries by their docs/contract.md §4 path: a dotted path fills a nested object (`shipper.name`). */
export const GENERAL_FIELDS = {
  locale: 'settings.general.locale',
  timezone: 'settings.general.timezone',
  accountType: 'settings.general.accountType',
  archiveAfterDays: 'settings.general.archiveAfterDays',
  'shipper.name': 'settings.general.shipper.name',
  'shipper.postalCode': 'settings.general.shipper.postalCode',
  'shipper.address': 'settings.general.shipper.address',
  'shipper.phone': 'settings.general.shipper.phone',
  'labels.b2.billingCode': 'settings.general.labels.b2.billingCode',
  'labels.b2.billingClass': 'settings.general.labels.b2.billingClass',
  'labels.b2.freightNo': 'settings.general.labels.b2.freightNo',
  'labels.b2.itemName': 'settings.general.labels.b2.itemName',
  'labels.b2.handling': 'settings.general.labels.b2.handling',
  'slips.advanceStatus': 'settings.general.slips.advanceStatus',
  'alerts.email': 'settings.general.alertEmail',
  'alerts.digest': 'settings.general.alertDigest',
  'alerts.webhook': 'settings.general.alertWebhook',
} as const satisfies Record<string, MessageKey>;
export type GeneralField = keyof typeof GENERAL_FIELDS;
/** General entries that are not text: read like the shop table's cells of that kind. */
export const GENERAL_KINDS: Partial<Record<GeneralField, 'boolean'>> = { 'slips.advanceStatus': 'boolean' };

/** Sets `value` at a dotted general-field path, creating the objects on the way. */
export function setGeneralField(target: object, field: string, value: unknown): void {
  const parts = field.split('.');
  let at = target as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    const child = (typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    at[p] = child;
    at = child;
  }
  at[parts[parts.length - 1]] = value;
}

/** The value at a dotted general-field path, when it is text. */
export function generalFieldOf(source: object, field: string): string | undefined {
  let at: unknown = source;
  for (const p of field.split('.'))
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[p] : undefined;
  return typeof at === 'string' ? at : undefined;
}

/** Shop table columns: `field` is the docs/contract.md §4 path the column fills (status columns are read-only). */
export interface ShopColumn {
  field: string;
  label: Record<Locale, string>;
  kind: 'text' | 'number' | 'boolean' | 'list' | 'secret' | 'status';
}

const fixed = (field: string, key: MessageKey, kind: ShopColumn['kind']): ShopColumn => ({
  field,
  label: { ja: translate('ja', key), en: translate('en', key) },
  kind,
});

/** Credential fields docs/contract.md §4 names, in a stable column order; a new mall's extra fields follow. */
const KNOWN_CREDENTIALS: { key: string; label: MessageKey; secret: boolean }[] = [
  { key: 'appKey', label: 'settings.cred.appKey', secret: false },
  { key: 'appSecret', label: 'settings.cred.appSecret', secret: true },
  { key: 'accessToken', label: 'settings.cred.accessToken', secret: true },
  { key: 'refreshToken', label: 'settings.cred.refreshToken', secret: true },
  { key: 'shopCipher', label: 'settings.cred.shopCipher', secret: false },
  { key: 'apiKey', label: 'settings.cred.apiKey', secret: true },
  { key: 'userId', label: 'settings.cred.userId', secret: false },
  { key: 'password', label: 'settings.cred.password', secret: true },
  { key: 'apiKeyIssuedOn', label: 'settings.cred.apiKeyIssuedOn', secret: false },
];

/** Every column of the shop table, for the given malls. A field any mall marks secret is secret in every row. */
export function shopColumns(connectors: readonly MallConnector[]): ShopColumn[] {
  const declared = connectors.flatMap((c) => c.credentialFields);
  const isSecret = (key: string, known: boolean) => known || declared.some((f) => f.key === key && f.secret);
  const creds: ShopColumn[] = KNOWN_CREDENTIALS.map((k) => ({
    field: `credentials.${k.key}`,
    label: { ja: translate('ja', k.label), en: translate('en', k.label) },
    kind: isSecret(k.key, k.secret) ? 'secret' : 'text',
  }));
  for (const f of declared) {
    if (creds.some((c) => c.field === `credentials.${f.key}`)) continue;
    creds.push({ field: `credentials.${f.key}`, label: { ja: f.key, en: f.key }, kind: f.secret ? 'secret' : 'text' });
  }
  return [
    fixed('name', 'settings.col.name', 'text'),
    fixed('mall', 'settings.col.mall', 'text'),
    fixed('enabled', 'settings.col.enabled', 'boolean'),
    fixed('autoFetchMinutes', 'settings.col.autoFetchMinutes', 'number'),
    fixed('autoExport', 'settings.col.autoExport', 'boolean'),
    fixed('fetch.statuses', 'settings.col.statuses', 'list'),
    fixed('fetch.days', 'settings.col.days', 'number'),
    fixed('initialStatus', 'settings.col.initialStatus', 'text'),
    fixed('defaultCarrier', 'settings.col.defaultCarrier', 'text'),
    fixed('slipComment', 'settings.col.slipComment', 'text'),
    fixed('region', 'settings.col.region', 'text'),
    fixed('warehouseId', 'settings.col.warehouseId', 'text'),
    ...creds,
    fixed('endpoints.api', 'settings.col.endpointApi', 'text'),
    fixed('endpoints.auth', 'settings.col.endpointAuth', 'text'),
    fixed('status.lastFetchAt', 'settings.col.lastFetchAt', 'status'),
    fixed('status.expiresAt', 'settings.col.expiresAt', 'status'),
  ];
}

/** The header text of one of shopColumns' fields (the caller names a field of that list). */
export function columnLabel(columns: readonly ShopColumn[], field: string, locale: Locale): string {
  const column = columns.find((c) => c.field === field);
  if (!column) throw new Error(`settings tab: no shop column "${field}"`);
  return column.label[locale];
}

/** Header row cells → column index per field (first occurrence wins; unknown headers are the user's own). */
export function findColumns<C extends { field: string; label: Record<Locale, string> }>(
  header: readonly unknown[],
  columns: readonly C[],
): Map<string, number> {
  const byText = new Map<string, string>();
  for (const c of columns) for (const l of Object.values(c.label)) byText.set(looseKey(l), c.field);
  const at = new Map<string, number>();
  header.forEach((cell, i) => {
    const field = typeof cell === 'string' ? byText.get(looseKey(cell)) : undefined;
    if (field !== undefined && !at.has(field)) at.set(field, i);
  });
  return at;
}

/** Carrier table columns: the name, then one column per mall (header = the mall's label). */
export function carrierColumns(
  connectors: readonly MallConnector[],
): { field: string; label: Record<Locale, string> }[] {
  return [
    {
      field: 'name',
      label: { ja: translate('ja', 'settings.carrier.name'), en: translate('en', 'settings.carrier.name') },
    },
    ...connectors.map((c) => ({ field: c.carrierKey, label: { ja: c.label, en: c.label } })),
    {
      field: 'labels',
      label: { ja: translate('ja', 'settings.carrier.labels'), en: translate('en', 'settings.carrier.labels') },
    },
  ];
}

/** A1 notation for error messages: 設定!F5. */
export function cellName(sheet: string, row: number, col: number): string {
  let n = col;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${sheet}!${letters}${row}`;
}

/** The text a secret cell shows once its value lives in document properties. */
export function maskText(locale: Locale): string {
  return translate(locale, 'settings.masked');
}

export function isMasked(cell: string): boolean {
  return cell.trim().startsWith('●●●●');
}

/** Where a secret typed into the tab is kept (document properties; docs/contract.md §2 設定). */
export const secretKey = (shop: string, field: string) => `secret:${shop}:${field}`;

/** Common carriers and the label software whose issued data names them (docs/shipping-labels.md). */
const CARRIER_TEMPLATE = [
  { name: 'ヤマト運輸', labels: 'b2' },
  { name: '佐川急便', labels: 'ehiden2' },
  { name: '日本郵便', labels: 'yupri' },
];

/** A new tab: the three blocks with headers, a few blank shop rows, and common carrier names to fill in. */
export function templateRows(connectors: readonly MallConnector[], locale: Locale): string[][] {
  const shopCols = shopColumns(connectors);
  const carrierCols = carrierColumns(connectors);
  const width = Math.max(shopCols.length, carrierCols.length, 2);
  const row = (cells: string[]) => [...cells, ...new Array<string>(width - cells.length).fill('')];
  const blankShopRows = 5;
  const fieldRows = (...prefixes: string[]) =>
    (Object.keys(GENERAL_FIELDS) as GeneralField[])
      .filter((f) => prefixes.some((p) => f.startsWith(p)))
      .map((f) => row([translate(locale, GENERAL_FIELDS[f])]));
  return [
    row([blockMarker('general', locale)]),
    row([translate(locale, GENERAL_FIELDS.locale), locale]),
    row([translate(locale, GENERAL_FIELDS.timezone), 'Asia/Tokyo']),
    row([]),
    row([blockMarker('shops', locale)]),
    row(shopCols.map((c) => c.label[locale])),
    ...Array.from({ length: blankShopRows }, () => row([])),
    row([blockMarker('carriers', locale)]),
    row(carrierCols.map((c) => c.label[locale])),
    ...CARRIER_TEMPLATE.map(({ name, labels }) => {
      const cells = carrierCols.map((c) => (c.field === 'name' ? name : c.field === 'labels' ? labels : ''));
      return row(cells);
    }),
    row([]),
    // ご依頼主 and B2 billing, label | value like [全般]: blank until labels or slips are used
    row([blockMarker('shipper', locale)]),
    ...fieldRows('shipper.', 'labels.'),
    row([]),
    // where alerts go (docs/contract.md §4 alerts): blank = the sheet's owner, one mail per event
    row([blockMarker('alerts', locale)]),
    ...fieldRows('alerts.'),
  ];
}
