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
  /** Writes a rectangle whose top-left cell is (row, col), 1-based. Grows the sheet when needed. */
  writeBlock(row: number, col: number, values: CellValue[][]): void;
  /** Sets the number formats of a rectangle ('@' = plain text, '' = automatic). */
  setFormats(row: number, col: number, formats: string[][]): void;
}

export interface SpreadsheetPort {
  getSheet(name: string): SheetPort | null;
  insertSheet(name: string): SheetPort;
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
