/**
 * Apps Script entry points — wiring only. scripts/build.mjs turns every name in ENTRY_POINTS into a
 * top-level `function name(e)` that delegates here (docs/apps-script.md §B3: menus and triggers find functions by name).
 * Nothing runs at load time: the bundle is evaluated on every execution, including onOpen.
 */
import { applyAutoFetchTrigger, runCheck, runExport, runFetch, runTimer, type RunReport } from './engine';
import type { Locale } from './engine/settings/schema';
import { translate, type MessageKey } from './i18n';
import { gasEnv } from './gas/env';
import { menuLocale } from './gas/menu-locale';
import { checkText, shopCounts } from './engine/report-text';
import { GasSpreadsheet } from './gas/sheet';
import { findSettingsSheet } from './engine/settings/tab';
import { SETTINGS_SHEET_NAMES } from './engine/settings/tab-layout';
import { UI_ENTRY_POINTS, openDateRangeDialog, openSettingsSidebar, openSlipsDialog } from './ui/gas/entries';

// the sidebar's and dialog's server functions (google.script.run) are entry points too
export * from './ui/gas/entries';

export const ENTRY_POINTS = [
  'onOpen',
  'fetchOrdersNow',
  'fetchOrdersRange',
  'exportTracking',
  'exportPreview',
  'printSlips',
  'openSettings',
  'checkConnections',
  'enableAutoFetch',
  'disableAutoFetch',
  'onTimer',
  'onContinue',
  ...UI_ENTRY_POINTS,
] as const;

/** The menu's language: the Settings tab's locale cell (one read of that tab), else ja. */
function uiLocale(): Locale {
  return menuLocale(findSettingsSheet(new GasSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()))?.readAll() ?? null);
}

export function onOpen(): void {
  const L = uiLocale();
  const t = (k: MessageKey) => translate(L, k);
  SpreadsheetApp.getUi()
    .createMenu(t('menu.title'))
    .addItem(t('menu.fetchNow'), 'fetchOrdersNow')
    .addItem(t('menu.fetchRange'), 'fetchOrdersRange')
    .addSeparator()
    .addItem(t('menu.slips'), 'printSlips')
    .addItem(t('menu.export'), 'exportTracking')
    .addItem(t('menu.exportPreview'), 'exportPreview')
    .addSeparator()
    .addItem(t('menu.settings'), 'openSettings')
    .addItem(t('menu.check'), 'checkConnections')
    .addItem(t('menu.autoOn'), 'enableAutoFetch')
    .addItem(t('menu.autoOff'), 'disableAutoFetch')
    .addToUi();
}

export function fetchOrdersNow(): void {
  withUi((L) => showReport(L, runFetch(gasEnv(), { trigger: 'manual' })));
}

/** The date-range dialog (two date pickers); it calls fetchOrdersForRange. */
export function fetchOrdersRange(): void {
  withUi(() => openDateRangeDialog());
}

/** 納品書・ピッキングリスト: the dialog with a preview and the PDF download (daily order: slips, labels, export). */
export function printSlips(): void {
  withUi(() => openSlipsDialog());
}

export function exportTracking(): void {
  withUi((L) => showReport(L, runExport(gasEnv(), { trigger: 'manual' })));
}

export function exportPreview(): void {
  withUi((L) => {
    const report = runExport(gasEnv(), { trigger: 'manual', dryRun: true });
    if (report.exitCode === 2 || report.busy) return showReport(L, report);
    const lines = report.preview.length > 0 ? report.preview : [translate(L, 'ui.preview.empty')];
    showText(translate(L, 'ui.preview.title'), lines);
  });
}

/** Shows the Settings tab and the settings sidebar beside it. */
export function openSettings(): void {
  withUi(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    (ss.getSheetByName(SETTINGS_SHEET_NAMES.ja) ?? ss.getSheetByName(SETTINGS_SHEET_NAMES.en))?.activate();
    openSettingsSidebar();
  });
}

export function checkConnections(): void {
  withUi((L) => {
    const report = runCheck(gasEnv(), {});
    if (report.exitCode === 2 || report.busy) return showReport(L, report);
    showText(translate(L, 'ui.check.title'), report.shops.length ? checkText(report) : [translate(L, 'ui.report.none')]);
  });
}

export function enableAutoFetch(): void {
  withUi((L) => {
    const report = applyAutoFetchTrigger(gasEnv());
    if (report.exitCode === 2) return showReport(L, report);
    // no enabled shop has an interval: the trigger was removed rather than installed
    const head = report.minutes ? translate(L, 'ui.auto.on') : translate(L, 'ui.auto.off');
    SpreadsheetApp.getUi().alert([head, ...report.shops.map((s) => s.message).filter(Boolean)].join('\n'));
  });
}

export function disableAutoFetch(): void {
  withUi((L) => {
    gasEnv().triggers.setTimer(0);
    SpreadsheetApp.getUi().alert(translate(L, 'ui.auto.off'));
  });
}

/** The recurring time-driven trigger: no UI, results go to the Log tab. */
export function onTimer(): void {
  runTimer(gasEnv());
}

/** A one-off continuation after a run spent its time budget. */
export function onContinue(): void {
  const env = gasEnv();
  env.triggers.clearContinuation();
  runTimer(env);
}

/** Menu handlers: an unexpected failure becomes one readable alert, never a stack trace (the log keeps it). */
function withUi(body: (L: Locale) => void): void {
  const L = uiLocale();
  try {
    body(L);
  } catch (e) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    SpreadsheetApp.getUi().alert(translate(L, 'ui.error', { detail: e instanceof Error ? e.message : String(e) }));
  }
}

function showReport(L: Locale, report: RunReport): void {
  const ui = SpreadsheetApp.getUi();
  if (report.busy) return void ui.alert(translate(L, 'engine.busy'));
  if (report.exitCode === 2) return void ui.alert([translate(L, 'ui.settings.invalid'), ...report.errors].join('\n'));
  const lines = report.shops.map((s) => {
    const counts = shopCounts(L, s);
    return s.message ? `${counts}\n  ${s.message}` : counts;
  });
  ui.alert(translate(L, 'ui.result.title'), lines.length ? lines.join('\n') : translate(L, 'ui.report.none'), ui.ButtonSet.OK);
}

function showText(title: string, lines: string[]): void {
  const html = `<pre style="white-space:pre-wrap;font:13px sans-serif">${lines.map(escapeHtml).join('\n')}</pre>`;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(640).setHeight(420), title);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
