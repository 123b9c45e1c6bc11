import type { CellValue, PropertiesPort, SheetPort, SpreadsheetPort } from '../../ports';
import type { MallConnector } from '../../malls/connector';
import type { Locale } from '../../engine/settings/schema';
import { findSettingsSheet } from '../../engine/settings/tab';
import {
  GENERAL_FIELDS,
  SETTINGS_SHEET_NAMES,
  isMasked,
  blockOf,
  carrierColumns,
  findColumns,
  maskText,
  secretKey,
  shopColumns,
  templateRows,
  type BlockId,
  type ShopColumn,
} from '../../engine/settings/tab-layout';
import { cellText, looseKey, toSheetValue } from '../../engine/text/sheet-text';
import { translate } from '../../i18n';
import type { RawSettings, SettingsDocument } from './settings-document';

/**
 * The Settings tab (docs/settings-tab.md) as the sidebar's SettingsDocument. It reads cells as typed
 * (the engine's loadSettingsFromBook validates them), and writes by column header in either locale:
 * the user's own columns, the status columns and the rows of other blocks are kept. Secret cells only
 * ever get the mask text; the values are in document properties (CONTRACT §2 設定).
 */

interface Block {
  header: number;
  /** data rows (0-based), up to the next block */
  rows: number[];
}

