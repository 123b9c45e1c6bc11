import { SETTINGS_SHEET_NAMES } from '../../engine/settings/tab-layout';
import { throttledProgress } from '../../engine/throttled-progress';
import { withUi } from '../../gas/dialogs';
import { gasEnv } from '../../gas/env';
import { translate } from '../../i18n';
import { handleUiCall, UI_CALLS } from '../server/handlers';
import type { UiEnv } from '../server/settings-document';
import { SettingsTabDocument } from '../server/settings-tab-document';
import { localeOf } from '../server/sidebar';
import type { Reply, UiApi, UiCall } from '../shared/rpc';
import { gasLabelFiles } from './label-files';
import { gasPrinting } from './printing';

/**
 * Apps Script side of the pages: opening them (from the menu too), and one function per google.script.run
 * call. src/entry.ts lists UI_ENTRIES so the build declares them top-level (docs/contract.md §6). The HTML
 * files are the ones scripts/build-ui.mjs writes to dist/ (Sidebar, DateRange, Slips, LabelExport, LabelImport).
 */

function uiEnv(): UiEnv {
  const env = gasEnv();
  return {
    ...env,
    progress: throttledProgress(env.progress, env.clock),
    settingsDoc: new SettingsTabDocument(env.book, env.props, env.connectors),
    printing: gasPrinting,
    labelFiles: gasLabelFiles,
  };
}

export function openSettingsSidebar(): void {
  const locale = localeOf(uiEnv().settingsDoc.read());
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(translate(locale, 'sidebar.title'));
  SpreadsheetApp.getUi().showSidebar(page);
}

export function openDateRangeDialog(): void {
  const locale = localeOf(uiEnv().settingsDoc.read());
  const page = HtmlService.createHtmlOutputFromFile('DateRange').setWidth(420).setHeight(400);
  SpreadsheetApp.getUi().showModalDialog(page, translate(locale, 'sidebar.range.title'));
}

/** 納品書・ピッキングリスト: a preview of what will print, and the PDF download (Slips.html). */
export function openSlipsDialog(): void {
  const locale = localeOf(uiEnv().settingsDoc.read());
  const page = HtmlService.createHtmlOutputFromFile('Slips').setWidth(920).setHeight(680);
  SpreadsheetApp.getUi().showModalDialog(page, translate(locale, 'slips.ui.title'));
}

/** 送り状CSVを作成: format, shop and re-issue, a preview of the lines and rows kept out, then the download. */
export function openLabelExportDialog(): void {
  const locale = localeOf(uiEnv().settingsDoc.read());
  const page = HtmlService.createHtmlOutputFromFile('LabelExport').setWidth(720).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(page, translate(locale, 'labels.ui.exportTitle'));
}

/** 発行済みデータを取込: the carrier's file read in the browser, a preview of what changes, then apply. */
export function openLabelImportDialog(): void {
  const locale = localeOf(uiEnv().settingsDoc.read());
  const page = HtmlService.createHtmlOutputFromFile('LabelImport').setWidth(760).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(page, translate(locale, 'labels.ui.importTitle'));
}

/** The menu's 送り状CSVを作成… */
export function createLabelCsv(): void {
  withUi(() => openLabelExportDialog());
}

/** The menu's 発行済みデータを取込… */
export function importIssuedData(): void {
  withUi(() => openLabelImportDialog());
}

/** The date-range dialog (two date pickers); it calls fetchOrdersForRange. */
export function fetchOrdersRange(): void {
  withUi(() => openDateRangeDialog());
}

/** 納品書・ピッキングリスト: the dialog with a preview and the PDF download (daily order: slips, labels, export). */
export function printSlips(): void {
  withUi(() => openSlipsDialog());
}

/** Shows the Settings tab and the settings sidebar beside it. */
export function openSettings(): void {
  withUi(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    (ss.getSheetByName(SETTINGS_SHEET_NAMES.ja) ?? ss.getSheetByName(SETTINGS_SHEET_NAMES.en))?.activate();
    openSettingsSidebar();
  });
}

/**
 * One google.script.run function per call of the pages, derived from the handler table: a call's name is
 * written in ui/shared/rpc.ts (its types and schema) and ui/server/handlers.ts (its handler), nowhere else.
 */
const rpcEntries = Object.fromEntries(
  UI_CALLS.map((name) => [name, (req: unknown) => handleUiCall(name, uiEnv(), req)]),
) as { [K in UiCall]: (req: unknown) => Reply<UiApi[K]['res']> };

/** The Apps Script entry points of the pages; src/entry.ts lists them with the menu's and the triggers'. */
export const UI_ENTRIES = {
  openSettingsSidebar,
  openDateRangeDialog,
  openSlipsDialog,
  openLabelExportDialog,
  openLabelImportDialog,
  fetchOrdersRange,
  printSlips,
  createLabelCsv,
  importIssuedData,
  openSettings,
  ...rpcEntries,
};
