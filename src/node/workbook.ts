import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue, SheetPort, SpreadsheetPort } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { countAtRisk, lostBetween, type AtRiskKind } from './xlsx-parts';

/**
 * The local .xlsx workbook as a SpreadsheetPort: loaded (async) before the engine runs, edited in memory
 * synchronously during the run, saved (async, atomically) after it.
 */
export class XlsxWorkbook implements SpreadsheetPort {
  private constructor(
    readonly wb: ExcelJS.Workbook,
    private readonly source: Buffer | null,
  ) {}

  /** Opens the file, or starts an empty workbook when it does not exist (docs/contract.md §5: created when missing). */
  static async open(file: string): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    if (!fs.existsSync(file)) return new XlsxWorkbook(wb, null);
    const source = fs.readFileSync(file);
    await wb.xlsx.load(source as unknown as ExcelJS.Buffer);
    return new XlsxWorkbook(wb, source);
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
    return ws ? new XlsxSheet(ws) : null;
  }

  insertSheet(name: string): SheetPort {
    return new XlsxSheet(this.wb.addWorksheet(name));
  }

  async save(file: string): Promise<void> {
    const buf = await this.wb.xlsx.writeBuffer();
    writeFileAtomic(file, new Uint8Array(buf as ArrayBuffer));
  }
}

class XlsxSheet implements SheetPort {
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  get name(): string {
    return this.ws.name;
  }

  /** Like getDataRange().getValues(): the rectangle up to the last row and column holding a value. */
  readAll(): CellValue[][] {
    let lastRow = 0;
    let lastCol = 0;
    this.ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (toCellValue(cell.value) === '') return;
        lastRow = Math.max(lastRow, r);
        lastCol = Math.max(lastCol, c);
      });
    });
    const out: CellValue[][] = [];
    for (let r = 1; r <= lastRow; r++) {
      const row = this.ws.getRow(r);
      const values: CellValue[] = new Array(lastCol);
      for (let c = 1; c <= lastCol; c++) values[c - 1] = toCellValue(row.getCell(c).value);
      out.push(values);
    }
    return out;
  }

  writeBlock(row: number, col: number, values: CellValue[][]): void {
    values.forEach((cells, i) => {
      const r = this.ws.getRow(row + i);
      cells.forEach((v, j) => {
        const cell = r.getCell(col + j);
        cell.value = fromCellValue(v);
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
}

/** exceljs's cell value → what Apps Script's getValues would give. */
export function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return '';
  if (isPlainValue(v)) return v;
  if ('richText' in v) return v.richText.map((p) => p.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    return isPlainValue(result) ? result : '';
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
export function fromCellValue(v: CellValue): ExcelJS.CellValue {
  if (v === '' || v === null) return null;
  if (typeof v === 'string' && v.startsWith("'")) return v.slice(1);
  return v;
}
