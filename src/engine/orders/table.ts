import { type MessageKey, translate } from '../../i18n';
import type { CellValue, PropertiesPort, SheetPort, SpreadsheetPort } from '../../ports';
import type { ExportOrder, LineOutcome, MallConnector } from '../connector';
import type { DashboardRow } from '../dashboard/compute';
import { type ExportRowInput, type Skipped, selectForExport } from '../export/select';
import { recipientKey } from '../labels/normalize';
import { type LineStatusUpdate, MANAGEMENT_STATUS_LABELS, type ManagementStatus, type OrderLine } from '../order-line';
import type { CarrierEntry, Locale } from '../settings/schema';
import { columnRuns, planBlocks } from '../sheet/write-plan';
import type { SlipRow } from '../slips/rows';
import { formatDateTime } from '../text/dates';
import { cellText, cellTime, toSheetValue } from '../text/sheet-text';
import type { ArchivedKeys, ArchiveFacts } from './archive-rule';
import { COLUMN_BY_ID, COLUMNS, type ColumnId, MALL_COLUMNS, type MallColumnId, ORDERS_SHEET_NAMES } from './columns';
import { discoverHeaders } from './headers';
import { ensureOrdersLayout } from './layout';
import { readStatus } from './status-labels';

export interface ShopRowDefaults {
  name: string;
  mallLabel: string;
  initialStatus: ManagementStatus;
  defaultCarrier: string;
}
/** Where the tab's layout state lives and what it depends on (docs/contract.md §2 Layout). */
export interface TableLayoutOptions {
  props: PropertiesPort;
  carriers: readonly string[];
  /** apply the whole layout again, whatever was applied before (the menu's repair) */
  repair?: boolean;
}
export interface UpsertCounts {
  fetched: number;
  new: number;
  updated: number;
  warnings: string[];
}

/** Number format for the date-time columns of appended rows. */
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';
/** How far down the header row is looked for: a title or notes may sit above it (docs/contract.md §2). */
export const HEADER_SEARCH_ROWS = 10;
/** Without these a row cannot be matched to its order line: the run stops rather than append it again. */
const KEY_COLUMNS: readonly ColumnId[] = ['shop', 'orderId', 'lineId'];

interface DuplicateKey {
  shop: string;
  orderId: string;
  lineId: string;
  row: number;
  first: number;
}

const fullKey = (shop: string, orderId: string, lineId: string) => `${shop}\u0000${orderId}\u0000${lineId}`;

/**
 * 受注一覧 / Orders (docs/contract.md §2–§3): read once, changed in memory, written back by flush() with a constant
 * number of spreadsheet calls. Columns are found by header text; the engine writes only the columns it owns,
 * plus 管理ステータス / 配送業者 in the cases docs/contract.md §3 names.
 */
export class OrdersTable {
  /** data rows (sheet row = index + header rows + 1): the rows read, then the rows appended since */
  private readonly rows: CellValue[][];
  /** rows from this index on are not in the sheet yet */
  private written: number;
  /** changed cells of rows already in the sheet: row index → sheet columns (0-based) */
  private readonly dirty = new Map<number, Set<number>>();
  private readonly index = new Map<string, number>();
  private readonly duplicateKeys: DuplicateKey[];
  private pendingNotices: string[];
  private readonly reportedShops = new Set<string>();
  /** something was written to the tab (the dashboard is rebuilt after such a run) */
  private wrote = false;
  /** columns outside the engine's own that a seller-started action wrote (assign): writable at the next flush */
  private readonly assignedColumns = new Set<number>();
  /** the archive's keys (docs/contract.md §2 受注アーカイブ): a line archived already is never added again */
  private archive: ArchivedKeys | undefined;

  private constructor(
    private readonly sheet: SheetPort,
    private readonly at: Record<ColumnId, number>,
    private readonly width: number,
    values: CellValue[][],
    private readonly locale: Locale,
    private readonly timezone: string,
    notices: string[],
    /** rows above the data: the header row and whatever the seller put above it */
    private readonly headerRows: number,
    /** the header row's cells, the columns the engine added included */
    private readonly header: CellValue[],
  ) {
    this.rows = values.slice(headerRows);
    this.written = this.rows.length;
    this.pendingNotices = notices;
    this.duplicateKeys = [];
    this.reindex();
  }

