import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { columnLetter, headerSpans, isMarkedFormula } from '../engine/sheet/layout';
import { mergeNote } from '../engine/sheet/notes';
import { wallClock, zonedTimeToEpoch } from '../engine/text/dates';
import type { CellStyle, CellValue, LayoutChange, SheetPort, SpreadsheetPort, ValidationRule } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { type AtRiskKind, countAtRisk, lostBetween } from './xlsx-parts';

/**
 * Rows a workbook's validations and conditional formats cover. An .xlsx range has a fixed end, and exceljs
 * reads a validated range back cell by cell, so the end is a generous number of rows, not the sheet's.
 */
export const XLSX_LAYOUT_ROWS = 10_000;
/** Excel's width unit is about 7 pixels of its default font. */
const PX_PER_CHAR = 7;
/** Excel keeps a list written in a validation to 255 characters. */
const MAX_LIST_CHARS = 255;

/**
 * The local .xlsx workbook as a SpreadsheetPort: loaded (async) before the engine runs, edited in memory
 * synchronously during the run, saved (async, atomically) after it.
 */
export class XlsxWorkbook implements SpreadsheetPort {
  private constructor(
    readonly wb: ExcelJS.Workbook,
    private readonly source: Buffer | null,
    private readonly timeZone: string,
  ) {}

  /**
   * Opens the file, or starts an empty workbook when it does not exist (docs/contract.md §5: created when
   * missing). An .xlsx date cell is a wall-clock time with no zone; `timeZone` (the settings') is the zone it
   * is read and written in, as Sheets does with the spreadsheet's own zone.
   */
  static async open(file: string, timeZone = 'UTC'): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    if (!fs.existsSync(file)) return new XlsxWorkbook(wb, null, timeZone);
    const source = fs.readFileSync(file);
    await wb.xlsx.load(source as unknown as ExcelJS.Buffer);
    return new XlsxWorkbook(wb, source, timeZone);
  }

  /**
   * What saving would drop of the file as it was opened: a trial save, compared part kind by part kind.
   * Only a file that holds such parts pays for the trial.
   */
  async unkeptContent(): Promise<{ kind: AtRiskKind; count: number }[]> {
    if (!this.source) return [];
    const before = await countAtRisk(this.source);
    if (Object.keys(before).length === 0) return [];
    const after = await countAtRisk(new Uint8Array((await this.wb.xlsx.writeBuffer()) as ArrayBuffer));
    return lostBetween(before, after);
  }

  getSheet(name: string): SheetPort | null {
    const ws = this.wb.getWorksheet(name);
    return ws ? new XlsxSheet(ws, this.timeZone) : null;
  }

  insertSheet(name: string): SheetPort {
    return new XlsxSheet(this.wb.addWorksheet(name), this.timeZone);
  }

  async save(file: string): Promise<void> {
    const buf = await this.wb.xlsx.writeBuffer();
    writeFileAtomic(file, new Uint8Array(buf as ArrayBuffer));
  }
}

