import { translate } from '../../i18n';
import type { CellValue, PropertiesPort, SheetPort, SpreadsheetPort } from '../../ports';
import type { MallConnector } from '../connector';
import type { ShopState } from '../run/state';
import { formatDateTime } from '../text/dates';
import { toSheetValue } from '../text/sheet-text';
import { checkSettings, type FoundIssue, firstPerField, issueLine, settingsError } from './parse';
import { type Locale, LocaleSchema, type Settings } from './schema';
import {
  carrierColumns,
  cellName,
  columnLabel,
  findColumns,
  GENERAL_FIELDS,
  GENERAL_KINDS,
  isMasked,
  maskText,
  SETTINGS_SHEET_NAMES,
  type ShopColumn,
  secretKey,
  setGeneralField,
  shopColumns,
  templateRows,
} from './tab-layout';
import { ensureSettingsLayout } from './tab-look';
import { type CellNote, cellPosition, syncSettingsNotes } from './tab-notes';
import {
  carrierEntry,
  generalEntries,
  mallOf,
  parseCell,
  readTabCells,
  readTable,
  rowFilled,
  type TableRow,
  withBlankDefaults,
} from './tab-reader';

export function findSettingsSheet(book: SpreadsheetPort): SheetPort | null {
  return book.getSheet(SETTINGS_SHEET_NAMES.ja) ?? book.getSheet(SETTINGS_SHEET_NAMES.en);
}

/**
 * The language of a tab made before any setting names one: English when the spreadsheet's own locale is
 * English (File → Settings → Locale), else Japanese, the sheet's default (docs/contract.md §2).
 */
export function newTabLocale(book: SpreadsheetPort): Locale {
  return /^en(?:[_-]|$)/i.test(book.locale?.() ?? '') ? 'en' : 'ja';
}

/** The Settings tab as a run read it, kept with the Settings it gave so writeShopStatus need not read it again. */
interface ReadTab {
  sheet: SheetPort;
  /** the values read, kept up to date with what this module writes */
  grid: CellValue[][];
}
const readTabs = new WeakMap<Settings, ReadTab>();

/**
 * Reads the Settings tab into the docs/contract.md §4 model (creating a template tab when there is none). Secrets
 * typed into cells move to document properties and the cell is masked — even when other settings are
 * invalid, so a secret never stays visible longer than one run. Throws SettingsError naming each cell.
 */