  /** The key index and the duplicate keys, from the rows as they are. */
  private reindex(): void {
    this.index.clear();
    this.duplicateKeys.length = 0;
    this.rows.forEach((_, i) => {
      const shop = this.text(i, 'shop');
      const orderId = this.text(i, 'orderId');
      const lineId = this.text(i, 'lineId');
      if (!shop || !orderId || !lineId) return;
      const key = fullKey(shop, orderId, lineId);
      const first = this.index.get(key);
      if (first === undefined) this.index.set(key, i);
      else this.duplicateKeys.push({ shop, orderId, lineId, row: this.sheetRow(i), first: this.sheetRow(first) });
    });
  }

  /**
   * Reads 受注一覧/Orders once (creating the tab with headers in `locale` if missing, adding missing columns at
   * the right end). The header row is the one of the first rows with the most known headers; without one, or
   * without a key column, it throws (the run then writes nothing): never a second table, never a line twice.
   */
  static open(
    book: SpreadsheetPort,
    opts: { locale: Locale; timezone: string; layout?: TableLayoutOptions; archive?: ArchivedKeys },
  ): OrdersTable {
    const other: Locale = opts.locale === 'ja' ? 'en' : 'ja';
    const found = book.getSheet(ORDERS_SHEET_NAMES[opts.locale]) ?? book.getSheet(ORDERS_SHEET_NAMES[other]);
    const sheet = found ?? book.insertSheet(ORDERS_SHEET_NAMES[opts.locale]);
    const values = sheet.readAll();
    const t = (key: MessageKey, p: Record<string, string | number>) => translate(opts.locale, key, p);
    const headerAt = findHeaderRow(values, opts.locale);
    const header = values[headerAt] ?? [];
    const layout = discoverHeaders(header);
    const notices = layout.duplicates.map((d) =>
      t('orders.duplicateHeader', { header: d.header, first: d.first + 1, again: d.again + 1 }),
    );

    const at = { ...layout.at } as Record<ColumnId, number>;
    const start = header.length;
    const headerRows = headerAt + 1;
    if (layout.missing.length) {
      for (const [i, id] of layout.missing.entries()) at[id] = start + i;
      sheet.writeBlock(headerRows, start + 1, [layout.missing.map((id) => COLUMN_BY_ID[id][opts.locale])]);
      if (values.length > headerRows) {
        // rows already there get the new columns' formats too, so later writes keep leading zeros
        const formats = layout.missing.map((id) => formatOf(id));
        sheet.setFormats(
          headerRows + 1,
          start + 1,
          values.slice(headerRows).map(() => formats),
        );
      }
    }
    const width = start + layout.missing.length;
    if (opts.layout) {
      const input = { at, width, locale: opts.locale, carriers: opts.layout.carriers };
      try {
        ensureOrdersLayout(sheet, opts.layout.props, input, {
          created: !found,
          added: layout.missing,
          repair: opts.layout.repair,
        });
      } catch (e) {
        // the layout is a convenience: rows are still read and written; the Log says what went wrong
        notices.push(t('layout.failed', { detail: e instanceof Error ? e.message : String(e) }));
      }
    }
    const headerCells = [...header, ...layout.missing.map((id) => COLUMN_BY_ID[id][opts.locale])];
    const table = new OrdersTable(
      sheet,
      at,
      width,
      values,
      opts.locale,
      opts.timezone,
      notices,
      headerRows,
      headerCells,
    );
    table.archive = opts.archive;
    return table;
  }

  /** The sheet row (1-based) of data row i. */
  private sheetRow(i: number): number {
    return i + this.headerRows + 1;
  }