class XlsxSheet implements SheetPort {
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly timeZone: string,
  ) {}

  get name(): string {
    return this.ws.name;
  }

  /**
   * Like getDataRange().getValues(): the rectangle up to the last row and column holding a value. Only cells
   * that exist are visited (row.values): asking exceljs for a cell creates it, and creating every empty cell
   * of a sheet with junk far below the data cost minutes and gigabytes, at load and again at save.
   */
  readAll(): CellValue[][] {
    const found: CellValue[][] = [];
    let lastRow = 0;
    let lastCol = 0;
    this.ws.eachRow({ includeEmpty: false }, (row, r) => {
      const line: CellValue[] = [];
      (row.values as ExcelJS.CellValue[]).forEach((v, c) => {
        const value = toCellValue(v, this.timeZone);
        if (value === '') return;
        line[c - 1] = value;
        lastCol = Math.max(lastCol, c);
        lastRow = r;
      });
      found[r - 1] = line;
    });
    const out: CellValue[][] = [];
    for (let r = 0; r < lastRow; r++) {
      const line = found[r];
      const values: CellValue[] = new Array(lastCol);
      for (let c = 0; c < lastCol; c++) values[c] = line?.[c] ?? '';
      out.push(values);
    }
    return out;
  }

  /** A block of what readAll gives (the workbook is in memory: reading it all costs no service call). */
  readBlock(row: number, col: number, rows: number | null, cols: number | null): CellValue[][] {
    return sliceBlock(this.readAll(), row, col, rows, cols);
  }

  /** An .xlsx file has no grid of its own: its used range. */
  gridSize(): { rows: number; cols: number } {
    const all = this.readAll();
    return { rows: all.length, cols: all[0]?.length ?? 0 };
  }

  writeBlock(row: number, col: number, values: CellValue[][]): void {
    values.forEach((cells, i) => {
      const r = this.ws.getRow(row + i);
      cells.forEach((v, j) => {
        const cell = r.getCell(col + j);
        cell.value = fromCellValue(v, this.timeZone);
        // like Sheets, a date written into an automatic cell gets a date format (else .xlsx keeps a bare serial)
        if (v instanceof Date && !isDateFormat(cell.numFmt)) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
    });
  }

  setFormats(row: number, col: number, formats: string[][]): void {
    formats.forEach((cells, i) => {
      const r = this.ws.getRow(row + i);
      cells.forEach((f, j) => {
        // '' = automatic: exceljs's General
        r.getCell(col + j).numFmt = f === '' ? 'General' : f;
      });
    });
  }

  /** Excel's notes (exceljs cell.note); a cell left with no text loses its note altogether. */
  setNotes(row: number, col: number, notes: (string | null)[][]): void {
    notes.forEach((cells, i) => {
      const r = this.ws.getRow(row + i);
      cells.forEach((n, j) => {
        const cell = r.getCell(col + j);
        const merged = mergeNote(noteText(cell.note), n);
        if (merged !== '') cell.note = merged;
        // exceljs has no way to remove a note but dropping the comment it keeps for the cell
        else if (cell.note !== undefined) (cell as unknown as { _comment?: unknown })._comment = undefined;
      });
    });
  }

  /**
   * The same desk as in Sheets, in what .xlsx can hold: a frozen pane, header style, widths, validations,
   * conditional formats (ours first, the seller's kept after them). Excel has no warning-only protection
   * and exceljs no charts, so `protect` and `chart` are left out: the dashboard's table is there to chart.
   */
  applyLayout(change: LayoutChange): void {
    const ws = this.ws as ExcelJS.Worksheet & { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };
    if (change.frozenRows !== undefined) {
      const { activeCell, showGridLines, zoomScale } = ws.views?.[0] ?? {};
      const pane = {
        state: 'frozen' as const,
        xSplit: 0,
        ySplit: change.frozenRows,
        topLeftCell: `A${change.frozenRows + 1}`,
      };
      const kept = Object.entries({ activeCell, showGridLines, zoomScale }).filter(([, v]) => v !== undefined);
      ws.views = [{ ...Object.fromEntries(kept), ...pane }];
    }
    for (const h of headerSpans(change)) {
      for (let c = h.first; c <= h.last; c++) styleCell(ws.getRow(h.row).getCell(c), h.style);
    }
    for (const w of change.widths ?? []) ws.getColumn(w.col).width = Math.round((w.px / PX_PER_CHAR) * 10) / 10;
    for (const v of change.validations ?? []) this.validate(v.col, v.rule, v.rows);
    if (change.highlights) {
      const ours = change.highlights.map((h, i) => ({
        ref: `${columnLetter(h.span.first)}2:${columnLetter(h.span.last)}${XLSX_LAYOUT_ROWS}`,
        rules: [
          {
            type: 'expression' as const,
            priority: i + 1,
            formulae: [h.formula.replace(/^=/, '')],
            style: dxf(h.style),
          },
        ],
      }));
      const theirs = (ws.conditionalFormattings ?? []).filter(
        (cf) => !cf.rules.some((r) => isMarkedFormula(ruleFormula(r))),
      );
      // the seller's rules keep their order, after ours (Excel applies the lowest priority number first)
      for (const cf of theirs) for (const r of cf.rules) r.priority = (r.priority ?? 0) + ours.length;
      ws.conditionalFormattings = [...ours, ...theirs];
    }
  }

  private validate(col: number, rule: ValidationRule | null, rows?: { first: number; count: number }): void {
    const letter = columnLetter(col);
    const first = rows?.first ?? 2;
    const last = rows ? rows.first + rows.count - 1 : XLSX_LAYOUT_ROWS;
    const model = (this.ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    // exceljs reads a validated range back as one entry per cell: drop this column's entries in the rows
    for (const address of Object.keys(model)) {
      const m = /^([A-Z]+)(\d+)(?::[A-Z]+\d+)?$/.exec(address);
      if (m && m[1] === letter && Number(m[2]) >= first && Number(m[2]) <= last) delete model[address];
    }
    const validation = rule && toValidation(rule);
    if (validation) model[first === last ? `${letter}${first}` : `${letter}${first}:${letter}${last}`] = validation;
  }
}

function toValidation(rule: ValidationRule): ExcelJS.DataValidation | null {
  const prompt = rule.help ? { showInputMessage: true, prompt: rule.help } : {};
  if (rule.kind === 'date') {
    return {
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [new Date(Date.UTC(2000, 0, 1))],
      ...prompt,
    };
  }
  if (rule.kind === 'checkbox')
    return { type: 'list', allowBlank: true, showErrorMessage: true, formulae: ['"TRUE,FALSE"'], ...prompt };
  // a list written in the rule: no commas or quotes inside names, and Excel's length limit
  const values = rule.values.filter((v) => !/[,"]/.test(v));
  const list = `"${values.join(',')}"`;
  if (!values.length || list.length > MAX_LIST_CHARS + 2) return null;
  return { type: 'list', allowBlank: true, showErrorMessage: true, formulae: [list], ...prompt };
}

/** A note's text, whether exceljs holds it as a string or as rich text. */
function noteText(note: ExcelJS.Cell['note']): string {
  if (note === undefined || note === null) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function styleCell(cell: ExcelJS.Cell, s: CellStyle): void {
  if (s.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.background) } };
  if (s.fontColor !== undefined || s.bold !== undefined) {
    cell.font = {
      ...cell.font,
      ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}),
      ...(s.bold !== undefined ? { bold: s.bold } : {}),
    };
  }
}

/** A conditional format's style: Excel fills a differential format with its background colour. */
function dxf(s: CellStyle): Partial<ExcelJS.Style> {
  return {
    ...(s.background ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(s.background) } } } : {}),
    ...(s.fontColor || s.bold
      ? { font: { ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}), ...(s.bold ? { bold: true } : {}) } }
      : {}),
  };
}

