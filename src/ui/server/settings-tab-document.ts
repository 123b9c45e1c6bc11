import type { MallConnector } from '../../engine/connector';
import { DEFAULT_DAYS } from '../../engine/settings/parse';
import type { Locale } from '../../engine/settings/schema';
import { ALERT_WEBHOOK_KEY, findSettingsSheet } from '../../engine/settings/tab';
import {
  blockMarker,
  carrierColumns,
  GENERAL_FIELDS,
  generalFieldOf,
  isMasked,
  maskText,
  SETTINGS_SHEET_NAMES,
  type ShopColumn,
  secretKey,
  setGeneralField,
  shopColumns,
  templateRows,
} from '../../engine/settings/tab-layout';
import {
  carrierEntry,
  generalEntries,
  mallOf,
  parseCell,
  readTabCells,
  readTable,
  rowFilled,
  type TabBlock,
  type TabCells,
  withBlankDefaults,
} from '../../engine/settings/tab-reader';
import { toSheetValue } from '../../engine/text/sheet-text';
import { translate } from '../../i18n';
import type { CellValue, PropertiesPort, SheetPort, SpreadsheetPort } from '../../ports';
import type { RawSettings, SettingsDocument } from './settings-document';

/**
 * The Settings tab (docs/settings-tab.md) as the sidebar's SettingsDocument. It reads cells as typed
 * (the engine's loadSettingsFromBook validates them), and writes by column header in either locale:
 * the user's own columns, the status columns and the rows of other blocks are kept. Secret cells only
 * ever get the mask text; the values are in document properties (docs/contract.md §2 設定).
 */

interface Layout {
  sheet: SheetPort | null;
  tab: TabCells;
}

export class SettingsTabDocument implements SettingsDocument {
  /** the grid row each shop object of the last read() came from, to write it back in place */
  private readonly rowOf = new WeakMap<object, number>();
  private lastShops: Record<string, unknown>[] = [];

  constructor(
    private readonly book: SpreadsheetPort,
    private readonly props: PropertiesPort,
    private readonly connectors: readonly MallConnector[],
  ) {}

  read(): RawSettings {
    const { tab } = this.layout();
    const { shops, carriers } = tab.blocks;
    const out: RawSettings = { locale: 'ja', timezone: 'Asia/Tokyo', shops: [], carriers: [] };
    for (const e of generalEntries(tab)) {
      // the webhook is a secret: the tab shows only its mask, and the sidebar never reads it back
      if (e.value !== '' && e.field !== 'alerts.webhook') setGeneralField(out, e.field, e.value);
    }
    if (shops) {
      const columns = shopColumns(this.connectors);
      for (const row of readTable(tab, shops, columns).rows) {
        // a row with only a secret in it is no shop the sidebar can show
        if (!rowFilled(row, columns, (kind) => kind !== 'status' && kind !== 'secret')) continue;
        const shop = this.shopOfRow(row.get);
        this.keepTypedSecrets(shop, columns, row.get);
        this.rowOf.set(shop, row.row);
        out.shops.push(shop);
      }
    }
    if (carriers) {
      const { at, rows } = readTable(tab, carriers, carrierColumns(this.connectors));
      for (const row of rows) {
        const entry = carrierEntry(row, at);
        if (entry) out.carriers.push({ name: '', ...entry });
      }
    }
    this.lastShops = out.shops;
    return out;
  }