  /** In memory: keyed upsert by (ショップ, 注文番号, 明細番号). */
  upsert(shop: ShopRowDefaults, lines: OrderLine[], updates: LineStatusUpdate[], now: number): UpsertCounts {
    const warnings = this.takeWarnings(shop.name);
    const stamp = formatDateTime(now, this.timezone);
    const added = new Set<number>();
    const updated = new Set<number>();

    for (const line of lines) {
      const key = fullKey(shop.name, line.orderId, line.lineId);
      const found = this.index.get(key);
      const values = mallValues(shop, line, this.timezone);
      if (found === undefined) {
        if (this.archive?.has(shop.name, line.orderId, line.lineId, line.orderedAt)) continue;
        const i = this.rows.push(new Array<CellValue>(this.width).fill('')) - 1;
        this.index.set(key, i);
        added.add(i);
        for (const id of MALL_COLUMNS) this.set(i, id, values[id]);
        const initial: ManagementStatus = line.hold ? 'hold' : line.cancelled ? 'cancelled' : shop.initialStatus;
        this.set(i, 'status', this.label(initial));
        this.set(i, 'carrier', shop.defaultCarrier);
        this.set(i, 'updatedAt', stamp);
        continue;
      }
      const previousMallStatus = this.text(found, 'mallStatus');
      let changed = false;
      for (const id of MALL_COLUMNS) {
        if (KEPT_WHEN_BLANK.has(id) && (values[id] === '' || values[id] === null)) continue;
        changed = this.set(found, id, values[id]) || changed;
      }
      changed = this.applyStatusRules(found, shop, line, previousMallStatus) || changed;
      if (changed && !added.has(found)) {
        this.set(found, 'updatedAt', stamp);
        updated.add(found);
      }
    }

    for (const u of updates) {
      const found = this.index.get(fullKey(shop.name, u.orderId, u.lineId));
      if (found === undefined) continue; // status updates apply to rows already in the sheet only
      const previousMallStatus = this.text(found, 'mallStatus');
      let changed = this.set(found, 'mallStatus', u.mallStatus);
      changed = this.applyStatusRules(found, shop, { ...u, hold: false }, previousMallStatus) || changed;
      if (changed && !added.has(found)) {
        this.set(found, 'updatedAt', stamp);
        updated.add(found);
      }
    }
    return { fetched: lines.length, new: added.size, updated: updated.size, warnings };
  }

  /** docs/contract.md §3 export rules, pure: every order of the shop that has at least one ready line, with ALL its rows; plus skipped rows with a readable reason each (naming the row number). */
  selectForExport(
    shopName: string,
    connector: Pick<MallConnector, 'normalizeTracking' | 'isCancelledStatus' | 'maxOrdersPerTracking'>,
    carriers: CarrierEntry[],
  ): { orders: ExportOrder[]; skipped: Skipped[] } {
    const inputs: ExportRowInput[] = [];
    const mismatched = this.mismatchedGroups();
    this.rows.forEach((_, i) => {
      if (this.text(i, 'shop') !== shopName) return;
      const orderId = this.text(i, 'orderId');
      const lineId = this.text(i, 'lineId');
      if (!orderId || !lineId) return;
      const first = this.index.get(fullKey(shopName, orderId, lineId));
      inputs.push({
        row: this.sheetRow(i),
        orderId,
        lineId,
        sku: this.text(i, 'sku'),
        qty: this.cell(i, 'qty'),
        mallStatus: this.text(i, 'mallStatus'),
        status: readStatus(this.cell(i, 'status')),
        tracking: this.cell(i, 'tracking'),
        carrier: this.cell(i, 'carrier'),
        shippedOn: this.cell(i, 'shippedOn'),
        exportedTracking: this.text(i, 'exportedTracking'),
        duplicateOf: first !== undefined && first !== i ? this.sheetRow(first) : undefined,
        combined: this.text(i, 'combined').trim(),
        combinedMismatch: mismatched.get(this.text(i, 'combined').trim()),
      });
    });
    return selectForExport(inputs, connector, carriers, { locale: this.locale, timezone: this.timezone });
  }

