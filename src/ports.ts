/**
 * What the engine needs from the world. The core is synchronous (Apps Script is), so every port is too.
 * Adapters: src/gas (Apps Script services) and src/node (xlsx workbook, worker-thread HTTP, node:crypto).
 */

/** A cell as getValues() gives it: Apps Script returns Date objects for date cells and numbers for numbers. */
export type CellValue = string | number | boolean | Date | null;

/** One tab. Every method is one spreadsheet call (what costs time in Apps Script), except `name`. */
export interface SheetPort {
  readonly name: string;
  /** All values of the used range, header row first; [] for an empty sheet. Empty cells are ''. */
  readAll(): CellValue[][];
  /**
   * The values of a rectangle whose top-left cell is (row, col), 1-based, clipped to the used range; `rows` or
   * `cols` null = up to the used range's last row or column. A narrow read of a long tab (the archive's key
   * columns) costs its cells only, where readAll would read every cell.
   */
  readBlock(row: number, col: number, rows: number | null, cols: number | null): CellValue[][];
  /**
   * Rows × columns of the tab's grid: what Sheets counts against a spreadsheet's 10-million-cell limit
   * (docs/apps-script.md), the used range in a workbook. Two service calls in Apps Script, no cell read.
   */
  gridSize(): { rows: number; cols: number };
  /** Writes a rectangle whose top-left cell is (row, col), 1-based. Grows the sheet when needed. */
  writeBlock(row: number, col: number, values: CellValue[][]): void;
  /** Sets the number formats of a rectangle ('@' = plain text, '' = automatic). */
  setFormats(row: number, col: number, formats: string[][]): void;
  /**
   * Sets what a seller sees beyond values (docs/contract.md §2 Layout): only the parts given. Several service
   * calls in Apps Script (src/engine/sheet/layout.ts layoutCalls counts them); runs call it only when the
   * layout is new or must be repaired, never on every run.
   */
  applyLayout(change: LayoutChange): void;
  /**
   * Sets the engine's note on each cell of the rectangle whose top-left cell is (row, col): a text, or null
   * for no note of ours. The seller's own note text in those cells stays (src/engine/sheet/notes.ts). Two
   * service calls in Apps Script (getNotes, setNotes on one range); callers call it only when a note changes.
   */
  setNotes(row: number, col: number, notes: (string | null)[][]): void;
}

/** A run of columns, 1-based, first ≤ last. */
export interface ColumnSpan {
  first: number;
  last: number;
}

