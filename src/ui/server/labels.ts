import { type LabelExportReport, runLabelExport, runLabelImport } from '../../engine';
import { labelCsvText } from '../../engine/labels/file-text';
import { LABEL_FORMAT_DEFS } from '../../engine/labels/formats';
import { detectIssuedFormat } from '../../engine/labels/import-plan';
import { LABEL_FORMATS, type LabelFormat, type Locale } from '../../engine/settings/schema';
import { type MessageKey, translate } from '../../i18n';
import { ja } from '../../i18n/ja';
import {
  LABEL_FILE_MAX_BASE64,
  type LabelExportFile,
  type LabelExportRequest,
  type LabelExportState,
  type LabelExportStateRequest,
  type LabelFormatView,
  type LabelImportPlanView,
  type LabelImportRequest,
  type LabelImportState,
} from '../shared/rpc';
import type { RawSettings, UiEnv } from './settings-document';
import { localeOf, UiError } from './sidebar';

/**
 * The label dialogs' server side (docs/contract.md §3 Label CSV, Issued-data import): the CLI's engine runs
 * (runLabelExport / runLabelImport) with a preview first that writes nothing, and the bytes made by the
 * runtime's port from the engine's CSV text, so a file made here is the file `mallsheet labels export` makes.
 */

function pageStrings(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(ja) as MessageKey[])
    if (key.startsWith('labels.ui.')) out[key] = translate(locale, key);
  return out;
}

const formatViews = (): LabelFormatView[] =>
  LABEL_FORMATS.map((id) => ({
    id,
    title: LABEL_FORMAT_DEFS[id].title,
    issued: LABEL_FORMAT_DEFS[id].issued !== undefined,
  }));

function labelFiles(env: UiEnv) {
  if (!env.labelFiles) throw new UiError(translate(localeOf(env.settingsDoc.read()), 'labels.ui.unavailable'));
  return env.labelFiles;
}

/** What the seller reads about a run: busy, invalid settings, or per shop its summary and notes. */
function reportLines(locale: Locale, report: LabelExportReport): string[] {
  if (report.busy) return [translate(locale, 'sidebar.err.busy')];
  if (report.exitCode === 2) return report.errors;
  // a shop's message joins its summary and notes with ' / ' for the Log; the dialog lists them one a line
  const perShop = report.shops.flatMap((s) => s.message.split(' / ').map((m) => `${s.shop}: ${m}`));
  // the run's "no rows" line repeats what a shop line already says
  const preview = report.preview.filter((p) => !perShop.some((l) => l.endsWith(`: ${p}`)));
  return [...perShop, ...preview, ...report.errors];
}

const exportOptions = (req: LabelExportRequest) => ({
  format: req.format,
  reissue: req.reissue,
  ...(req.shop === '' ? {} : { shop: req.shop }),
});

/** The format of the first enabled shop's default carrier (its 送り状形式), else B2クラウド. */
function usualFormat(raw: RawSettings): LabelFormat {
  const formatOf = (carrier: unknown) =>
    raw.carriers.find((c) => c.name === carrier && LABEL_FORMATS.includes(c.labels as LabelFormat))?.labels;
  for (const shop of raw.shops) {
    const f = shop.enabled === false ? undefined : formatOf(shop.defaultCarrier);
    if (f !== undefined) return f as LabelFormat;
  }
  return 'b2';
}

export function labelExportState(env: UiEnv, asked: LabelExportStateRequest): LabelExportState {
  const raw = env.settingsDoc.read();
  const locale = localeOf(raw);
  const req: LabelExportRequest = { ...asked, format: asked.format ?? usualFormat(raw) };
  const report = runLabelExport(env, { ...exportOptions(req), trigger: 'manual', dryRun: true });
  return {
    locale,
    strings: pageStrings(locale),
    formats: formatViews(),
    shops: raw.shops.map((s) => String(s.name ?? '')).filter((n) => n !== ''),
    request: req,
    shipments: report.shipments,
    rows: report.rows,
    keptOut: report.keptOut,
    lines: reportLines(locale, report),
    stopped: report.busy || report.exitCode === 2,
  };
}

export function labelExportFile(env: UiEnv, req: LabelExportRequest): LabelExportFile {
  const locale = localeOf(env.settingsDoc.read());
  const port = labelFiles(env);
  const report = runLabelExport(env, { ...exportOptions(req), trigger: 'manual' });
  const file = report.file;
  return {
    done: file !== null && report.exitCode !== 2,
    base64: file ? port.encode(labelCsvText(file.rows)) : '',
    fileName: file?.name ?? '',
    shipments: report.shipments,
    lines: reportLines(locale, report),
  };
}

export function labelImportState(env: UiEnv): LabelImportState {
  const locale = localeOf(env.settingsDoc.read());
  return {
    locale,
    strings: pageStrings(locale),
    formats: formatViews().filter((f) => f.issued),
    maxBytes: Math.floor((LABEL_FILE_MAX_BASE64 * 3) / 4),
  };
}

function importPlan(env: UiEnv, req: LabelImportRequest, apply: boolean): LabelImportPlanView {
  const locale = localeOf(env.settingsDoc.read());
  const table = labelFiles(env).read(req.base64);
  const format: LabelFormat | null = req.format === 'auto' ? (table ? detectIssuedFormat(table) : null) : req.format;
  const view: LabelImportPlanView = {
    format,
    refused: true,
    fills: [],
    unchanged: 0,
    conflicts: [],
    unknown: [],
    invalid: [],
    lines: [],
    applied: false,
  };
  const named = (lines: string[]) => lines.map((l) => `${req.fileName}: ${l}`);
  if (format === null) {
    const titles = formatViews()
      .filter((f) => f.issued)
      .map((f) => f.title)
      .join(' / ');
    return { ...view, lines: named([translate(locale, 'labels.ui.notDetected', { formats: titles })]) };
  }
  const report = runLabelImport(env, { format, table, trigger: 'manual', dryRun: !apply });
  if (report.busy) return { ...view, lines: [translate(locale, 'sidebar.err.busy')] };
  if (report.exitCode === 2 || !report.plan) return { ...view, lines: named(report.errors) };
  const { plan } = report;
  return {
    format,
    refused: false,
    fills: plan.fills.map(({ row, shop, key, tracking, shippedOn }) => ({ row, shop, key, tracking, shippedOn })),
    unchanged: plan.unchanged,
    conflicts: plan.conflicts,
    unknown: plan.unknown,
    invalid: plan.invalid,
    lines: [...report.lines, ...report.errors],
    applied: apply,
  };
}

export const labelImportPreview = (env: UiEnv, req: LabelImportRequest) => importPlan(env, req, false);
export const labelImportApply = (env: UiEnv, req: LabelImportRequest) => importPlan(env, req, true);