  /**
   * 同梱 values whose rows span several shops or recipients (normalised, docs/shipping-labels.md §6), with
   * those rows' sheet numbers: such a group is the seller's typing, and nothing of it is sent.
   */
  private mismatchedGroups(): Map<string, number[]> {
    const groups = new Map<string, { rows: number[]; shops: Set<string>; recipients: Set<string> }>();
    this.rows.forEach((_, i) => {
      const key = this.text(i, 'combined').trim();
      if (key === '') return;
      const g = groups.get(key) ?? { rows: [], shops: new Set<string>(), recipients: new Set<string>() };
      groups.set(key, g);
      g.rows.push(this.sheetRow(i));
      g.shops.add(this.text(i, 'shop'));
      // a blank address (masked after shipping, or on hold) says nothing about the recipient
      if (this.text(i, 'address').trim() !== '' && readStatus(this.cell(i, 'status')) !== 'cancelled')
        g.recipients.add(
          recipientKey({
            recipient: this.text(i, 'recipient'),
            postalCode: this.text(i, 'postalCode'),
            address: this.text(i, 'address'),
            phone: this.text(i, 'phone'),
          }),
        );
    });
    const out = new Map<string, number[]>();
    for (const [key, g] of groups) if (g.shops.size > 1 || g.recipients.size > 1) out.set(key, g.rows);
    return out;
  }

  /** Rows a 同梱 rule held back at export get the reason in 書出結果 too (in memory). */
  noteHeld(shopName: string, skipped: readonly Skipped[]): void {
    for (const s of skipped) {
      if (!s.combined) continue;
      const i = this.index.get(`${shopName}\u0000${s.key}`);
      if (i !== undefined) this.set(i, 'exportResult', s.reason);
    }
  }

  /** Writes 書出日時/書出結果/管理ステータス/書出伝票番号 from the connector's outcomes (in memory; 'preview' outcomes change nothing). */
  applyOutcomes(
    shopName: string,
    orders: ExportOrder[],
    outcomes: LineOutcome[],
    now: number,
  ): { exported: number; failed: number; deferred: number } {
    const sent = new Map(orders.flatMap((o) => o.lines.map((l) => [l.key, l] as const)));
    const stamp = formatDateTime(now, this.timezone);
    let exported = 0;
    let failed = 0;
    let deferred = 0;
    for (const outcome of outcomes) {
      const line = sent.get(outcome.key);
      const i = line ? this.index.get(fullKey(shopName, line.orderId, line.lineId)) : undefined;
      // outcomes count for the lines the rules selected, never for a line that was only sent along
      if (!line?.ready || i === undefined || outcome.kind === 'preview') continue;
      if (outcome.kind === 'ok' || outcome.kind === 'already') {
        this.set(i, 'exportedAt', stamp);
        this.set(
          i,
          'exportResult',
          outcome.note ? this.t('orders.exportOkNote', { note: outcome.note }) : this.t('orders.exportOk', {}),
        );
        this.set(i, 'status', this.label('done'));
        this.set(i, 'exportedTracking', line.tracking);
        exported++;
      } else {
        // the row stays eligible: nothing but the message changes
        this.set(i, 'exportResult', outcome.message);
        if (outcome.kind === 'deferred') deferred++;
        else failed++;
      }
    }
    return { exported, failed, deferred };
  }

  /** Every data row, read-only, for rules that live outside this class (label files): cells by column. */
  rowsForRules(): { index: number; row: number; text(id: ColumnId): string; cell(id: ColumnId): CellValue }[] {
    return this.rows.map((_, i) => ({
      index: i,
      row: this.sheetRow(i),
      text: (id) => this.text(i, id),
      cell: (id) => this.cell(i, id),
    }));
  }

  /**
   * Sets a cell for an action the seller started: 送り状キー / 同梱, or issued tracking data going into
   * 伝票番号 / 出荷日 / 配送業者 cells the caller found empty (docs/contract.md §3 Issued-data import).
   */
  assign(index: number, id: ColumnId, value: CellValue): boolean {
    if (COLUMN_BY_ID[id].owner !== 'engine' && id !== 'status') this.assignedColumns.add(this.at[id]);
    return this.set(index, id, value);
  }