/** How cells look: colours as '#rrggbb'. */
export interface CellStyle {
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

/** What a column's cells accept (a checkbox stores TRUE / FALSE, as the Settings tab keeps booleans). */
export type ValidationRule = ({ kind: 'list'; values: string[] } | { kind: 'date' } | { kind: 'checkbox' }) & {
  /** shown beside the cell (Sheets' help text, Excel's input message) */
  help?: string;
};

/**
 * A conditional format over columns `span`, rows 2 to the end: `formula` is written for row 2 with `$`
 * on the columns (Sheets' custom formula). Rules of ours carry LAYOUT_MARK so a later layout replaces them
 * and leaves the seller's own rules alone.
 */
export interface HighlightRule {
  span: ColumnSpan;
  formula: string;
  style: CellStyle;
}

/** A chart of a block of the tab (Apps Script only; a workbook shows the table, which Excel can chart). */
export interface ChartSpec {
  kind: 'column' | 'line';
  title: string;
  /** the block charted: first column the categories, next columns the series; first row the headers */
  source: { row: number; col: number; rows: number; cols: number };
  /** top-left cell where the chart sits */
  anchor: { row: number; col: number };
}

/** The parts of a tab's layout a run sets; absent parts stay as they are. */
export interface LayoutChange {
  frozenRows?: number;
  /** header cells (row `row`, default 1) of these spans get this style */
  header?: { row?: number; spans: ColumnSpan[]; style: CellStyle };
  /** column widths in pixels */
  widths?: { col: number; px: number }[];
  /** replaces the validation of each column below row 1 (or of `rows` only, 1-based); null removes it */
  validations?: { col: number; rows?: { first: number; count: number }; rule: ValidationRule | null }[];
  /** replaces every rule of ours (found by LAYOUT_MARK); the seller's rules are kept, ours go first */
  highlights?: HighlightRule[];
  /** replaces our protections (warning only: the seller can still type after a warning) by these spans */
  protect?: ColumnSpan[];
  /** replaces our chart on the tab */
  chart?: ChartSpec;
}

/**
 * What marks a conditional rule, protection or chart as the engine's. In a formula it is a term that is
 * always true in Sheets, Excel and LibreOffice: N("MallSheet")=0.
 */
export const LAYOUT_MARK = 'MallSheet';

export interface SpreadsheetPort {
  getSheet(name: string): SheetPort | null;
  insertSheet(name: string): SheetPort;
  /**
   * The spreadsheet's own locale ('ja_JP', 'en_US', …: Spreadsheet.getSpreadsheetLocale), which picks the
   * language of a tab the engine creates before any setting says one; absent or null where there is none.
   */
  locale?(): string | null;
}

export interface HttpRequest {
  url: string;
  method: 'get' | 'post';
  headers?: Record<string, string>;
  /** e.g. 'application/json' or 'application/x-www-form-urlencoded' */
  contentType?: string;
  /** The exact body bytes to send, as a string (UTF-8). Signatures are computed over this same string. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * HTTP never throws for an HTTP status (muteHttpExceptions); it throws an Error only when no answer came
 * (DNS, refused, timeout: then engine/errors.ts's HttpTimeoutError). fetchAll sends in parallel and returns answers in
 * request order.
 */
export interface HttpPort {
  fetch(req: HttpRequest): HttpResponse;
  fetchAll(reqs: HttpRequest[]): HttpResponse[];
}

/** Document properties: strings only, ~9 KB per value, ~500 KB in all (Apps Script quotas). */
export interface PropertiesPort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
  /**
   * Every key and value in one call (PropertiesService getProperties), when the store can: a run then
   * reads its properties once instead of once per key (src/engine/cached-properties.ts).
   */
  getAll?(): Record<string, string>;
}

export interface LockPort {
  /** Document lock: false when another run holds it (we never queue behind a 6-minute run). */
  tryLock(timeoutMs: number): boolean;
  release(): void;
}

export interface ClockPort {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): void;
}

export interface CryptoPort {
  /** MD5 of the UTF-8 bytes of s, lowercase hex. */
  md5Hex(s: string): string;
  /** HMAC-SHA256 of the UTF-8 bytes of message under the UTF-8 bytes of key, lowercase hex. */
  hmacSha256Hex(key: string, message: string): string;
}

export interface LoggerPort {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** What a person sees while a run goes on: toasts in Sheets, stderr lines in the CLI. */
export interface ProgressPort {
  progress(msg: string): void;
}

/** One-off continuation runs and the recurring timer (ScriptApp triggers). */
export interface TriggerPort {
  /** Installs the recurring timer idempotently; minutes one of 1, 5, 10, 15, 30 or 60. 0 removes it. */
  setTimer(minutes: number): void;
  /** Schedules one continuation run after ms (replacing an earlier one). */
  scheduleContinuation(ms: number): void;
}

/** E-mail for alerts: MailApp in Sheets; the CLI prints the message to stderr instead of mailing it. */
export interface MailPort {
  /** Sends one plain-text message; throws when the mail service refuses it. */
  send(message: { to: string[]; subject: string; body: string }): void;
  /** Where alerts go when the settings name no address: the script's owner; null when unknown. */
  owner(): string | null;
  /** true where nothing is mailed but printed (the CLI): recipients are not needed */
  readonly printsOnly?: boolean;
  /** A link to the spreadsheet for the message body; null where there is none (the CLI). */
  link(): string | null;
}

export interface Ports {
  book: SpreadsheetPort;
  http: HttpPort;
  props: PropertiesPort;
  lock: LockPort;
  clock: ClockPort;
  crypto: CryptoPort;
  log: LoggerPort;
  progress: ProgressPort;
  triggers: TriggerPort;
  /** absent: no e-mail channel (a chat webhook still works) */
  mail?: MailPort;
}