interface Layout {
  sheet: SheetPort | null;
  grid: CellValue[][];
  general: number[];
  shops: Block | null;
  carriers: Block | null;
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
    const { grid, general, shops, carriers } = this.layout();
    const text = (r: number, c: number) => cellText(grid[r]?.[c] ?? '', 'UTC').trim();
    const out: RawSettings = { locale: 'ja', timezone: 'Asia/Tokyo', shops: [], carriers: [] };
    for (const r of general) {
      const field = generalFieldOf(text(r, 0));
      if (field && text(r, 1) !== '') out[field] = field === 'locale' ? localeWord(text(r, 1)) : text(r, 1);
    }
    if (shops) {
      const columns = shopColumns(this.connectors);
      const at = findColumns(grid[shops.header] ?? [], columns);
      for (const r of shops.rows) {
        const filled = columns.some((col) => col.kind !== 'status' && col.kind !== 'secret' && at.has(col.field) && text(r, at.get(col.field)!) !== '');
        if (!filled) continue;
        const shop = this.shopOfRow((field) => (at.has(field) ? text(r, at.get(field)!) : ''));
        this.keepTypedSecrets(shop, columns, (field) => (at.has(field) ? text(r, at.get(field)!) : ''));
        this.rowOf.set(shop, r);
        out.shops.push(shop);
      }
    }
    if (carriers) {
      const at = findColumns(grid[carriers.header] ?? [], carrierColumns(this.connectors));
      for (const r of carriers.rows) {
        const entry: Record<string, unknown> = {};
        for (const [field, c] of at) if (text(r, c) !== '') entry[field] = text(r, c);
        if (Object.keys(entry).length) out.carriers.push({ name: '', ...entry });
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
      sheet.setFormats(1, 1, rows.map((r) => r.map(() => '@')));
      layout = this.layout();
    }
    const { sheet, grid, general, shops, carriers } = layout;
    if (!sheet || !shops || !carriers) throw new Error(translate(locale, 'sidebar.err.layout', { sheet: sheet?.name ?? SETTINGS_SHEET_NAMES[locale] }));
    const width = Math.max(...grid.map((r) => r.length), 2);
    const out = grid.map((r) => [...r, ...new Array<CellValue>(width - r.length).fill('')]);
    const blank = () => new Array<CellValue>(width).fill('');

    for (const r of general) {
      const field = generalFieldOf(cellText(out[r][0], 'UTC'));
      if (field) out[r][1] = typeof next[field] === 'string' ? (next[field] as string) : out[r][1];
    }

    // later block first, so the earlier block's row numbers stay valid
    const cat = findColumns(grid[carriers.header] ?? [], carrierColumns(this.connectors));
    const carrierRows = next.carriers.map((c, i) => {
      const row = carriers.rows[i] !== undefined ? [...out[carriers.rows[i]]] : blank();
      for (const [field, col] of cat) row[col] = typeof c[field] === 'string' ? (c[field] as string) : '';
      return row;
    });
    splice(out, carriers, carrierRows, blank);

    const columns = shopColumns(this.connectors);
    const sat = findColumns(grid[shops.header] ?? [], columns);
    const shopRows = next.shops.map((shop, i) => {
      const from = this.rowOf.get(shop) ?? (this.lastShops[i] && !next.shops.includes(this.lastShops[i]) ? this.rowOf.get(this.lastShops[i]) : undefined);
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
    sheet.writeBlock(1, 1, out.map((r) => r.map((v) => (typeof v === 'string' ? toSheetValue(v, 'plain') : v))));
  }

  private layout(): Layout {
    const sheet = findSettingsSheet(this.book);
    const grid = sheet ? sheet.readAll() : [];
    const text = (r: number) => cellText(grid[r]?.[0] ?? '', 'UTC').trim();
    const starts: { id: BlockId; row: number }[] = [];
    grid.forEach((_, r) => {
      const id = blockOf(text(r));
      if (id && !starts.some((s) => s.id === id)) starts.push({ id, row: r });
    });
    const layout: Layout = { sheet, grid, general: [], shops: null, carriers: null };
    starts.forEach((s, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].row : grid.length;
      const rows = Array.from({ length: end - s.row - 1 }, (_, k) => s.row + 1 + k);
      if (s.id === 'general') layout.general = rows;
      else {
        const header = rows.find((r) => (grid[r] ?? []).some((v) => cellText(v, 'UTC').trim() !== ''));
        if (header !== undefined) layout[s.id] = { header, rows: rows.filter((r) => r > header) };
      }
    });
    return layout;
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
    const connector = this.connectors.find((c) => looseKey(c.id) === looseKey(mallText) || looseKey(c.label) === looseKey(mallText));
    const shop: Record<string, unknown> = { name: get('name'), mall: connector ? connector.id : mallText };
    const credentials: Record<string, string> = {};
    for (const f of connector?.credentialFields ?? []) if (!f.secret && get(`credentials.${f.key}`) !== '') credentials[f.key] = get(`credentials.${f.key}`);
    shop.credentials = credentials;
    const bool = (v: string) => (v === '' ? undefined : BOOL[looseKey(v)] ?? v);
    const num = (v: string) => (v === '' ? undefined : Number.isFinite(Number(v.normalize('NFKC'))) ? Number(v.normalize('NFKC')) : v);
    // blank cells mean the tab's documented defaults (docs/settings-tab.md): on, off, off, the mall's statuses, 7 days
    shop.enabled = bool(get('enabled')) ?? true;
    shop.autoFetchMinutes = num(get('autoFetchMinutes')) ?? 0;
    shop.autoExport = bool(get('autoExport')) ?? false;
    const statuses = get('fetch.statuses');
    shop.fetch = {
      statuses: statuses ? statuses.split(/[,、，\s]+/).filter((s) => s !== '') : [...(connector?.defaultStatuses ?? [])],
      days: num(get('fetch.days')) ?? 7,
    };
    for (const f of ['initialStatus', 'defaultCarrier', 'region', 'warehouseId']) if (get(f) !== '') shop[f] = get(f);
    const api = get('endpoints.api');
    const auth = get('endpoints.auth');
    if (api || auth) shop.endpoints = { ...(api ? { api } : {}), ...(auth ? { auth } : {}) };
    return shop;
  }
}

const BOOL: Record<string, boolean> = Object.fromEntries([
  ...['true', '1', 'yes', 'on', 'はい', '有効', 'する', '✓', '○', '◯'].map((k) => [k, true]),
  ...['false', '0', 'no', 'off', 'いいえ', '無効', 'しない', '×', '-'].map((k) => [k, false]),
]);

function generalFieldOf(label: string): 'locale' | 'timezone' | null {
  for (const [field, key] of Object.entries(GENERAL_FIELDS) as ['locale' | 'timezone', Parameters<typeof translate>[1]][]) {
    if ((['ja', 'en'] as const).some((l) => looseKey(translate(l, key)) === looseKey(label))) return field;
  }
  return null;
}

function localeWord(v: string): string {
  const k = looseKey(v);
  if (k === 'ja' || k === '日本語' || k === 'japanese') return 'ja';
  if (k === 'en' || k === '英語' || k === 'english') return 'en';
  return v;
}

function valueAt(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), obj);
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
function splice(grid: CellValue[][], block: Block, data: CellValue[][], blank: () => CellValue[]): void {
  const count = Math.max(block.rows.length, data.length + 1);
  const fresh = [...data];
  while (fresh.length < count) fresh.push(blank());
  grid.splice(block.header + 1, block.rows.length, ...fresh);
}