  /**
   * Every keyed row of the given shops as 納品書 read it (docs/contract.md §2): text and numbers, amounts
   * null where the cell is blank. `malls` maps each shop to print to its mall's connector, which says
   * whether a mall status means cancelled.
   */
  slipRows(malls: ReadonlyMap<string, Pick<MallConnector, 'isCancelledStatus'>>): SlipRow[] {
    const out: SlipRow[] = [];
    this.rows.forEach((_, i) => {
      const shop = this.text(i, 'shop');
      const mall = malls.get(shop);
      if (!mall) return;
      const orderId = this.text(i, 'orderId');
      const lineId = this.text(i, 'lineId');
      // a duplicate key is reported by fetch; the 納品書 shows the first row only
      if (!orderId || !lineId || this.index.get(fullKey(shop, orderId, lineId)) !== i) return;
      const mallStatus = this.text(i, 'mallStatus');
      out.push({
        row: this.sheetRow(i),
        shop,
        orderId,
        lineId,
        orderedAt: this.text(i, 'orderedAt'),
        item: this.text(i, 'item'),
        sku: this.text(i, 'sku'),
        variant: this.text(i, 'variant'),
        qty: this.number(i, 'qty'),
        unitPrice: this.number(i, 'unitPrice'),
        amount: this.number(i, 'amount'),
        currency: this.text(i, 'currency'),
        recipient: this.text(i, 'recipient'),
        postalCode: this.text(i, 'postalCode'),
        address: this.text(i, 'address'),
        phone: this.text(i, 'phone'),
        status: readStatus(this.cell(i, 'status')),
        mallCancelled: mall.isCancelledStatus(mallStatus),
        tracking: this.text(i, 'tracking').trim(),
        combined: this.text(i, 'combined').trim(),
      });
    });
    return out;
  }

  /** 管理ステータス 新規受付 → 発送待ち on the given sheet rows (in memory); returns the rows it changed. */
  markAwaiting(sheetRows: readonly number[]): number[] {
    return sheetRows.filter((r) => {
      const i = r - this.headerRows - 1;
      if (i < 0 || i >= this.rows.length || readStatus(this.cell(i, 'status')) !== 'new') return false;
      return this.set(i, 'status', this.label('awaiting'));
    });
  }

  /**
   * The keyed rows (a key seen twice: none of its rows) that `due` selects, in sheet order, for archive
   * rotation (src/engine/orders/archive.ts).
   */
  archiveCandidates(
    due: (facts: ArchiveFacts) => boolean,
  ): { index: number; shop: string; orderId: string; lineId: string; orderedAt: CellValue }[] {
    const twice = new Set(this.duplicateKeys.map((d) => fullKey(d.shop, d.orderId, d.lineId)));
    const out: { index: number; shop: string; orderId: string; lineId: string; orderedAt: CellValue }[] = [];
    this.rows.forEach((_, i) => {
      const shop = this.text(i, 'shop');
      const orderId = this.text(i, 'orderId');
      const lineId = this.text(i, 'lineId');
      if (!shop || !orderId || !lineId || twice.has(fullKey(shop, orderId, lineId))) return;
      const facts: ArchiveFacts = {
        status: readStatus(this.cell(i, 'status')),
        orderedAt: cellTime(this.cell(i, 'orderedAt'), this.timezone),
        exportedAt: cellTime(this.cell(i, 'exportedAt'), this.timezone),
        updatedAt: cellTime(this.cell(i, 'updatedAt'), this.timezone),
      };
      if (due(facts)) out.push({ index: i, shop, orderId, lineId, orderedAt: this.cell(i, 'orderedAt') });
    });
    return out;
  }

  /** The header row as it is in the sheet, as wide as the widest row (cells without a header are kept too). */
  headerCells(): CellValue[] {
    const width = Math.max(this.header.length, ...this.rows.map((r) => r.length));
    return Array.from({ length: width }, (_, c) => this.header[c] ?? '');
  }

