import type {
  CellValue,
  HttpPort,
  HttpRequest,
  HttpResponse,
  LayoutChange,
  ProgressPort,
  PropertiesPort,
  SheetPort,
  SpreadsheetPort,
} from '../../ports';
import type { VirtualClock } from '../memory-ports';
import { layoutCalls } from '../sheet/layout';

/**
 * A simulated Apps Script cost model (end-to-end benchmark): wrappers around the ports that
 * advance a VirtualClock by what each call would cost in Apps Script and count the calls. Sleeps
 * (backoff, throttling) already advance the VirtualClock. Nothing here changes what a call does.
 */

export interface CostRates {
  /** one UrlFetchApp.fetch, and one wave of fetchAll */
  fetchMs: number;
  /** one call into the Spreadsheet service (getValues, setValues, setNumberFormats, getSheetByName, toast) */
  sheetCallMs: number;
  /** per cell read by getValues */
  readCellMs: number;
  /** per cell written by setValues or formatted by setNumberFormats */
  writeCellMs: number;
  /** one PropertiesService read (getProperty, getKeys) */
  propertyReadMs: number;
  /** one PropertiesService write (setProperty, deleteProperty) */
  propertyWriteMs: number;
}

/**
 * The rates of the issue (#7): ~250 ms a fetch, ~100 ms a spreadsheet call. Per-cell costs are our
 * estimate of Apps Script's batched getValues/setValues throughput (~200k cells/s read, ~50k cells/s
 * written). Properties: published measurements average ~30 ms a getProperty and ~60 ms a setProperty.
 */
export const APPS_SCRIPT_RATES: CostRates = {
  fetchMs: 250,
  sheetCallMs: 100,
  readCellMs: 0.005,
  writeCellMs: 0.02,
  propertyReadMs: 30,
  propertyWriteMs: 60,
};

export interface Meter {
  /** URL fetches (each request of a fetchAll counts) */
  fetches: number;
  /** fetchAll waves and single fetches: what the clock was charged for */
  waves: number;
  /** per-mall (or other label) URL fetches */
  fetchesBy: Record<string, number>;
  /** SheetPort data calls: readAll, readBlock, gridSize, writeBlock, setFormats (ports.ts: one call each) */
  sheetCalls: number;
  /** service calls of applyLayout, apart (docs/contract.md §2 Layout: once per tab, none on later runs) */
  layoutCalls: number;
  /** the same, by `<sheet> <method>` (where the calls go) */
  sheetCallsBy: Record<string, number>;
  /** getSheet / insertSheet lookups */
  sheetLookups: number;
  /** progress toasts (SpreadsheetApp.toast in Apps Script) */
  toasts: number;
  cellsRead: number;
  cellsWritten: number;
  propertyCalls: number;
}

export function emptyMeter(): Meter {
  return {
    fetches: 0,
    waves: 0,
    fetchesBy: {},
    sheetCalls: 0,
    layoutCalls: 0,
    sheetCallsBy: {},
    sheetLookups: 0,
    toasts: 0,
    cellsRead: 0,
    cellsWritten: 0,
    propertyCalls: 0,
  };
}

