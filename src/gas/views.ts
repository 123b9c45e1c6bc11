import type { FilterPlan } from '../engine/orders/views';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Filter = GoogleAppsScript.Spreadsheet.Filter;
export type ViewSheetApi = Pick<Sheet, 'getFilter' | 'getDataRange' | 'getLastRow' | 'getLastColumn' | 'getRange'>;
export type FilterBuildersApi = Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newFilterCriteria'>;

/**
 * Applies a view of 受注一覧 (src/engine/orders/views.ts) to the tab's filter: the seller's filter when there
 * is one (criteria on other columns kept), else a new one over the data. Criteria never sort, so the
 * rows stay in the seller's order. A filter that no longer covers every row (rows appended below it)
 * is made again over the data with the same criteria.
 */
export function applyView(sheet: ViewSheetApi, plan: FilterPlan, b: FilterBuildersApi): void {
  let filter = sheet.getFilter();
  if (filter && filter.getRange().getLastRow() < sheet.getLastRow()) filter = recreate(sheet, filter);
  filter ??= sheet.getDataRange().createFilter();
  for (const col of plan.clear) {
    if (filter.getColumnFilterCriteria(col)) filter.removeColumnFilterCriteria(col);
  }
  for (const s of plan.set)
    filter.setColumnFilterCriteria(s.col, b.newFilterCriteria().whenFormulaSatisfied(s.formula).build());
}

function recreate(sheet: ViewSheetApi, old: Filter): Filter {
  const range = old.getRange();
  const first = range.getColumn();
  const kept: [number, GoogleAppsScript.Spreadsheet.FilterCriteria][] = [];
  for (let c = first; c < first + range.getNumColumns(); c++) {
    const criteria = old.getColumnFilterCriteria(c);
    if (criteria) kept.push([c, criteria]);
  }
  old.remove();
  const filter = sheet
    .getRange(
      range.getRow(),
      first,
      sheet.getLastRow() - range.getRow() + 1,
      Math.max(range.getNumColumns(), sheet.getLastColumn() - first + 1),
    )
    .createFilter();
  for (const [c, criteria] of kept) filter.setColumnFilterCriteria(c, criteria);
  return filter;
}