export function loadSettingsFromBook(
  book: SpreadsheetPort,
  props: PropertiesPort,
  connectors: readonly MallConnector[],
): Settings {
  let sheet = findSettingsSheet(book);
  let grid: CellValue[][];
  if (sheet) grid = sheet.readAll();
  else {
    const first = newTabLocale(book);
    sheet = book.insertSheet(SETTINGS_SHEET_NAMES[first]);
    grid = templateRows(connectors, first);
    // plain text first, so keys and passwords with leading zeros stay as typed
    sheet.setFormats(
      1,
      1,
      grid.map((r) => r.map(() => '@')),
    );
    sheet.writeBlock(1, 1, grid);
  }
  const tab = readTabCells(grid);
  const { blocks } = tab;
  const cellOf = (r: number, c: number) => cellName(sheet.name, r + 1, c + 1);

  const general: Record<string, unknown> = {};
  const generalCells = new Map<string, string>();
  const entries = generalEntries(tab);
  for (const e of entries) {
    if (e.value !== '' && !e.field.startsWith('alerts.'))
      setGeneralField(general, e.field, parseCell(e.value, GENERAL_KINDS[e.field] ?? 'text'));
    generalCells.set(e.field, cellOf(e.row, e.col));
  }
  const parsedLocale = LocaleSchema.safeParse(general.locale);
  const locale: Locale = parsedLocale.success ? parsedLocale.data : 'ja';
  const alerts = alertsFromTab(entries, props, (r, c) => {
    sheet.writeBlock(r + 1, c + 1, [[maskText(locale)]]);
    grid[r][c] = maskText(locale);
  });
  if (alerts) general.alerts = alerts;

  const layoutIssues: FoundIssue[] = [];
  const cells = new Map<string, string>(); // `${shopIndex}|${field}` or `c${i}|${field}` → A1
  const shops: Record<string, unknown>[] = [];
  const columns = shopColumns(connectors);
  if (!blocks.shops)
    layoutIssues.push({
      field: 'shops',
      message: translate(locale, 'settings.tab.noBlock', { block: translate(locale, 'settings.block.shops') }),
    });
  else {
    const { at, rows } = readTable(tab, blocks.shops, columns);
    for (const need of ['name', 'mall']) {
      if (!at.has(need)) {
        const label = columnLabel(columns, need, locale);
        layoutIssues.push({
          field: need,
          cell: cellOf(blocks.shops.header, 0),
          message: translate(locale, 'settings.tab.noColumn', { column: label }),
        });
      }
    }
    const reader: RowReader = { at, columns, connectors, props, locale, cellOf, masks: [], issues: layoutIssues };
    for (const row of rows) {
      if (!rowFilled(row, columns, (kind) => kind !== 'status')) continue;
      const shopIndex = shops.length;
      shops.push(
        readShopRow(reader, row, shopIndex, (field, c) => cells.set(`${shopIndex}|${field}`, cellOf(row.row, c))),
      );
    }
    const { masks } = reader;
    // One write per moved secret: typing a secret into the sheet is rare, and each cell must be masked.
    for (const m of masks) {
      sheet.writeBlock(m.r + 1, m.c + 1, [[maskText(locale)]]);
      grid[m.r][m.c] = maskText(locale);
    }
  }

  const carriers: Record<string, string>[] = [];
  if (blocks.carriers) {
    const { at, rows } = readTable(tab, blocks.carriers, carrierColumns(connectors));
    for (const row of rows) {
      const entry = carrierEntry(row, at);
      if (!entry) continue;
      const i = carriers.length;
      for (const [field, c] of at) cells.set(`c${i}|${field}`, cellOf(row.row, c));
      carriers.push({ name: '', ...entry });
    }
  }

  try {
    ensureSettingsLayout(
      sheet,
      props,
      grid,
      connectors,
      carriers.map((c) => String(c.name ?? '')),
      locale,
    );
  } catch {
    // dropdowns are an aid to typing: the settings are read and checked all the same
  }
  const input = { ...general, shops, carriers };
  const checked = checkSettings(input, connectors);
  const issues = firstPerField([...layoutIssues, ...checked.issues]).map((i) => withCell(i, cells, generalCells));
  const label = (field: string) => fieldLabel(field, columns, locale);
  try {
    syncSettingsNotes(sheet, props, issueNotes(issues, locale, label));
  } catch {
    // a note only repeats the run's message, which the run reports all the same
  }
  if (issues.length > 0 || !checked.settings) throw settingsError(issues, locale, label);
  readTabs.set(checked.settings, { sheet, grid });
  return checked.settings;
}

/** The alert webhook typed into the tab moves to document properties like a shop's secret. */
export const ALERT_WEBHOOK_KEY = 'secret::alerts.webhook';

/** docs/contract.md §4 alerts from the general block: addresses as a list, the digest as a yes/no, the webhook secret. */
function alertsFromTab(
  entries: ReturnType<typeof generalEntries>,
  props: PropertiesPort,
  mask: (r: number, c: number) => void,
): Record<string, unknown> | null {
  // an entry typed twice: the first one with a value counts (a blank copy must not forget the webhook)
  const typed = (field: string) => entries.find((e) => e.field === field && e.value !== '');
  const alerts: Record<string, unknown> = {};
  const email = typed('alerts.email');
  if (email) alerts.email = parseCell(email.value, 'list');
  const digest = typed('alerts.digest');
  if (digest) alerts.digest = parseCell(digest.value, 'boolean');
  const hook = typed('alerts.webhook');
  if (!hook) {
    if (entries.some((e) => e.field === 'alerts.webhook')) props.delete(ALERT_WEBHOOK_KEY);
  } else if (!isMasked(hook.value)) {
    props.set(ALERT_WEBHOOK_KEY, hook.value);
    mask(hook.row, hook.col);
  }
  const webhook = props.get(ALERT_WEBHOOK_KEY);
  if (webhook) alerts.webhook = webhook;
  return Object.keys(alerts).length > 0 ? alerts : null;
}