/** The difference of two meter readings (one run's share). */
export function meterDelta(after: Meter, before: Meter): Meter {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(a)
        .map((k) => [k, a[k] - (b[k] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
  return {
    fetches: after.fetches - before.fetches,
    waves: after.waves - before.waves,
    fetchesBy: diff(after.fetchesBy, before.fetchesBy),
    sheetCalls: after.sheetCalls - before.sheetCalls,
    layoutCalls: after.layoutCalls - before.layoutCalls,
    sheetCallsBy: diff(after.sheetCallsBy, before.sheetCallsBy),
    sheetLookups: after.sheetLookups - before.sheetLookups,
    toasts: after.toasts - before.toasts,
    cellsRead: after.cellsRead - before.cellsRead,
    cellsWritten: after.cellsWritten - before.cellsWritten,
    propertyCalls: after.propertyCalls - before.propertyCalls,
  };
}

export function snapshot(m: Meter): Meter {
  return { ...m, fetchesBy: { ...m.fetchesBy }, sheetCallsBy: { ...m.sheetCallsBy } };
}

/** The clock and the counters every wrapper of one simulated world shares. */
export class CostModel {
  readonly meter: Meter = emptyMeter();

  constructor(
    readonly clock: VirtualClock,
    readonly rates: CostRates = APPS_SCRIPT_RATES,
  ) {}

  charge(ms: number): void {
    this.clock.advance(ms);
  }
}

export interface HttpCostOptions {
  /** which mall (or label) a request goes to, for per-mall counts and parallelism */
  labelOf(req: HttpRequest): string;
  /** how many requests of one fetchAll Apps Script runs at once for this label (the mall's rate limit) */
  parallelism(label: string): number;
}

/**
 * UrlFetchApp: a fetch costs fetchMs; a fetchAll runs in parallel up to the mall's limit, each wave
 * costing fetchMs. The clock advances after the answer, so the mall sees the request at send time.
 */
export class CostedHttp implements HttpPort {
  constructor(
    private readonly inner: HttpPort,
    private readonly model: CostModel,
    private readonly opts: HttpCostOptions,
  ) {}

  fetch(req: HttpRequest): HttpResponse {
    this.count([req]);
    try {
      return this.inner.fetch(req);
    } finally {
      this.model.meter.waves++;
      this.model.charge(this.model.rates.fetchMs);
    }
  }

  fetchAll(reqs: HttpRequest[]): HttpResponse[] {
    this.count(reqs);
    // a wave per mall's worth of parallel requests; several malls in one batch share the waves
    const perLabel = new Map<string, number>();
    for (const r of reqs) {
      const label = this.opts.labelOf(r);
      perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
    }
    const waves = Math.max(
      0,
      ...[...perLabel].map(([label, n]) => Math.ceil(n / Math.max(1, this.opts.parallelism(label)))),
    );
    try {
      return this.inner.fetchAll(reqs);
    } finally {
      this.model.meter.waves += waves;
      this.model.charge(waves * this.model.rates.fetchMs);
    }
  }

  private count(reqs: HttpRequest[]): void {
    const m = this.model.meter;
    for (const r of reqs) {
      const label = this.opts.labelOf(r);
      m.fetches++;
      m.fetchesBy[label] = (m.fetchesBy[label] ?? 0) + 1;
    }
  }
}

/** A SheetPort whose every call costs sheetCallMs plus its cells. */
export class CostedSheet implements SheetPort {
  constructor(
    private readonly inner: SheetPort,
    private readonly model: CostModel,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  readAll(): CellValue[][] {
    const values = this.inner.readAll();
    const cells = values.reduce((n, r) => n + r.length, 0);
    this.call('readAll', cells * this.model.rates.readCellMs);
    this.model.meter.cellsRead += cells;
    return values;
  }

  /** getLastRow, getLastColumn and getValues of the block: charged as one call, like readAll's getDataRange + getValues */
  readBlock(row: number, col: number, rows: number | null, cols: number | null): CellValue[][] {
    const values = this.inner.readBlock(row, col, rows, cols);
    const cells = values.reduce((n, r) => n + r.length, 0);
    this.call('readBlock', cells * this.model.rates.readCellMs);
    this.model.meter.cellsRead += cells;
    return values;
  }

  /** getMaxRows + getMaxColumns: metadata, no cell read */
  gridSize(): { rows: number; cols: number } {
    const size = this.inner.gridSize();
    this.call('gridSize', 0);
    return size;
  }

  writeBlock(row: number, col: number, values: CellValue[][]): void {
    const cells = values.reduce((n, r) => n + r.length, 0);
    this.inner.writeBlock(row, col, values);
    this.call('writeBlock', cells * this.model.rates.writeCellMs);
    this.model.meter.cellsWritten += cells;
  }

  setFormats(row: number, col: number, formats: string[][]): void {
    const cells = formats.reduce((n, r) => n + r.length, 0);
    this.inner.setFormats(row, col, formats);
    this.call('setFormats', cells * this.model.rates.writeCellMs);
  }

  /** Charged as Apps Script does it: getNotes then setNotes on the one range (src/gas/sheet.ts). */
  setNotes(row: number, col: number, notes: (string | null)[][]): void {
    const cells = notes.reduce((n, r) => n + r.length, 0);
    this.inner.setNotes(row, col, notes);
    this.call('getNotes', cells * this.model.rates.readCellMs);
    this.call('setNotes', cells * this.model.rates.writeCellMs);
  }

  /** Charged as the Apps Script service calls it makes (setFrozenRows, setDataValidation, …). */
  applyLayout(change: LayoutChange): void {
    this.inner.applyLayout(change);
    const n = layoutCalls(change);
    const m = this.model.meter;
    const key = `${this.inner.name} applyLayout`;
    m.layoutCalls += n;
    m.sheetCallsBy[key] = (m.sheetCallsBy[key] ?? 0) + n;
    this.model.charge(n * this.model.rates.sheetCallMs);
  }

  private call(method: string, cellMs: number): void {
    const m = this.model.meter;
    const key = `${this.inner.name} ${method}`;
    m.sheetCalls++;
    m.sheetCallsBy[key] = (m.sheetCallsBy[key] ?? 0) + 1;
    this.model.charge(this.model.rates.sheetCallMs + cellMs);
  }
}

/** getSheetByName / insertSheet are Spreadsheet service calls too; the sheets they give are costed. */
export class CostedSpreadsheet implements SpreadsheetPort {
  constructor(
    private readonly inner: SpreadsheetPort,
    private readonly model: CostModel,
  ) {}

  getSheet(name: string): SheetPort | null {
    this.lookup();
    const s = this.inner.getSheet(name);
    return s ? new CostedSheet(s, this.model) : null;
  }

  insertSheet(name: string): SheetPort {
    this.lookup();
    return new CostedSheet(this.inner.insertSheet(name), this.model);
  }

  private lookup(): void {
    this.model.meter.sheetLookups++;
    this.model.charge(this.model.rates.sheetCallMs);
  }
}

/** Progress as Apps Script shows it: one SpreadsheetApp.toast per line (src/gas/services.ts toastProgress). */
export class CostedToasts implements ProgressPort {
  constructor(
    private readonly inner: ProgressPort,
    private readonly model: CostModel,
  ) {}

  progress(msg: string): void {
    this.model.meter.toasts++;
    this.model.charge(this.model.rates.sheetCallMs);
    this.inner.progress(msg);
  }
}

/** Document properties: each get, set, delete or keys is one PropertiesService call. */
export class CostedProperties implements PropertiesPort {
  constructor(
    private readonly inner: PropertiesPort,
    private readonly model: CostModel,
  ) {}

  get(key: string): string | null {
    this.call(this.model.rates.propertyReadMs);
    return this.inner.get(key);
  }

  set(key: string, value: string): void {
    this.call(this.model.rates.propertyWriteMs);
    this.inner.set(key, value);
  }

  delete(key: string): void {
    this.call(this.model.rates.propertyWriteMs);
    this.inner.delete(key);
  }

  keys(): string[] {
    this.call(this.model.rates.propertyReadMs);
    return this.inner.keys();
  }

  /** getProperties: one call, whatever the number of keys */
  getAll(): Record<string, string> {
    this.call(this.model.rates.propertyReadMs);
    return this.inner.getAll
      ? this.inner.getAll()
      : Object.fromEntries(this.inner.keys().map((k) => [k, this.inner.get(k) ?? '']));
  }

  private call(ms: number): void {
    this.model.meter.propertyCalls++;
    this.model.charge(ms);
  }
}
