import { z } from 'zod';
import { translate } from '../../i18n';
import type { CellValue, PropertiesPort, SheetPort, SpreadsheetPort } from '../../ports';
import type { Locale } from '../settings/schema';
import { columnLetter, spansOf } from '../sheet/layout';
import { cellText, cellTime, looseKey, toSheetValue } from '../text/sheet-text';
import { type ArchivedKeys, isArchivable } from './archive-rule';
import { COLUMN_BY_ID, type ColumnId } from './columns';
import { discoverHeaders } from './headers';
import { HEADER_STYLE, ordersHighlights } from './layout';
import { findHeaderRow, HEADER_SEARCH_ROWS, type OrdersTable } from './table';

/**
 * 受注アーカイブ / Archive (docs/contract.md §2): rows 処理済 or キャンセル that nobody touched for the
 * settings' `archiveAfterDays` leave 受注一覧 for this tab, so every run's read of 受注一覧 stays bounded
 * as a shop grows. The key rule spans both tabs: a key is in one of them at most, and a fetch never adds an
 * archived key back.
 */

export const ARCHIVE_SHEET_NAMES: Record<Locale, string> = { ja: '受注アーカイブ', en: 'Archive' };
/** The most rows one rotation moves: a first rotation of a long-used sheet spreads over a few runs. */
export const ARCHIVE_BLOCK_ROWS = 5000;
/** Document property: per shop, the newest 注文日時 of any row it archived (epoch ms). */
export const ARCHIVE_HORIZON_KEY = 'archive:horizon';
/** Document property: the row after the archive's last append (checked before it is trusted). */
const ARCHIVE_TAIL_KEY = 'archive:tail';
/** Document property: a move under way; a run that finds it left by a cut-off run reads the archive's keys. */
export const ARCHIVE_MOVE_KEY = 'archive:move';
/**
 * A rotation waits until this share of 受注一覧 is due: rewriting the tab costs its rows below the first one
 * moved, so each rewrite should move a worthwhile block, not a day's few rows.
 */
export const ARCHIVE_MIN_SHARE = 0.1;
/** Row cells hold 注文日時 to the minute: a line within this of the horizon may still be the archived one. */
const CELL_PRECISION_MS = 60_000;
/** An archived row whose 注文日時 cannot be read: every later line of its shop is checked against the tab. */
const UNKNOWN_HORIZON = Number.MAX_SAFE_INTEGER;

const HorizonSchema = z.record(z.string(), z.number());

const KEY_IDS = ['shop', 'orderId', 'lineId'] as const;
const keyOf = (shop: string, orderId: string, lineId: string) => `${shop}\u0000${orderId}\u0000${lineId}`;

// ---- the key rule across both tabs ----

/**
 * The archive's keys, read only when a fetch is about to add a row the horizon cannot rule out: a line
 * ordered after the newest archived 注文日時 of its shop cannot be archived (rows are archived days after
 * their order), so a normal poll never reads the archive. Only a fetch reaching back past the horizon
 * (a user-given range, a shop `days` longer than `archiveAfterDays`) reads its key columns, once a run.
 */
export class ArchiveIndex implements ArchivedKeys {
  /** null: the property is unreadable, so every line is checked against the tab */
  private horizons: Record<string, number> | null | undefined;
  private keys: Set<string> | null = null;
  /** the tab and where the next append goes: null when there is none yet */
  private found: ArchiveTab | null | undefined;
  private head: Omit<ArchiveTab, 'nextRow'> | null | undefined;

  constructor(
    private readonly book: SpreadsheetPort,
    private readonly props: PropertiesPort,
    private readonly locale: Locale,
    private readonly timezone: string,
  ) {}

  /** true when this order line is in the archive (a fetch then leaves it out of 受注一覧). */
  has(shop: string, orderId: string, lineId: string, orderedAt: number | null): boolean {
    const horizons = this.horizon();
    if (horizons !== null) {
      const horizon = horizons[shop];
      if (horizon === undefined) return false;
      if (orderedAt !== null && orderedAt > horizon + CELL_PRECISION_MS) return false;
    }
    return this.allKeys().has(keyOf(shop, orderId, lineId));
  }