/** What reading shop rows needs: the table's columns, the cells, and where secrets and problems go. */
interface RowReader {
  at: Map<string, number>;
  columns: ShopColumn[];
  connectors: readonly MallConnector[];
  props: PropertiesPort;
  locale: Locale;
  cellOf: (r: number, c: number) => string;
  /** secret cells to mask once their value is in properties */
  masks: { r: number; c: number }[];
  issues: FoundIssue[];
}

/** One shop row as docs/contract.md §4 input (still unvalidated); `cell` notes which cell holds each field. */
function readShopRow(
  { at, columns, connectors, props, locale, cellOf, masks, issues }: RowReader,
  { row: r, get }: TableRow,
  shopIndex: number,
  cell: (field: string, c: number) => void,
): Record<string, unknown> {
  const name = get('name');
  const mallText = get('mall');
  const connector = mallOf(connectors, mallText);
  const shop: Record<string, unknown> = { name, mall: connector ? connector.id : mallText };
  const credentials: Record<string, string> = {};
  const fetch: Record<string, unknown> = {};
  const endpoints: Record<string, string> = {};
  const needed = new Set(connector?.credentialFields.map((f) => f.key) ?? []);

  for (const col of columns) {
    const c = at.get(col.field);
    if (c === undefined || col.kind === 'status') continue;
    cell(col.field, c);
    const v = get(col.field);
    if (col.kind === 'secret') {
      const key = col.field.slice('credentials.'.length);
      let value = v;
      if (v !== '' && isMasked(v)) {
        value = name === '' ? '' : (props.get(secretKey(name, key)) ?? '');
        if (value === '')
          issues.push({
            shop: name || `#${shopIndex + 1}`,
            field: col.field,
            cell: cellOf(r, c),
            message: translate(locale, 'settings.secretMissing'),
            shopIndex,
          });
      } else if (v !== '' && name !== '') {
        props.set(secretKey(name, key), v);
        masks.push({ r, c });
      } else if (v === '' && name !== '') props.delete(secretKey(name, key));
      if (value !== '' && needed.has(key)) credentials[key] = value;
      continue;
    }
    if (v === '') continue;
    const value = parseCell(v, col.kind);
    if (col.field.startsWith('credentials.')) {
      const key = col.field.slice('credentials.'.length);
      if (needed.has(key)) credentials[key] = v;
    } else if (col.field.startsWith('fetch.')) fetch[col.field.slice(6)] = value;
    else if (col.field.startsWith('endpoints.')) endpoints[col.field.slice(10)] = v;
    else if (col.field !== 'name' && col.field !== 'mall') shop[col.field] = value;
  }
  withBlankDefaults(shop);
  shop.credentials = credentials;
  if (Object.keys(fetch).length > 0) shop.fetch = fetch;
  if (Object.keys(endpoints).length > 0) shop.endpoints = endpoints;
  return shop;
}

/** Each issue that names a cell, as the note on that cell: the field and the message (the cell is the place). */
function issueNotes(issues: FoundIssue[], locale: Locale, label: (field: string) => string): CellNote[] {
  return issues.flatMap((i) => {
    const at = i.cell ? cellPosition(i.cell) : null;
    return at ? [{ ...at, text: issueLine({ field: i.field, message: i.message }, locale, label) }] : [];
  });
}

function withCell(i: FoundIssue, cells: Map<string, string>, generalCells: Map<string, string>): FoundIssue {
  if (i.cell) return i;
  const field = i.field.replace(/\[\d+\]$/, '');
  let cell: string | undefined;
  if (i.shopIndex !== undefined)
    cell = cells.get(`${i.shopIndex}|${field}`) ?? cells.get(`${i.shopIndex}|${field.split('.')[0]}`);
  else if (i.carrierIndex !== undefined)
    cell = cells.get(`c${i.carrierIndex}|${field.replace(/^carriers\[\d+\]\./, '')}`);
  else cell = generalCells.get(field);
  return cell ? { ...i, cell } : i;
}

