import { applyAutoFetchTrigger, runCheck, runExport, runFetch } from '../engine';
import { checkText } from '../engine/report-text';
import { translate, type MessageKey } from '../i18n';
import { showReport, showText, uiLocale, withUi } from './dialogs';
import { gasEnv } from './env';

/** The MallSheet menu and its items (docs/contract.md §6: onOpen only builds the menu). */

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