  /** Every key of the archive tab: its key columns read once (none when the tab is missing). */
  allKeys(): Set<string> {
    if (this.keys) return this.keys;
    const keys = new Set<string>();
    const top = this.top();
    if (top && top.header.length > 0) {
      const { at } = discoverHeaders(top.header);
      // findHeaderRow made sure the three key columns are there
      const cols = KEY_IDS.map((id) => at[id] ?? 0);
      const first = Math.min(...cols);
      const block = top.sheet.readBlock(top.headerRow + 1, first + 1, null, Math.max(...cols) - first + 1);
      for (const row of block) {
        const [shop, orderId, lineId] = cols.map((c) => cellText(row[c - first] ?? '', this.timezone));
        if (shop && orderId && lineId) keys.add(keyOf(shop, orderId, lineId));
      }
      // below the used range: a seller's note further down is never written over
      this.found ??= { ...top, nextRow: top.headerRow + 1 + block.length };
    }
    this.keys = keys;
    return keys;
  }

  /**
   * The tab and the row the next append starts at (null: there is none yet): where the last append ended,
   * when the tab still ends there (one two-row read), else below its used range (its key columns read).
   */
  tab(): ArchiveTab | null {
    if (this.found !== undefined) return this.found;
    const top = this.top();
    if (!top) {
      this.found = null;
      return this.found;
    }
    if (top.header.length === 0) {
      this.found = { ...top, nextRow: top.headerRow + 1 };
      return this.found;
    }
    const tail = Number(this.props.get(ARCHIVE_TAIL_KEY));
    if (Number.isInteger(tail) && tail > top.headerRow + 1) {
      const probe = top.sheet.readBlock(tail - 1, 1, 2, null);
      if (probe.length === 1 && probe[0].some((v) => v !== '' && v !== null)) {
        this.found = { ...top, nextRow: tail };
        return this.found;
      }
    }
    this.allKeys();
    return this.found ?? null;
  }

  /** The tab appendToArchive made or extended: the next append starts below it. */
  setTab(tab: ArchiveTab): void {
    this.found = tab;
    this.props.set(ARCHIVE_TAIL_KEY, String(tab.nextRow));
  }

  /** A move is under way (set before the append, cleared after 受注一覧's rewrite): a cut-off run left one. */
  moving(): boolean {
    return this.props.get(ARCHIVE_MOVE_KEY) !== null;
  }

  startMove(rows: number, now: number): void {
    this.props.set(ARCHIVE_MOVE_KEY, JSON.stringify({ rows, at: now }));
  }

  endMove(): void {
    this.props.delete(ARCHIVE_MOVE_KEY);
  }

  /** The tab's header rows, read once (null: no tab). */
  private top(): Omit<ArchiveTab, 'nextRow'> | null {
    if (this.head !== undefined) return this.head;
    const sheet = findArchive(this.book);
    if (!sheet) {
      this.head = null;
      return this.head;
    }
    const rows = sheet.readBlock(1, 1, HEADER_SEARCH_ROWS, null);
    if (rows.length === 0) {
      this.head = { sheet, headerRow: 1, header: [] };
      return this.head;
    }
    let headerAt: number;
    try {
      headerAt = findHeaderRow(rows, this.locale);
    } catch {
      throw new Error(translate(this.locale, 'archive.badHeader'));
    }
    const header = rows[headerAt].map((v) => cellText(v, this.timezone).trim());
    this.head = { sheet, headerRow: headerAt + 1, header };
    return this.head;
  }

