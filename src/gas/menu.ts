import { applyAutoFetchTrigger, repairOrdersLayout, runCheck, runExport, runFetch } from '../engine';
import { MANAGEMENT_STATUS_LABELS } from '../engine/order-line';
import { checkText } from '../engine/report-text';
import { type MessageKey, translate } from '../i18n';
import { searchOrders, showOrdersView } from './desk';
import { showReport, showText, uiLocale, withUi } from './dialogs';
import { gasEnv } from './env';

/** The MallSheet menu and its items (docs/contract.md §6: onOpen only builds the menu). */

export function onOpen(): void {
  const L = uiLocale();
  const t = (k: MessageKey) => translate(L, k);
  const ui = SpreadsheetApp.getUi();
  const labels = MANAGEMENT_STATUS_LABELS[L];
  ui.createMenu(t('menu.title'))
    .addItem(t('menu.fetchNow'), 'fetchOrdersNow')
    .addItem(t('menu.fetchRange'), 'fetchOrdersRange')
    .addSeparator()
    .addItem(t('menu.slips'), 'printSlips')
    .addItem(t('menu.labelsExport'), 'createLabelCsv')
    .addItem(t('menu.labelsImport'), 'importIssuedData')
    .addItem(t('menu.export'), 'exportTracking')
    .addItem(t('menu.exportPreview'), 'exportPreview')
    .addSeparator()
    .addItem(t('menu.settings'), 'openSettings')
    .addItem(t('menu.check'), 'checkConnections')
    .addItem(t('menu.autoOn'), 'enableAutoFetch')
    .addItem(t('menu.autoOff'), 'disableAutoFetch')
    .addSeparator()
    .addSubMenu(
      ui
        .createMenu(t('menu.views'))
        .addItem(labels.new, 'viewNew')
        .addItem(labels.awaiting, 'viewAwaiting')
        .addItem(labels.done, 'viewDone')
        .addItem(labels.hold, 'viewHold')
        .addItem(labels.cancelled, 'viewCancelled')
        .addItem(t('menu.view.all'), 'viewAll'),
    )
    .addItem(t('menu.search'), 'searchOrdersPrompt')
    .addItem(t('menu.repairLayout'), 'repairLayout')
    .addToUi();
}

// GoQSystem-like status views and the search (src/gas/desk.ts): filter criteria on 受注一覧
export const viewNew = (): void => withUi((L) => showOrdersView(L, 'new'));
export const viewAwaiting = (): void => withUi((L) => showOrdersView(L, 'awaiting'));
export const viewDone = (): void => withUi((L) => showOrdersView(L, 'done'));
export const viewHold = (): void => withUi((L) => showOrdersView(L, 'hold'));
export const viewCancelled = (): void => withUi((L) => showOrdersView(L, 'cancelled'));
export const viewAll = (): void => withUi((L) => showOrdersView(L, 'all'));
export const searchOrdersPrompt = (): void => withUi((L) => searchOrders(L));

/** Puts back the layout of 受注一覧 (frozen header, dropdowns, colours) after the seller removed parts of it. */
export function repairLayout(): void {
  withUi((L) => {
    const r = repairOrdersLayout(gasEnv());
    const ui = SpreadsheetApp.getUi();
    if (r.busy) return void ui.alert(translate(L, 'engine.busy'));
    ui.alert(
      r.errors.length
        ? [translate(L, 'ui.settings.invalid'), ...r.errors].join('\n')
        : translate(L, 'ui.layout.repaired'),
    );
  });
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
    showText(
      translate(L, 'ui.check.title'),
      report.shops.length ? checkText(report) : [translate(L, 'ui.report.none')],
    );
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
