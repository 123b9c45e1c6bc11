import { gasEnv } from '../../gas/env';
import { translate } from '../../i18n';
import type { Reply, UiApi, UiCall } from '../shared/rpc';
import { handleUiCall } from '../server/handlers';
import type { UiEnv } from '../server/settings-document';
import { SettingsTabDocument } from '../server/settings-tab-document';
import { localeOf } from '../server/sidebar';
import { throttledProgress } from '../../engine/throttled-progress';
import { gasPrinting } from '../../gas/printing';

/**
 * Apps Script side of the pages: opening them, and one function per google.script.run call. src/entry.ts
 * re-exports these names in ENTRY_POINTS so the build declares them top-level (docs/contract.md §6). The HTML
 * files are the ones scripts/build-ui.mjs writes to dist/ (Sidebar.html, DateRange.html).
 */

function uiEnv(): UiEnv {
  const env = gasEnv();
  return {
    ...env,
    progress: throttledProgress(env.progress, env.clock),
    settingsDoc: new SettingsTabDocument(env.book, env.props, env.connectors),
    printing: gasPrinting,
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

const call =
  <K extends UiCall>(name: K) =>
  (req: unknown): Reply<UiApi[K]['res']> =>
    handleUiCall(name, uiEnv(), req);

export const sidebarGetState = call('sidebarGetState');
export const sidebarSaveShop = call('sidebarSaveShop');
export const sidebarDeleteShop = call('sidebarDeleteShop');
export const sidebarSaveCarriers = call('sidebarSaveCarriers');
export const sidebarSaveGeneral = call('sidebarSaveGeneral');
export const sidebarCheckShop = call('sidebarCheckShop');
export const dateRangeGetState = call('dateRangeGetState');
export const fetchOrdersForRange = call('fetchOrdersForRange');
export const slipsGetState = call('slipsGetState');
export const slipsMakePdf = call('slipsMakePdf');

/** Every name src/entry.ts must list in ENTRY_POINTS (and re-export) for the pages to work. */
export const UI_ENTRY_POINTS = [
  'openSettingsSidebar',
  'openDateRangeDialog',
  'sidebarGetState',
  'sidebarSaveShop',
  'sidebarDeleteShop',
  'sidebarSaveCarriers',
  'sidebarSaveGeneral',
  'sidebarCheckShop',
  'dateRangeGetState',
  'fetchOrdersForRange',
  'openSlipsDialog',
  'slipsGetState',
  'slipsMakePdf',
] as const;