  /** Every cell of data row i, the seller's columns included. */
  rowValues(i: number): CellValue[] {
    return [...this.rows[i]];
  }

  /**
   * Takes rows out of the tab in one write (archive rotation): the rows below the first one taken move up,
   * every column with them, and the rows freed at the end are emptied. Values only: the tab's formats,
   * rules and validations stay where they are (they are set per column). Needs a flushed table.
   */
  removeRows(remove: ReadonlySet<number>): void {
    if (remove.size === 0) return;
    if (!this.settled) throw new Error('removeRows: the table has unwritten changes');
    const first = Math.min(...remove);
    const kept = this.rows.filter((_, i) => !remove.has(i));
    const width = Math.max(this.width, ...this.rows.slice(first).map((r) => r.length));
    const kinds = this.kindsByColumn();
    const block: CellValue[][] = [];
    for (let i = first; i < this.rows.length; i++) {
      const row = kept[i];
      const line: CellValue[] = new Array<CellValue>(width).fill('');
      if (row) for (let c = 0; c < width; c++) line[c] = toSheetValue(row[c] ?? '', kinds[c] ?? 'plain');
      block.push(line);
    }
    this.sheet.writeBlock(this.sheetRow(first), 1, block);
    this.rows.splice(0, this.rows.length, ...kept);
    this.written = this.rows.length;
    this.reindex();
    this.wrote = true;
  }

  /** Data rows, the ones not written yet included. */
  get rowCount(): number {
    return this.rows.length;
  }

  /** Everything in memory is in the sheet (no pending change). */
  get settled(): boolean {
    return this.dirty.size === 0 && this.written === this.rows.length;
  }

  /**
   * Every pending change, written with a constant number of spreadsheet calls. `holdStatus` keeps the
   * 管理ステータス changes for a later flush: an export writes what each mall accepted right after that
   * mall, and the 処理済 of every shop in one call at its end (src/engine/run/export.ts).
   */
  flush(opts: { holdStatus?: boolean } = {}): void {
    this.flushUpdates(opts.holdStatus ? this.at.status : undefined);
    this.flushAppends();
  }

  /**
   * 処理済 for rows a mall accepted (書出日時) at `since` or later whose 管理ステータス is still 新規受付 or
   * 発送待ち: what an export run cut off before its end did not write (in memory; the next flush writes it).
   */
  settleExported(since: number): number {
    const from = formatDateTime(since, this.timezone);
    let settled = 0;
    for (let i = 0; i < this.rows.length; i++) {
      const status = readStatus(this.cell(i, 'status'));
      if (status !== 'new' && status !== 'awaiting') continue;
      if (this.text(i, 'exportedTracking') === '' || this.text(i, 'exportedAt') < from) continue;
      if (this.set(i, 'status', this.label('done'))) settled++;
    }
    return settled;
  }

  /** Some row of the tab was written since it was opened. */
  get changed(): boolean {
    return this.wrote;
  }

  /** Every row as the dashboard reads it (docs/contract.md §2 Dashboard), dates as text in the zone. */
  dashboardRows(): DashboardRow[] {
    return this.rows.map((_, i) => ({
      shop: this.text(i, 'shop'),
      orderId: this.text(i, 'orderId'),
      status: readStatus(this.cell(i, 'status')),
      orderedAt: this.text(i, 'orderedAt'),
      shipBy: this.text(i, 'shipBy'),
      exportResult: this.text(i, 'exportResult'),
    }));
  }

  // ---- rules ----

  /** Cancellation and hold release (docs/contract.md §3); true when a value changed. */
  private applyStatusRules(
    i: number,
    shop: ShopRowDefaults,
    line: { cancelled: boolean; hold: boolean; mallStatus: string },
    previousMallStatus: string,
  ): boolean {
    const status = readStatus(this.cell(i, 'status'));
    if (line.cancelled) {
      if (status === 'done') return this.set(i, 'exportResult', this.t('orders.cancelledAfterDone', {}));
      return status === 'cancelled' ? false : this.set(i, 'status', this.label('cancelled'));
    }
    if (status === 'hold' && !line.hold && previousMallStatus !== line.mallStatus) {
      return this.set(i, 'status', this.label(shop.initialStatus));
    }
    return false;
  }