  /** Raises each shop's horizon to the newest 注文日時 of rows about to be appended, and records their keys. */
  remember(moved: { shop: string; key: string; orderedAt: number | null }[]): void {
    const next = { ...(this.horizon() ?? {}) };
    for (const m of moved) next[m.shop] = Math.max(next[m.shop] ?? 0, m.orderedAt ?? UNKNOWN_HORIZON);
    this.props.set(ARCHIVE_HORIZON_KEY, JSON.stringify(next));
    this.horizons = next;
    for (const m of moved) this.keys?.add(m.key);
  }

  private horizon(): Record<string, number> | null {
    if (this.horizons !== undefined) return this.horizons;
    const raw = this.props.get(ARCHIVE_HORIZON_KEY);
    try {
      const parsed = HorizonSchema.safeParse(JSON.parse(raw ?? '{}'));
      this.horizons = parsed.success ? parsed.data : null;
    } catch {
      this.horizons = null;
    }
    return this.horizons;
  }
}

/** The archive tab: where its header is, what it holds, and the row the next append starts at. */
interface ArchiveTab {
  sheet: SheetPort;
  /** 1-based */
  headerRow: number;
  header: string[];
  nextRow: number;
}

/** The archive tab, found by either locale's name. */
export function findArchive(book: SpreadsheetPort): SheetPort | null {
  return book.getSheet(ARCHIVE_SHEET_NAMES.ja) ?? book.getSheet(ARCHIVE_SHEET_NAMES.en);
}

// ---- moving rows ----

export interface RotationResult {
  /** rows appended to the archive, per shop */
  moved: Record<string, number>;
  /** rows found in both tabs (a run cut off between the archive's append and 受注一覧's rewrite) */
  dropped: number;
  /** more rows were due than one block holds: the next run moves on */
  more: boolean;
}

/**
 * One rotation: once the due rows of 受注一覧 are at least ARCHIVE_MIN_SHARE of it, they (oldest sheet rows
 * first, at most ARCHIVE_BLOCK_ROWS) are appended to the archive in one block — every column, the seller's
 * own included — and only then 受注一覧 is rewritten without them in one block. A move-under-way mark in the
 * document's properties brackets the two: a run cut off in between leaves the rows in both tabs and the
 * mark, and the next rotation reads the archive's keys and drops the rows already there from 受注一覧
 * (whatever their status): no row lost, none doubled. The table must have no pending change (flushed).
 */
export function rotateArchive(
  table: OrdersTable,
  index: ArchiveIndex,
  book: SpreadsheetPort,
  opts: { days: number; now: number; locale: Locale; timezone: string },
): RotationResult {
  const result: RotationResult = { moved: {}, dropped: 0, more: false };
  const recovering = index.moving();
  const archived = recovering ? index.allKeys() : new Set<string>();
  const inArchive = (r: { shop: string; orderId: string; lineId: string }) =>
    archived.has(keyOf(r.shop, r.orderId, r.lineId));
  const due = table.archiveCandidates((f) => isArchivable(f, opts.now, opts.days));
  const left = recovering ? table.archiveCandidates(() => true).filter(inArchive) : [];
  const worth = Math.min(ARCHIVE_BLOCK_ROWS, Math.max(1, Math.ceil(table.rowCount * ARCHIVE_MIN_SHARE)));
  if (left.length === 0 && due.length < worth) {
    if (recovering) index.endMove();
    return result;
  }
  result.more = due.length > ARCHIVE_BLOCK_ROWS;
  const fresh = due.filter((r) => !inArchive(r)).slice(0, ARCHIVE_BLOCK_ROWS);
  result.dropped = left.length;
  index.startMove(fresh.length, opts.now);
  if (fresh.length > 0) {
    index.remember(
      fresh.map((r) => ({
        shop: r.shop,
        key: keyOf(r.shop, r.orderId, r.lineId),
        orderedAt: cellTime(r.orderedAt, opts.timezone),
      })),
    );
    appendToArchive(
      book,
      index,
      table.headerCells(),
      fresh.map((r) => table.rowValues(r.index)),
      opts,
    );
    for (const r of fresh) result.moved[r.shop] = (result.moved[r.shop] ?? 0) + 1;
  }
  table.removeRows(new Set([...left, ...fresh].map((r) => r.index)));
  index.endMove();
  return result;
}

