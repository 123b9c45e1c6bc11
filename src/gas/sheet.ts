import { headerSpans, isMarkedFormula, widthGroups } from '../engine/sheet/layout';
import { mergeNote } from '../engine/sheet/notes';
import {
  type CellStyle,
  type CellValue,
  LAYOUT_MARK,
  type LayoutChange,
  type SheetPort,
  type SpreadsheetPort,
} from '../ports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The parts of SpreadsheetApp's Sheet and Spreadsheet the adapters use (tests stub exactly these). */
export type SheetApi = Pick<
  Sheet,
  | 'getName'
  | 'getDataRange'
  | 'getRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
> &
  Partial<LayoutApi>;
/** What a layout uses (docs/apps-script.md: setFrozenRows, setDataValidation, conditional rules, protect). */
type LayoutApi = Pick<
  Sheet,
  | 'setFrozenRows'
  | 'setColumnWidths'
  | 'getConditionalFormatRules'
  | 'setConditionalFormatRules'
  | 'getProtections'
  | 'getCharts'
  | 'removeChart'
  | 'insertChart'
  | 'newChart'
>;
/** SpreadsheetApp's builders and enums a layout needs. */
export type BuildersApi = Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  'newDataValidation' | 'newConditionalFormatRule' | 'ProtectionType'
>;
export interface SpreadsheetApi {
  getSheetByName(name: string): SheetApi | null;
  insertSheet(name: string): SheetApi;
  getSpreadsheetLocale?(): string;
}

/** SheetPort over one Apps Script sheet: each method is one batched call (docs/apps-script.md §C5: read all, write once). */
export class GasSheet implements SheetPort {
  constructor(
    private readonly sheet: SheetApi,
    private readonly builders: () => BuildersApi = () => SpreadsheetApp,
  ) {}

  get name(): string {
    return this.sheet.getName();
  }

  readAll(): CellValue[][] {
    const values = this.sheet.getDataRange().getValues() as CellValue[][];
    // an empty sheet still answers with A1 = ''
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '') return [];
    return values;
  }

  readBlock(row: number, col: number, rows: number | null, cols: number | null): CellValue[][] {
    // getLastRow / getLastColumn: the used range, as getDataRange gives it
    const lastRow = this.sheet.getLastRow();
    const lastCol = this.sheet.getLastColumn();
    const h = Math.min(rows ?? lastRow, lastRow - row + 1);
    const w = Math.min(cols ?? lastCol, lastCol - col + 1);
    if (h <= 0 || w <= 0) return [];
    return this.sheet.getRange(row, col, h, w).getValues() as CellValue[][];
  }

  gridSize(): { rows: number; cols: number } {
    return { rows: this.sheet.getMaxRows(), cols: this.sheet.getMaxColumns() };
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

  /**
   * Each part replaces only what is ours: validations of the named columns, conditional rules carrying
   * LAYOUT_MARK (the seller's rules stay, after ours), protections described LAYOUT_MARK, the chart of
   * the same block. Validations, rules and protections cover the grid's rows; Sheets extends them to rows
   * inserted within or after them, and moves them with the cells when the seller moves columns.
   */
  applyLayout(change: LayoutChange): void {
    const sheet = this.sheet as SheetApi & LayoutApi;
    const b = this.builders();
    if (change.validations?.length || change.highlights || change.protect) this.grow(2, 1);
    const rows = change.validations?.length || change.highlights || change.protect ? sheet.getMaxRows() : 0;
    const below = (first: number, count: number): Range => sheet.getRange(2, first, rows - 1, count);
    if (change.frozenRows !== undefined) sheet.setFrozenRows(change.frozenRows);
    for (const h of headerSpans(change)) style(sheet.getRange(h.row, h.first, 1, h.last - h.first + 1), h.style);
    for (const g of widthGroups(change.widths ?? [])) sheet.setColumnWidths(g.first, g.count, g.px);
    for (const v of change.validations ?? []) {
      const rule = v.rule;
      const target = v.rows ? sheet.getRange(v.rows.first, v.col, v.rows.count, 1) : below(v.col, 1);
      if (!rule) {
        target.setDataValidation(null);
        continue;
      }
      const builder = b.newDataValidation();
      const built =
        rule.kind === 'list'
          ? builder.requireValueInList(rule.values, true)
          : rule.kind === 'checkbox'
            ? builder.requireCheckbox('TRUE', 'FALSE')
            : builder.requireDate();
      if (rule.help) built.setHelpText(rule.help);
      target.setDataValidation(built.setAllowInvalid(false).build());
    }
    if (change.highlights) {
      const theirs = sheet
        .getConditionalFormatRules()
        .filter((r) => !isMarkedFormula(String(r.getBooleanCondition()?.getCriteriaValues()?.[0] ?? '')));
      const ours = change.highlights.map((h) => {
        const rule = b
          .newConditionalFormatRule()
          .whenFormulaSatisfied(h.formula)
          .setRanges([below(h.span.first, h.span.last - h.span.first + 1)]);
        if (h.style.background) rule.setBackground(h.style.background);
        if (h.style.fontColor) rule.setFontColor(h.style.fontColor);
        if (h.style.bold) rule.setBold(true);
        return rule.build();
      });
      sheet.setConditionalFormatRules([...ours, ...theirs]);
    }
    if (change.protect) {
      for (const p of sheet.getProtections(b.ProtectionType.RANGE)) if (p.getDescription() === LAYOUT_MARK) p.remove();
      for (const span of change.protect) {
        sheet
          .getRange(1, span.first, rows, span.last - span.first + 1)
          .protect()
          .setDescription(LAYOUT_MARK)
          .setWarningOnly(true);
      }
    }
    if (change.chart) {
      const { source, anchor, title, kind } = change.chart;
      const range = sheet.getRange(source.row, source.col, source.rows, source.cols);
      const a1 = range.getA1Notation();
      for (const c of sheet.getCharts()) if (c.getRanges().some((r) => r.getA1Notation() === a1)) sheet.removeChart(c);
      const builder = kind === 'line' ? sheet.newChart().asLineChart() : sheet.newChart().asColumnChart();
      sheet.insertChart(
        builder
          .addRange(range)
          .setPosition(anchor.row, anchor.col, 0, 0)
          .setOption('title', title)
          .setOption('legend', { position: 'none' })
          .build(),
      );
    }
  }

  /** One read and one write of the range's notes: the seller's note text in each cell is kept. */
  setNotes(row: number, col: number, notes: (string | null)[][]): void {
    if (notes.length === 0 || notes[0].length === 0) return;
    this.grow(row + notes.length - 1, col + notes[0].length - 1);
    const range = this.sheet.getRange(row, col, notes.length, notes[0].length);
    const before = range.getNotes();
    range.setNotes(notes.map((r, i) => r.map((n, j) => mergeNote(String(before[i]?.[j] ?? ''), n))));
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

  locale(): string | null {
    return this.book.getSpreadsheetLocale?.() ?? null;
  }
}

function style(range: Range, s: CellStyle): void {
  if (s.background !== undefined) range.setBackground(s.background);
  if (s.fontColor !== undefined) range.setFontColor(s.fontColor);
  if (s.bold !== undefined) range.setFontWeight(s.bold ? 'bold' : 'normal');
}
