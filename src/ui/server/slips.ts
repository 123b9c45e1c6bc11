import { runSlips, type SlipsReport } from '../../engine/run/slips';
import { translate, type MessageKey } from '../../i18n';
import { ja } from '../../i18n/ja';
import type { Locale } from '../../engine/settings/schema';
import type { SlipsPdfResponse, SlipsRequest, SlipsState } from '../shared/rpc';
import type { UiEnv } from './settings-document';
import { localeOf, UiError } from './sidebar';

/**
 * The 納品書 dialog's server side: a preview of exactly what will print (no Log row, no status change),
 * then the PDF made by the runtime's converter (Apps Script: Utilities, no Drive scope) and handed to the
 * page as base64 for a download. The engine's runSlips does both, so the dialog and the CLI print the same.
 */

function pageStrings(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(ja) as MessageKey[]) if (key.startsWith('slips.ui.')) out[key] = translate(locale, key);
  return out;
}

function printing(env: UiEnv) {
  if (!env.printing) throw new UiError(translate(localeOf(env.settingsDoc.read()), 'slips.ui.unavailable'));
  return env.printing;
}

/** The rows a request means: the ones given, else the selection (when asked and there is one), else none. */
function rowsOf(env: UiEnv, req: SlipsRequest): { rows: number[] | null; selection: number[] } {
  const selection = req.rows === null && req.useSelection ? printing(env).selectedOrderRows() : [];
  return { rows: req.rows ?? (selection.length > 0 ? selection : null), selection };
}

/** Lines for a run that printed nothing: busy, or invalid settings. */
function stopLines(locale: Locale, report: SlipsReport): string[] {
  if (report.busy) return [translate(locale, 'sidebar.err.busy')];
  return report.errors;
}

export function slipsState(env: UiEnv, req: SlipsRequest): SlipsState {
  const locale = localeOf(env.settingsDoc.read());
  const { rows, selection } = rowsOf(env, req);
  const report = runSlips(env, { trigger: 'manual', preview: true, ...(rows ? { rows } : {}) });
  const doc = report.document;
  const notes = doc ? report.notes : stopLines(locale, report);
  return {
    locale,
    strings: pageStrings(locale),
    html: report.html,
    shipments: doc?.shipments.length ?? 0,
    pickingLines: doc?.picking.lines.length ?? 0,
    selection,
    rows,
    advancesStatus: report.advancesStatus,
    notes,
  };
}

export function slipsPdf(env: UiEnv, req: SlipsRequest): SlipsPdfResponse {
  const locale = localeOf(env.settingsDoc.read());
  const { rows } = rowsOf(env, req);
  const port = printing(env);
  let base64 = '';
  const report = runSlips(env, { trigger: 'manual', ...(rows ? { rows } : {}), render: (html) => (base64 = port.htmlToPdf(html, 'slips.pdf')) });
  const fileName = `${translate(locale, 'slips.docTitle')}_${report.document?.issuedOn ?? ''}.pdf`;
  const lines = report.busy || report.exitCode === 2 ? stopLines(locale, report) : report.shops.map((s) => (s.shop ? `${s.shop}: ${s.message}` : s.message));
  return { done: base64 !== '' && report.exitCode === 0, base64: report.exitCode === 0 ? base64 : '', fileName, lines };
}