function ruleFormula(rule: ExcelJS.ConditionalFormattingRule): string {
  const formulae = (rule as { formulae?: unknown[] }).formulae;
  return formulae?.length ? String(formulae[0]) : '';
}

/** exceljs's cell value → what Apps Script's getValues would give (a date: its wall-clock time in timeZone). */
export function toCellValue(v: ExcelJS.CellValue, timeZone = 'UTC'): CellValue {
  if (v === null || v === undefined) return '';
  // exceljs gives a date cell's wall-clock fields as UTC fields
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? v : new Date(wallClockToEpoch(v, timeZone));
  if (isPlainValue(v)) return v;
  if ('richText' in v) return v.richText.map((p) => p.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    return isPlainValue(result) ? toCellValue(result, timeZone) : '';
  }
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return '';
}

function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && fmt !== 'General' && /[ymdhs]/i.test(fmt.replace(/"[^"]*"|\[[^\]]*\]/g, ''));
}

function isPlainValue(x: unknown): x is CellValue {
  return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || x instanceof Date;
}

/**
 * What a setValues call would store. A leading apostrophe forces text in Sheets and is not part of the
 * value; an .xlsx string cell is never a formula, so the apostrophe is dropped and the rest kept as text.
 */
/** The block of a used range (row 1 first) whose top-left cell is (row, col), 1-based; null = to the end. */
function sliceBlock(
  values: CellValue[][],
  row: number,
  col: number,
  rows: number | null,
  cols: number | null,
): CellValue[][] {
  const body = values.slice(row - 1, rows === null ? undefined : row - 1 + rows);
  return body.map((line) => line.slice(col - 1, cols === null ? undefined : col - 1 + cols));
}

export function fromCellValue(v: CellValue, timeZone = 'UTC'): ExcelJS.CellValue {
  if (v === '' || v === null) return null;
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const w = wallClock(v.getTime(), timeZone);
    return new Date(Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s));
  }
  if (typeof v === 'string' && v.startsWith("'")) return v.slice(1);
  return v;
}

/** The instant at which timeZone's clock shows the wall-clock time exceljs put in d's UTC fields. */
function wallClockToEpoch(d: Date, timeZone: string): number {
  const at = zonedTimeToEpoch(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    timeZone,
  );
  return at + d.getUTCMilliseconds();
}