  write(next: RawSettings): void {
    const locale: Locale = next.locale === 'en' ? 'en' : 'ja';
    let layout = this.layout();
    if (!layout.sheet) {
      const sheet = this.book.insertSheet(SETTINGS_SHEET_NAMES[locale]);
      const rows = templateRows(this.connectors, locale);
      sheet.writeBlock(1, 1, rows);
      sheet.setFormats(
        1,
        1,
        rows.map((r) => r.map(() => '@')),
      );
      layout = this.layout();
    }
    const { sheet, tab } = layout;
    const { grid } = tab;
    const { shops, carriers } = tab.blocks;
    if (!sheet || !shops || !carriers)
      throw new Error(translate(locale, 'sidebar.err.layout', { sheet: sheet?.name ?? SETTINGS_SHEET_NAMES[locale] }));
    const width = Math.max(...grid.map((r) => r.length), 2);
    const out = grid.map((r) => [...r, ...new Array<CellValue>(width - r.length).fill('')]);
    const blank = () => new Array<CellValue>(width).fill('');

    const entries = generalEntries(tab);
    // the webhook cell shows only whether one is saved: the value stays in document properties
    const webhookCell = this.props.get(ALERT_WEBHOOK_KEY) ? maskText(locale) : '';
    for (const { field, row, col } of entries) {
      const value = field === 'alerts.webhook' ? webhookCell : generalFieldOf(next, field);
      if (value !== undefined) out[row][col] = value;
    }
    // a tab made before alerts existed has no [通知] block: it is added at the end when there is something to keep
    const alertFields = ['alerts.email', 'alerts.digest', 'alerts.webhook'] as const;
    const alertValues = alertFields.map((f) =>
      f === 'alerts.webhook' ? webhookCell : (generalFieldOf(next, f) ?? ''),
    );
    if (!entries.some((e) => e.field.startsWith('alerts.')) && alertValues.some((v) => v !== '')) {
      const line = (cells: string[]) => [...cells, ...blank().slice(cells.length)];
      out.push(line([]), line([blockMarker('alerts', locale)]));
      for (const [i, f] of alertFields.entries())
        out.push(line([translate(locale, GENERAL_FIELDS[f]), alertValues[i]]));
    }

    // later block first, so the earlier block's row numbers stay valid
    const cat = readTable(tab, carriers, carrierColumns(this.connectors)).at;
    const carrierRows = next.carriers.map((c, i) => {
      const row = carriers.rows[i] !== undefined ? [...out[carriers.rows[i]]] : blank();
      for (const [field, col] of cat) row[col] = typeof c[field] === 'string' ? (c[field] as string) : '';
      return row;
    });
    splice(out, carriers, carrierRows, blank);

    const columns = shopColumns(this.connectors);
    const sat = readTable(tab, shops, columns).at;
    const shopRows = next.shops.map((shop, i) => {
      const from =
        this.rowOf.get(shop) ??
        (this.lastShops[i] && !next.shops.includes(this.lastShops[i]) ? this.rowOf.get(this.lastShops[i]) : undefined);
      const row = from !== undefined ? [...out[from]] : blank();
      const name = typeof shop.name === 'string' ? shop.name : '';
      for (const col of columns) {
        const c = sat.get(col.field);
        if (c === undefined || col.kind === 'status') continue;
        if (col.kind === 'secret') {
          // the mask is what tells the engine to read the value from properties; blank would delete it
          row[c] = this.props.get(secretKey(name, col.field.slice('credentials.'.length))) ? maskText(locale) : '';
          continue;
        }
        row[c] = cellOf(valueAt(shop, col.field), col.kind);
      }
      return row;
    });
    splice(out, shops, shopRows, blank);

    // blocks never shrink (see splice), so this one rectangle covers every cell that was there
    sheet.writeBlock(
      1,
      1,
      out.map((r) => r.map((v) => (typeof v === 'string' ? toSheetValue(v, 'plain') : v))),
    );
  }

  private layout(): Layout {
    const sheet = findSettingsSheet(this.book);
    return { sheet, tab: readTabCells(sheet ? sheet.readAll() : []) };
  }

  /**
   * A secret typed into a cell is taken into properties now (as the engine does on its next run), so the
   * masked cell this document writes never loses it.
   */
  private keepTypedSecrets(shop: Record<string, unknown>, columns: ShopColumn[], get: (field: string) => string): void {
    const name = typeof shop.name === 'string' ? shop.name : '';
    if (!name) return;
    for (const col of columns) {
      const v = col.kind === 'secret' ? get(col.field) : '';
      if (v !== '' && !isMasked(v)) this.props.set(secretKey(name, col.field.slice('credentials.'.length)), v);
    }
  }

  private shopOfRow(get: (field: string) => string): Record<string, unknown> {
    const mallText = get('mall');
    const connector = mallOf(this.connectors, mallText);
    const shop: Record<string, unknown> = { name: get('name'), mall: connector ? connector.id : mallText };
    const credentials: Record<string, string> = {};
    for (const f of connector?.credentialFields ?? [])
      if (!f.secret && get(`credentials.${f.key}`) !== '') credentials[f.key] = get(`credentials.${f.key}`);
    shop.credentials = credentials;
    const typed = (field: string, kind: ShopColumn['kind']) =>
      get(field) === '' ? undefined : parseCell(get(field), kind);
    // blank cells mean the tab's documented defaults, shown filled in: the form edits what the engine would use
    shop.enabled = typed('enabled', 'boolean');
    shop.autoFetchMinutes = typed('autoFetchMinutes', 'number');
    shop.autoExport = typed('autoExport', 'boolean');
    withBlankDefaults(shop);
    shop.fetch = {
      statuses: typed('fetch.statuses', 'list') ?? [...(connector?.defaultStatuses ?? [])],
      days: typed('fetch.days', 'number') ?? DEFAULT_DAYS,
    };
    for (const f of ['initialStatus', 'defaultCarrier', 'slipComment', 'region', 'warehouseId'])
      if (get(f) !== '') shop[f] = get(f);
    const api = get('endpoints.api');
    const auth = get('endpoints.auth');
    if (api || auth) shop.endpoints = { ...(api ? { api } : {}), ...(auth ? { auth } : {}) };
    return shop;
  }
}

function valueAt(obj: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), obj);
}

function cellOf(v: unknown, kind: string): CellValue {
  if (v === undefined || v === null) return '';
  if (kind === 'list' && Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return v;
  return String(v);
}

/**
 * Replaces a block's data rows in place. The block keeps its size when the data fits (leftover rows are
 * blanked) and grows to leave one blank row for the next entry; rows below move down with it.
 */
function splice(grid: CellValue[][], block: TabBlock, data: CellValue[][], blank: () => CellValue[]): void {
  const count = Math.max(block.rows.length, data.length + 1);
  const fresh = [...data];
  while (fresh.length < count) fresh.push(blank());
  grid.splice(block.header + 1, block.rows.length, ...fresh);
}