  // ---- cells ----

  private cell(i: number, id: ColumnId): CellValue {
    return this.rows[i][this.at[id]] ?? '';
  }

  private text(i: number, id: ColumnId): string {
    return cellText(this.cell(i, id), this.timezone);
  }

  /** A number cell, or numeric text as the seller may type it; null when blank or not a number. */
  private number(i: number, id: ColumnId): number | null {
    const v = this.cell(i, id);
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    const text = cellText(v, this.timezone)
      .normalize('NFKC')
      .replace(/[,¥\s]/g, '');
    if (text === '') return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }

  /** Sets a cell when its value really changes (Date cells, numbers and text compared as shown); true if it did. */
  private set(i: number, id: ColumnId, value: CellValue): boolean {
    const col = this.at[id];
    if (cellText(this.rows[i][col] ?? '', this.timezone) === cellText(value, this.timezone)) return false;
    this.rows[i][col] = value ?? '';
    if (i < this.written) {
      const cols = this.dirty.get(i);
      if (cols) cols.add(col);
      else this.dirty.set(i, new Set([col]));
    }
    return true;
  }

  private label(status: ManagementStatus): string {
    return MANAGEMENT_STATUS_LABELS[this.locale][status];
  }

  private t(key: MessageKey, params: Record<string, string | number>): string {
    return translate(this.locale, key, params);
  }

  private takeWarnings(shopName: string): string[] {
    const warnings = this.pendingNotices;
    this.pendingNotices = [];
    if (!this.reportedShops.has(shopName)) {
      this.reportedShops.add(shopName);
      for (const d of this.duplicateKeys) {
        if (d.shop === shopName) warnings.push(this.t('orders.duplicateKey', { ...d }));
      }
    }
    return warnings;
  }

  // ---- writing ----

  /** Sheet columns (0-based) the engine may write on rows already there: its own and 管理ステータス. */
  private updatableColumns(): number[] {
    return COLUMNS.filter((c) => c.owner === 'engine' || c.id === 'status').map((c) => this.at[c.id]);
  }

  /** On new rows also 配送業者; never 伝票番号 / 出荷日 / メモ nor any column of the user's own. */
  private appendableColumns(): number[] {
    return COLUMNS.filter((c) => c.owner !== 'never').map((c) => this.at[c.id]);
  }

  /** `held`: a column whose changes stay pending (never written, nor rewritten within a wider block). */
  private flushUpdates(held?: number): void {
    if (!this.dirty.size) return;
    const dirty = new Map<number, number[]>();
    for (const [row, cols] of this.dirty) {
      const now = [...cols].filter((c) => c !== held);
      if (now.length) dirty.set(row, now);
    }
    const kinds = this.kindsByColumn();
    const writable = [...this.updatableColumns(), ...this.assignedColumns].filter((c) => c !== held);
    for (const b of planBlocks(dirty, writable)) {
      const values: CellValue[][] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const line: CellValue[] = [];
        for (let c = b.left; c <= b.right; c++) line.push(toSheetValue(this.rows[r][c] ?? '', kinds[c]));
        values.push(line);
      }
      this.sheet.writeBlock(this.sheetRow(b.top), b.left + 1, values);
      this.wrote = true;
    }
    for (const [row, cols] of [...this.dirty]) {
      if (held !== undefined && cols.has(held)) this.dirty.set(row, new Set([held]));
      else this.dirty.delete(row);
    }
    this.assignedColumns.clear();
  }

  private flushAppends(): void {
    const fresh = this.rows.slice(this.written);
    if (!fresh.length) return;
    const top = this.sheetRow(this.written);
    const kinds = this.kindsByColumn();
    const formatsByCol = this.formatsByColumn();
    const runs = columnRuns(this.appendableColumns());
    // Formats first: a value written into a cell not yet '@' would lose its leading zeros (§C5). The
    // seller's 伝票番号 cells get '@' too (docs/contract.md §2: tracking is text), though the engine writes no value there.
    for (const [first, last] of columnRuns([...this.appendableColumns(), this.at.tracking].sort((a, b) => a - b))) {
      const formats: string[] = [];
      for (let c = first; c <= last; c++) formats.push(formatsByCol[c]);
      if (formats.some((f) => f))
        this.sheet.setFormats(
          top,
          first + 1,
          fresh.map(() => formats),
        );
    }
    for (const [first, last] of runs) {
      this.sheet.writeBlock(
        top,
        first + 1,
        fresh.map((row) => {
          const line: CellValue[] = [];
          for (let c = first; c <= last; c++) line.push(toSheetValue(row[c] ?? '', kinds[c]));
          return line;
        }),
      );
    }
    this.written = this.rows.length;
    this.wrote = true;
  }

  private kindsByColumn(): Record<number, (typeof COLUMNS)[number]['kind']> {
    return Object.fromEntries(COLUMNS.map((c) => [this.at[c.id], c.kind]));
  }

  private formatsByColumn(): Record<number, string> {
    return Object.fromEntries(COLUMNS.map((c) => [this.at[c.id], formatOf(c.id)]));
  }
}

