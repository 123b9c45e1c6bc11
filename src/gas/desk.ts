import { ORDERS_SHEET_NAMES } from '../engine/orders/columns';
import { type FilterPlan, type OrdersView, searchFilter, viewFilter } from '../engine/orders/views';
import type { Locale } from '../engine/settings/schema';
import { translate } from '../i18n';
import { applyView } from './views';

/**
 * The desk's menu actions in Sheets: one status in one click (GoQSystem's status tabs), a search, both as
 * criteria on 受注一覧's filter (src/engine/orders/views.ts). One header read, then the filter calls.
 */

function ordersSheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return ss.getSheetByName(ORDERS_SHEET_NAMES.ja) ?? ss.getSheetByName(ORDERS_SHEET_NAMES.en);
}

function apply(L: Locale, plan: (header: unknown[]) => FilterPlan | null): void {
  const sheet = ordersSheet();
  const header = sheet ? (sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] as unknown[]) : [];
  const p = sheet ? plan(header) : null;
  if (!sheet || !p) return void SpreadsheetApp.getUi().alert(translate(L, 'ui.view.noOrders'));
  applyView(sheet, p, SpreadsheetApp);
  sheet.activate();
}

export function showOrdersView(L: Locale, view: OrdersView): void {
  apply(L, (header) => viewFilter(header as never, view));
}

/** Asks for the text; an empty answer clears the search (and any status view): 全て. */
export function searchOrders(L: Locale): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(translate(L, 'ui.search.title'), translate(L, 'ui.search.prompt'), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const text = answer.getResponseText();
  apply(L, (header) => (text.trim() === '' ? viewFilter(header as never, 'all') : searchFilter(header as never, text)));
}
