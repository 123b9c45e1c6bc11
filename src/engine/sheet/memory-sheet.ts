import type {
  CellStyle,
  CellValue,
  ChartSpec,
  ColumnSpan,
  HighlightRule,
  LayoutChange,
  SheetPort,
  SpreadsheetPort,
  ValidationRule,
} from '../../ports';
import { zonedTimeToEpoch } from '../text/dates';
import { headerSpans, isMarkedFormula, layoutCalls } from './layout';
import { mergeNote } from './notes';

/**
 * In-memory SpreadsheetPort that copies Apps Script's value quirks (docs/apps-script.md §C5, §D),
 * so tests catch what a plain array would hide:
 * - a string starting with '=' or '+' becomes a formula; readAll shows its result, '#ERROR!' when unparsable;
 * - a leading apostrophe is stripped and the rest kept as text;
 * - unless the cell's format is '@', numeric-looking strings become numbers (leading zeros lost) and
 *   date-like strings become Date objects (read back as Date, like getValues);
 * - every port method counts as one call; cells written are counted too; a layout also counts the
 *   Apps Script service calls it stands for (layoutCalls);
 * - a layout is kept as Sheets keeps it: validations per column, the seller's conditional rules beside ours.
 */

interface Formula {
  formula: string;
  value: CellValue;
}
type Stored = CellValue | Formula;

const isFormula = (v: Stored): v is Formula => typeof v === 'object' && v !== null && !(v instanceof Date);

export interface CallCounts {
  readAll: number;
  readBlock: number;
  writeBlock: number;
  setFormats: number;
  setNotes: number;
  applyLayout: number;
  /** Apps Script service calls the layouts stand for (src/engine/sheet/layout.ts layoutCalls) */
  layoutServiceCalls: number;
  /** the data calls: readAll, readBlock, writeBlock, setFormats, setNotes */
  total: number;
  cellsWritten: number;
}

