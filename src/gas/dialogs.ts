import type { RunReport } from '../engine';
import { shopCounts } from '../engine/report-text';
import type { Locale } from '../engine/settings/schema';
import { findSettingsSheet, newTabLocale } from '../engine/settings/tab';
import { translate } from '../i18n';
import { menuLocale } from './menu-locale';
import { GasSpreadsheet } from './sheet';

/** What the menu shows a person: its language, alerts for a run's report, a text dialog, one error line. */

/**
 * The menu's language: the Settings tab's locale cell (one read of that tab); before there is a tab, the
 * language the tab will be made in (the spreadsheet's locale).
 */
export function uiLocale(): Locale {
  const book = new GasSpreadsheet(SpreadsheetApp.getActiveSpreadsheet());
  const grid = findSettingsSheet(book)?.readAll();
  return grid ? menuLocale(grid) : newTabLocale(book);
}

/** Menu handlers: an unexpected failure becomes one readable alert, never a stack trace (the log keeps it). */
export function withUi(body: (L: Locale) => void): void {
  const L = uiLocale();
  try {
    body(L);
  } catch (e) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    SpreadsheetApp.getUi().alert(translate(L, 'ui.error', { detail: e instanceof Error ? e.message : String(e) }));
  }
}

export function showReport(L: Locale, report: RunReport): void {
  const ui = SpreadsheetApp.getUi();
  if (report.busy) return void ui.alert(translate(L, 'engine.busy'));
  if (report.exitCode === 2) return void ui.alert([translate(L, 'ui.settings.invalid'), ...report.errors].join('\n'));
  const lines = report.shops.map((s) => {
    const counts = shopCounts(L, s);
    return s.message ? `${counts}\n  ${s.message}` : counts;
  });
  ui.alert(
    translate(L, 'ui.result.title'),
    lines.length ? lines.join('\n') : translate(L, 'ui.report.none'),
    ui.ButtonSet.OK,
  );
}

export function showText(title: string, lines: string[]): void {
  const html = `<pre style="white-space:pre-wrap;font:13px sans-serif">${lines.map(escapeHtml).join('\n')}</pre>`;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(640).setHeight(420), title);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
