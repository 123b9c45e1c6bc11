import type { CellValue, SheetPort, SpreadsheetPort } from '../ports';

/** The parts of SpreadsheetApp's Sheet and Spreadsheet the adapters use (tests stub exactly these). */
export type SheetApi = Pick<
  GoogleAppsScript.Spreadsheet.Sheet,
  'getName' | 'getDataRange' | 'getRange' | 'getMaxRows' | 'getMaxColumns' | 'insertRowsAfter' | 'insertColumnsAfter'
>;
export interface SpreadsheetApi {
  getSheetByName(name: string): SheetApi | null;
  insertSheet(name: string): SheetApi;
}

/** SheetPort over one Apps Script sheet: each method is one batched call (docs/apps-script.md §C5: read all, write once). */
export class GasSheet implements SheetPort {
  constructor(private readonly sheet: SheetApi) {}

  get name(): string {
    return this.sheet.getName();
  }

  readAll(): CellValue[][] {
    const values = this.sheet.getDataRange().getValues() as CellValue[][];
    // an empty sheet still answers with A1 = ''
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '') return [];
    return values;
  }

  writeBlock(row: number, col: number, values: CellValue[][]): void {
    if (values.length === 0 || values[0].length === 0) return;
    this.grow(row + values.length - 1, col + values[0].length - 1);
    const cells = values.map((r) => r.map((v) => (v === null ? '' : v)));
    this.sheet.getRange(row, col, values.length, values[0].length).setValues(cells);
  }

  setFormats(row: number, col: number, formats: string[][]): void {
    if (formats.length === 0 || formats[0].length === 0) return;
    this.grow(row + formats.length - 1, col + formats[0].length - 1);
    // '' means automatic, which Sheets calls 'General'
    const fmts = formats.map((r) => r.map((f) => (f === '' ? 'General' : f)));
    this.sheet.getRange(row, col, formats.length, formats[0].length).setNumberFormats(fmts);
  }

  /** getRange beyond the grid throws in Apps Script, so the sheet is grown first. */
  private grow(lastRow: number, lastCol: number): void {
    const rows = this.sheet.getMaxRows();
    if (lastRow > rows) this.sheet.insertRowsAfter(rows, lastRow - rows);
    const cols = this.sheet.getMaxColumns();
    if (lastCol > cols) this.sheet.insertColumnsAfter(cols, lastCol - cols);
  }
}

export class GasSpreadsheet implements SpreadsheetPort {
  constructor(private readonly book: SpreadsheetApi) {}

  getSheet(name: string): SheetPort | null {
    const s = this.book.getSheetByName(name);
    return s ? new GasSheet(s) : null;
  }

  insertSheet(name: string): SheetPort {
    return new GasSheet(this.book.insertSheet(name));
  }
}