function fieldLabel(field: string, columns: ShopColumn[], locale: Locale): string {
  const f = field.replace(/\[\d+\]$/, '');
  const col = columns.find((c) => c.field === f);
  if (col) return col.label[locale];
  if (f in GENERAL_FIELDS) return translate(locale, GENERAL_FIELDS[f as keyof typeof GENERAL_FIELDS]);
  return field;
}

/**
 * Shows each shop's last successful fetch and token/key expiry (docs/contract.md §3, as GoQSystem's 最終取得日時 and
 * 有効期限) in the shop table's status columns. The tab is the one loadSettingsFromBook read for these
 * settings (read again only for settings from elsewhere), and the two columns, adjacent unless the user
 * moved them, go in one write (spreadsheet calls per run). No tab, nothing to do.
 */
export function writeShopStatus(
  book: SpreadsheetPort,
  settings: Settings,
  state: Readonly<Record<string, ShopState>>,
  now: number,
): void {
  let tab = readTabs.get(settings);
  if (!tab) {
    const sheet = findSettingsSheet(book);
    if (!sheet) return;
    tab = { sheet, grid: sheet.readAll() };
  }
  const { sheet, grid } = tab;
  const { text, blocks } = readTabCells(grid);
  if (!blocks.shops || blocks.shops.rows.length === 0) return;
  const columns = shopColumns([]);
  const headerRow = blocks.shops.header;
  const header = grid[headerRow] ?? [];
  const at = findColumns(header, columns);
  const nameCol = at.get('name');
  if (nameCol === undefined) return;
  // the data rows follow the header row directly (readTabCells)
  const first = blocks.shops.rows[0];
  const last = blocks.shops.rows[blocks.shops.rows.length - 1];
  let nextFree = header.length;
  const { locale, timezone } = settings;
  const show = (field: 'lastFetchAt' | 'expiresAt', s: ShopState): string => {
    const ms = s[field];
    if (ms === undefined || ms === null) return '';
    const when = formatDateTime(ms, timezone);
    return field === 'expiresAt' && ms <= now ? translate(locale, 'settings.status.expired', { when }) : when;
  };
  /** each status column top-down from the header row: its header, then one cell per shop row */
  const cols = (['lastFetchAt', 'expiresAt'] as const).map((field) => {
    const found = at.get(`status.${field}`);
    const col = found ?? nextFree++;
    const values: CellValue[] = [
      found === undefined ? columnLabel(columns, `status.${field}`, locale) : (header[col] ?? ''),
    ];
    for (let r = first; r <= last; r++) {
      const name = text(r, nameCol);
      const s = state[name];
      const known = s !== undefined && settings.shops.some((shop) => shop.name === name);
      values.push(known ? toSheetValue(show(field, s), 'plain') : (grid[r]?.[col] ?? ''));
    }
    return { col, values, newHeader: found === undefined };
  });
  // the header cells only when one is new; otherwise the shop rows alone
  const top = cols.some((c) => c.newHeader) ? headerRow : first;
  const rowsOf = (c: (typeof cols)[number]) => c.values.slice(top - headerRow);
  const [a, b] = [...cols].sort((x, y) => x.col - y.col);
  const blocksToWrite =
    b.col === a.col + 1
      ? [{ col: a.col, values: rowsOf(a).map((v, i) => [v, rowsOf(b)[i]]) }]
      : cols.map((c) => ({ col: c.col, values: rowsOf(c).map((v) => [v]) }));
  for (const w of blocksToWrite) {
    sheet.writeBlock(top + 1, w.col + 1, w.values);
    // the kept grid stays what the sheet now holds, for a later write of the same run
    for (const [i, row] of w.values.entries()) for (const [j, v] of row.entries()) setCell(grid, top + i, w.col + j, v);
  }
}

function setCell(grid: CellValue[][], r: number, c: number, v: CellValue): void {
  const row = grid[r] ?? [];
  grid[r] = row;
  while (row.length < c) row.push('');
  row[c] = v;
}