/**
 * A blank from the mall never erases what the row already shows: malls mask or drop the address after
 * shipping, Temu's address or price call can be refused for one order, and the seller still needs the row.
 */
const KEPT_WHEN_BLANK = new Set<ColumnId>(['recipient', 'postalCode', 'address', 'phone', 'unitPrice', 'amount']);

/**
 * The 0-based index of the header row among the first rows: the one with the most known headers (an empty tab:
 * row 0, where the headers go). Throws a readable Error when there is none, or when it lacks a key column.
 */
export function findHeaderRow(values: CellValue[][], locale: Locale): number {
  if (values.every((r) => r.every((v) => v === '' || v === null))) return 0;
  const firstRows = values.slice(0, HEADER_SEARCH_ROWS);
  let best = -1;
  let bestCount = 0;
  firstRows.forEach((row, r) => {
    const count = Object.keys(discoverHeaders(row).at).length;
    if (count > bestCount) [best, bestCount] = [r, count];
  });
  const label = (id: ColumnId) => COLUMN_BY_ID[id][locale];
  if (best < 0) {
    const keys = KEY_COLUMNS.map(label).join(' / ');
    throw new Error(translate(locale, 'orders.noHeader', { rows: HEADER_SEARCH_ROWS, keys }));
  }
  const found = discoverHeaders(firstRows[best]).at;
  const missing = KEY_COLUMNS.filter((id) => found[id] === undefined);
  if (missing.length > 0) {
    throw new Error(translate(locale, 'orders.missingKey', { row: best + 1, columns: missing.map(label).join(' / ') }));
  }
  return best;
}

function formatOf(id: ColumnId): string {
  const kind = COLUMN_BY_ID[id].kind;
  return kind === 'text' ? '@' : kind === 'date' ? DATE_FORMAT : '';
}

/** The engine columns of one order line, as cell values (dates as 'yyyy-MM-dd HH:mm' in the zone). */
function mallValues(shop: ShopRowDefaults, line: OrderLine, timezone: string): Record<MallColumnId, CellValue> {
  const when = (ms: number | null) => (ms === null ? '' : formatDateTime(ms, timezone));
  return {
    shop: shop.name,
    mall: shop.mallLabel,
    orderId: line.orderId,
    lineId: line.lineId,
    mallStatus: line.mallStatus,
    orderedAt: when(line.orderedAt),
    shipBy: when(line.shipBy),
    item: line.item,
    sku: line.sku,
    variant: line.variant,
    qty: line.qty,
    unitPrice: line.unitPrice,
    amount: line.amount,
    currency: line.currency,
    recipient: line.recipient,
    postalCode: line.postalCode,
    address: line.address,
    phone: line.phone,
  };
}