/**
 * Appends rows read from 受注一覧 (columns as in `header`) to the archive: formats first, then values, each
 * one call. A new tab gets 受注一覧's columns in its order and its look (frozen styled header, row colours by
 * 管理ステータス); columns the archive lacks are added at its right end. Columns are matched by header
 * text, engine columns in either locale.
 */
function appendToArchive(
  book: SpreadsheetPort,
  index: ArchiveIndex,
  header: CellValue[],
  rows: CellValue[][],
  opts: { locale: Locale; timezone: string },
): void {
  const names = header.map((h, c) => {
    const text = cellText(h, opts.timezone).trim();
    return text === '' ? translate(opts.locale, 'archive.unnamedColumn', { col: columnLetter(c + 1) }) : text;
  });
  const tab = index.tab() ?? {
    sheet: book.insertSheet(ARCHIVE_SHEET_NAMES[opts.locale]),
    headerRow: 1,
    header: [],
    nextRow: 2,
  };
  const fresh = tab.header.length === 0;
  // where each 受注一覧 column goes: the archive column of the same engine id, or of the same header text
  const archiveIds = discoverHeaders(tab.header).at;
  const byText = new Map(tab.header.map((h, c) => [looseKey(h), c] as const).filter(([h]) => h !== ''));
  const ids = discoverHeaders(header).at;
  const idOf = new Map(Object.entries(ids).map(([id, c]) => [c, id as ColumnId]));
  const target: number[] = [];
  const added: string[] = [];
  names.forEach((name, c) => {
    const id = idOf.get(c);
    const found = id !== undefined ? archiveIds[id] : byText.get(looseKey(name));
    if (found !== undefined) target.push(found);
    else {
      target.push(tab.header.length + added.length);
      added.push(name);
    }
  });
  const width = tab.header.length + added.length;
  if (added.length > 0) {
    tab.sheet.writeBlock(tab.headerRow, tab.header.length + 1, [added]);
    const spans = spansOf(added.map((_, i) => tab.header.length + i));
    if (fresh) {
      // 受注一覧's look where it makes sense for a record: no dropdowns or protections, the same colours
      const at = Object.fromEntries(Object.entries(ids).map(([id, c]) => [id, target[c]])) as Record<ColumnId, number>;
      tab.sheet.applyLayout({
        frozenRows: tab.headerRow,
        header: { row: tab.headerRow, spans, style: HEADER_STYLE },
        highlights: ordersHighlights(at, width),
      });
    } else tab.sheet.applyLayout({ header: { row: tab.headerRow, spans, style: HEADER_STYLE } });
  }
  const idAt: (ColumnId | undefined)[] = new Array(width).fill(undefined);
  for (const [c, id] of idOf) idAt[target[c]] = id;
  const kind = (c: number) => {
    const id = idAt[c];
    return id ? COLUMN_BY_ID[id].kind : 'plain';
  };
  const formats = Array.from({ length: width }, (_, c) =>
    kind(c) === 'text' ? '@' : kind(c) === 'date' ? 'yyyy-mm-dd hh:mm' : '',
  );
  const top = Math.max(tab.nextRow, tab.headerRow + 1);
  const values = rows.map((row) => {
    const line: CellValue[] = new Array(width).fill('');
    row.forEach((v, c) => {
      if (c < target.length) line[target[c]] = toSheetValue(v ?? '', kind(target[c]));
    });
    return line;
  });
  // formats first: a value written into a cell not yet '@' would lose its leading zeros (docs/apps-script.md §C5)
  tab.sheet.setFormats(
    top,
    1,
    values.map(() => formats),
  );
  tab.sheet.writeBlock(top, 1, values);
  index.setTab({ ...tab, header: [...tab.header, ...added], nextRow: top + values.length });
}