const NUMBER = /^-?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Arithmetic only (numbers, + - * /, parentheses); anything else is a parse error, as for Sheets' #ERROR!. */
function evaluate(expr: string): CellValue {
  let i = 0;
  const s = expr.replace(/\s+/g, '');
  const fail = (): never => {
    throw new Error('parse');
  };
  const primary = (): number => {
    if (s[i] === '(') {
      i++;
      const v = sum();
      if (s[i++] !== ')') fail();
      return v;
    }
    if (s[i] === '-' || s[i] === '+') {
      const sign = s[i++] === '-' ? -1 : 1;
      return sign * primary();
    }
    const m = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (!m) return fail();
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number => {
    let v = primary();
    while (s[i] === '*' || s[i] === '/') v = s[i++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (s[i] === '+' || s[i] === '-') v = s[i++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return i === s.length && Number.isFinite(v) ? v : '#ERROR!';
  } catch {
    return '#ERROR!';
  }
}

/** A tab's layout as Sheets would hold it (inspected by tests). */
export interface MemoryLayout {
  frozenRows: number;
  /** 1-based column → rule (rows 2 down) */
  validations: Map<number, ValidationRule>;
  /** every conditional rule, ours and the seller's, in order */
  rules: HighlightRule[];
  protections: ColumnSpan[];
  widths: Map<number, number>;
  charts: ChartSpec[];
  /** every layout change applied, in order */
  history: LayoutChange[];
}

/** Row `r` of a sparse grid, created empty when it is not there yet. */
function lineAt<T>(grid: T[][], r: number): T[] {
  const line = grid[r] ?? [];
  grid[r] = line;
  return line;
}

export class MemorySheet implements SheetPort {
  private cells: Stored[][] = [];
  private formats: (string | undefined)[][] = [];
  /** cell notes as Sheets holds them (ours and the seller's text together) */
  private notes: (string | undefined)[][] = [];
  private styles = new Map<string, CellStyle>();
  readonly layout: MemoryLayout = {
    frozenRows: 0,
    validations: new Map(),
    rules: [],
    protections: [],
    widths: new Map(),
    charts: [],
    history: [],
  };

  constructor(
    readonly name: string,
    private readonly counts: CallCounts,
    private readonly timeZone: string,
  ) {}

  // ---- SheetPort (each method is one counted call) ----

  readAll(): CellValue[][] {
    this.count('readAll');
    const { rows, cols } = this.usedSize();
    const out: CellValue[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const src = this.cells[r] ?? [];
      const row: CellValue[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        const v = src[c];
        row[c] =
          v === undefined || v === null ? '' : isFormula(v) ? v.value : v instanceof Date ? new Date(v.getTime()) : v;
      }
      out[r] = row;
    }
    return out;
  }

  readBlock(row: number, col: number, rows: number | null, cols: number | null): CellValue[][] {
    this.count('readBlock');
    const { rows: used, cols: width } = this.usedSize();
    const h = Math.min(rows ?? used, used - row + 1);
    const w = Math.min(cols ?? width, width - col + 1);
    if (h <= 0 || w <= 0) return [];
    const out: CellValue[][] = [];
    for (let r = 0; r < h; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < w; c++) {
        const v = this.cells[row - 1 + r]?.[col - 1 + c];
        line.push(
          v === undefined || v === null ? '' : isFormula(v) ? v.value : v instanceof Date ? new Date(v.getTime()) : v,
        );
      }
      out.push(line);
    }
    return out;
  }

  /** The used range (a memory sheet has no fixed grid). Not a data call: it reads no cell. */
  gridSize(): { rows: number; cols: number } {
    return this.usedSize();
  }

  writeBlock(row: number, col: number, values: CellValue[][]): void {
    this.count('writeBlock');
    for (const [dr, line] of values.entries()) {
      for (const [dc, v] of line.entries()) this.store(row - 1 + dr, col - 1 + dc, v);
      this.counts.cellsWritten += line.length;
    }
  }

  setFormats(row: number, col: number, formats: string[][]): void {
    this.count('setFormats');
    for (const [dr, line] of formats.entries()) {
      const target = lineAt(this.formats, row - 1 + dr);
      for (const [dc, f] of line.entries()) target[col - 1 + dc] = f || undefined;
    }
  }

  setNotes(row: number, col: number, notes: (string | null)[][]): void {
    this.count('setNotes');
    for (let dr = 0; dr < notes.length; dr++) {
      this.notes[row - 1 + dr] ??= [];
      const target = this.notes[row - 1 + dr];
      for (let dc = 0; dc < notes[dr].length; dc++) {
        const merged = mergeNote(target[col - 1 + dc] ?? '', notes[dr][dc]);
        target[col - 1 + dc] = merged === '' ? undefined : merged;
      }
    }
  }

  applyLayout(change: LayoutChange): void {
    // counted apart from the data calls (total): a layout is set once per tab, not per run
    this.counts.applyLayout++;
    this.counts.layoutServiceCalls += layoutCalls(change);
    const L = this.layout;
    L.history.push(JSON.parse(JSON.stringify(change)) as LayoutChange);
    if (change.frozenRows !== undefined) L.frozenRows = change.frozenRows;
    for (const h of headerSpans(change)) {
      for (let c = h.first; c <= h.last; c++) this.paint(h.row, c, h.style);
    }
    for (const w of change.widths ?? []) L.widths.set(w.col, w.px);
    for (const v of change.validations ?? []) {
      if (v.rule) L.validations.set(v.col, v.rule);
      else L.validations.delete(v.col);
    }
    if (change.highlights) L.rules = [...change.highlights, ...L.rules.filter((r) => !isMarkedFormula(r.formula))];
    if (change.protect) L.protections = [...change.protect];
    if (change.chart) L.charts = [change.chart];
  }

  // ---- inspection for tests (not counted) ----

  styleAt(row: number, col: number): CellStyle {
    return this.styles.get(`${row},${col}`) ?? {};
  }

  /** The formula of a cell (1-based), or null when it holds a plain value. */
  formulaAt(row: number, col: number): string | null {
    const v = this.cells[row - 1]?.[col - 1];
    return v !== undefined && isFormula(v) ? v.formula : null;
  }

  valueAt(row: number, col: number): CellValue {
    const v = this.cells[row - 1]?.[col - 1];
    return v === undefined || v === null ? '' : isFormula(v) ? v.value : v;
  }

  formatAt(row: number, col: number): string {
    return this.formats[row - 1]?.[col - 1] ?? '';
  }

  /** A cell's whole note (1-based), '' when it has none. */
  noteAt(row: number, col: number): string {
    return this.notes[row - 1]?.[col - 1] ?? '';
  }

  /** 1-based column whose row-1 text is `header`, or 0. */
  columnOf(header: string): number {
    return (this.cells[0] ?? []).indexOf(header) + 1;
  }

  // ---- what a person does in the sheet between runs (not counted) ----

  /** Types a value into a cell, with the same parsing as a write. */
  edit(row: number, col: number, value: CellValue): void {
    this.store(row - 1, col - 1, value);
  }

  /** Writes a note of the seller's own into a cell (replacing the cell's whole note). */
  putNote(row: number, col: number, note: string): void {
    this.notes[row - 1] ??= [];
    this.notes[row - 1][col - 1] = note === '' ? undefined : note;
  }

  /** Stores a formula whose displayed value is given (e.g. a user's ARRAYFORMULA column). */
  putFormula(row: number, col: number, formula: string, shown: CellValue): void {
    lineAt(this.cells, row - 1)[col - 1] = { formula, value: shown };
  }

  /** Sorts the rows below the header by a column (1-based), keeping formats and formulas with their rows. */
  sortBy(col: number, descending = false): void {
    const { rows } = this.usedSize();
    const order = Array.from({ length: rows - 1 }, (_, i) => i + 1);
    const key = (r: number) => {
      const v = this.valueAt(r + 1, col);
      return v instanceof Date ? v.getTime() : (v ?? '');
    };
    order.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const cmp = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
      return (descending ? -cmp : cmp) || a - b;
    });
    const cells = order.map((r) => this.cells[r] ?? []);
    const formats = order.map((r) => this.formats[r] ?? []);
    const notes = order.map((r) => this.notes[r] ?? []);
    for (const [i, line] of cells.entries()) this.cells[i + 1] = line;
    for (const [i, line] of formats.entries()) this.formats[i + 1] = line;
    for (const [i, line] of notes.entries()) this.notes[i + 1] = line;
  }

  /** Inserts an empty column before `col` (1-based), shifting everything right. */
  insertColumn(col: number, header = ''): void {
    for (const line of this.cells) if (line && line.length >= col - 1) line.splice(col - 1, 0, '');
    for (const line of this.formats) if (line && line.length >= col - 1) line.splice(col - 1, 0, undefined);
    for (const line of this.notes) if (line && line.length >= col - 1) line.splice(col - 1, 0, undefined);
    // validations and cell styles move with their cells, as in Sheets
    const shift = (c: number) => (c >= col ? c + 1 : c);
    this.layout.validations = new Map([...this.layout.validations].map(([c, v]) => [shift(c), v]));
    this.styles = new Map(
      [...this.styles].map(([k, v]) => {
        const [r, c] = k.split(',').map(Number);
        return [`${r},${shift(c)}`, v];
      }),
    );
    if (header) this.store(0, col - 1, header);
  }

  /** Moves column `from` so that it ends up at position `to` (both 1-based). */
  moveColumn(from: number, to: number): void {
    const { cols } = this.usedSize();
    const width = Math.max(cols, from, to);
    const move = <T>(line: T[]) => {
      while (line.length < width) line.push(undefined as T);
      const [cell] = line.splice(from - 1, 1);
      line.splice(to - 1, 0, cell);
    };
    for (const line of this.cells) if (line) move(line);
    for (const line of this.formats) if (line) move(line);
    for (const line of this.notes) if (line) move(line);
  }

  /** Inserts an empty row before `row` (1-based). */
  insertRow(row: number): void {
    this.cells.splice(row - 1, 0, []);
    this.formats.splice(row - 1, 0, []);
    this.notes.splice(row - 1, 0, []);
  }

  /** Formats a cell by hand (colours, bold), as a seller does. */
  paint(row: number, col: number, style: CellStyle): void {
    this.styles.set(`${row},${col}`, { ...this.styleAt(row, col), ...style });
  }

  /** A conditional format rule of the seller's own. */
  addRule(rule: HighlightRule): void {
    this.layout.rules.push(rule);
  }

  /** Filters hide rows but leave values where they are: nothing changes for a value-level port. */
  filter(): void {}

  // ---- internals ----

  private count(method: 'readAll' | 'readBlock' | 'writeBlock' | 'setFormats' | 'setNotes'): void {
    this.counts[method]++;
    this.counts.total++;
  }

  private usedSize(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    this.cells.forEach((line, r) => {
      if (!line) return;
      for (let c = line.length - 1; c >= 0; c--) {
        const v = line[c];
        if (v !== undefined && v !== null && v !== '') {
          rows = r + 1;
          cols = Math.max(cols, c + 1);
          break;
        }
      }
    });
    return { rows, cols };
  }

  private store(r: number, c: number, value: CellValue): void {
    lineAt(this.cells, r)[c] = this.parse(value, this.formats[r]?.[c]);
  }

  /** What Sheets makes of a value written by setValues into a cell with this number format. */
  private parse(value: CellValue, format: string | undefined): Stored {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string') return value instanceof Date ? new Date(value.getTime()) : value;
    if (value.startsWith("'")) return value.slice(1);
    if (value.startsWith('=') || value.startsWith('+')) {
      return { formula: value.startsWith('+') ? `=${value}` : value, value: evaluate(value.slice(1)) };
    }
    if (format === '@' || value === '') return value;
    const t = value.trim();
    if (NUMBER.test(t) && /\d/.test(t)) return Number(t.replace(/,/g, ''));
    if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
    const d = DATE.exec(t);
    if (d) {
      const [y, mo, day, h, mi, s] = d.slice(1).map((x) => Number(x ?? 0));
      return new Date(zonedTimeToEpoch(y, mo, day, h, mi, s, this.timeZone));
    }
    return value;
  }
}

/** A workbook of MemorySheets sharing one call counter. */
export class MemorySpreadsheet implements SpreadsheetPort {
  readonly calls: CallCounts = {
    readAll: 0,
    readBlock: 0,
    writeBlock: 0,
    setFormats: 0,
    setNotes: 0,
    applyLayout: 0,
    layoutServiceCalls: 0,
    total: 0,
    cellsWritten: 0,
  };
  private readonly sheets = new Map<string, MemorySheet>();

  /** the spreadsheet's locale (File → Settings), null when the test does not say */
  spreadsheetLocale: string | null = null;

  constructor(readonly timeZone = 'Asia/Tokyo') {}

  locale(): string | null {
    return this.spreadsheetLocale;
  }

  getSheet(name: string): MemorySheet | null {
    return this.sheets.get(name) ?? null;
  }

  insertSheet(name: string): MemorySheet {
    if (this.sheets.has(name)) throw new Error(`A sheet named "${name}" already exists`);
    const sheet = new MemorySheet(name, this.calls, this.timeZone);
    this.sheets.set(name, sheet);
    return sheet;
  }

  resetCalls(): void {
    for (const k of Object.keys(this.calls) as (keyof CallCounts)[]) this.calls[k] = 0;
  }
}
