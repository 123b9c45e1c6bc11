import { type LabelNote, type LabelRowInput, planLabelExport } from '../labels/export-plan';
import { LABEL_FORMAT_DEFS } from '../labels/formats';
import { type IssuedPlan, parseIssued, planIssuedImport } from '../labels/import-plan';
import { readStatus } from '../orders/status-labels';
import type { LabelFormat } from '../settings/schema';
import { formatDate } from '../text/dates';
import { joinMessages, record, selectShops, shopReport } from './report';
import type { Run } from './run-context';
import type { EngineEnv, RunReport, Trigger } from './types';
import { withRun } from './with-run';

/**
 * Label files (docs/contract.md §3 Label CSV, Issued-data import; docs/shipping-labels.md): the engine plans
 * the file's rows and writes 送り状キー / 伝票番号 in one table flush; encoding and CSV are the adapters'.
 */

export interface LabelFile {
  /** a file name to offer: mallsheet-b2-20261201.csv */
  name: string;
  /** the header row first; every value already within the format's field sizes and Shift-JIS's repertoire */
  rows: string[][];
}

export interface LabelExportReport extends RunReport {
  /** null when there was nothing to write (or the run stopped: see exitCode) */
  file: LabelFile | null;
  shipments: number;
  /** 受注一覧 rows the file's lines carry (rows of one order or 同梱 group share a line) */
  rows: number;
  /** rows kept out of the file (no address, bad postal code, …), each named in the shop's message */
  keptOut: number;
}

export interface LabelExportRequest {
  format: LabelFormat;
  trigger?: Trigger;
  shop?: string;
  reissue?: boolean;
  limit?: number;
  /** preview: plan only; no 送り状キー written, no Log row (the keys shown are the ones a real run gives) */
  dryRun?: boolean;
}

/** From this many 受注一覧 rows on, a label run shows progress toasts (throttled by the UI's port). */
export const LABEL_PROGRESS_ROWS = 500;

/** YYYYMMDD today in the settings' time zone. */
const today = (run: Run) => formatDate(run.env.clock.now(), run.settings.timezone).replace(/-/g, '');

export function runLabelExport(env: EngineEnv, req: LabelExportRequest): LabelExportReport {
  let file: LabelFile | null = null;
  let shipments = 0;
  let lineRows = 0;
  let keptOut = 0;
  const dryRun = req.dryRun === true;
  const report = withRun(env, { action: 'labels', trigger: req.trigger ?? 'manual', quiet: dryRun }, (run) => {
    if (req.shop !== undefined && !selectShops(run, req.shop, true)) return;
    const table = run.table();
    if (!table) return;
    const started = env.clock.now();
    const rows = table.rowsForRules();
    const format = LABEL_FORMAT_DEFS[req.format];
    const progress = progressOf(run, rows.length, format.title);
    progress('labels.progress.planning');
    const inputs = rows.map((r) => labelInput(run, r));
    const plan = planLabelExport(inputs, {
      format: req.format,
      shop: req.shop,
      reissue: req.reissue,
      limit: req.limit,
      today: today(run),
      shipper: run.settings.shipper,
      b2: run.settings.labels?.b2,
      existingKeys: new Set(rows.map((r) => r.text('labelKey').trim()).filter((k) => k !== '')),
    });
    if (plan.missingSettings.length > 0) {
      run.report.exitCode = 2;
      run.report.errors.push(
        run.t('labels.missingSettings', { format: format.title, fields: plan.missingSettings.join(', ') }),
      );
      return;
    }
    shipments = plan.shipments.length;
    lineRows = plan.shipments.reduce((n, s) => n + s.rows.length, 0);
    keptOut = plan.notes.filter(isKeptOut).reduce((n, k) => n + k.rows.length, 0);
    if (!dryRun) {
      progress('labels.progress.writing', shipments);
      for (const s of plan.shipments) for (const i of s.indexes) table.assign(i, 'labelKey', s.key);
      table.flush();
    }
    if (shipments > 0)
      file = {
        name: `mallsheet-${req.format}-${today(run)}.csv`,
        rows: [plan.header, ...plan.shipments.map((s) => s.line)],
      };

    // one Log row per shop with shipments or notes; a note's rows are split by shop
    const shopOfRow = new Map(inputs.map((r) => [r.row, r.shop]));
    const shops = run.settings.shops.filter((s) => req.shop === undefined || s.name === req.shop);
    for (const shop of shops) {
      const mine = plan.shipments.filter((s) => s.shop === shop.name);
      const notes = plan.notes
        .map((n) => ({ ...n, rows: n.rows.filter((r) => shopOfRow.get(r) === shop.name) }))
        .filter((n) => n.rows.length > 0);
      if (mine.length === 0 && notes.length === 0) continue;
      const connector = env.connectors.find((c) => c.id === shop.mall);
      const rep = shopReport(shop, 'labels', connector?.label ?? shop.mall);
      rep.exported = mine.length;
      rep.failed = notes.filter((n) => isKeptOut(n)).reduce((k, n) => k + n.rows.length, 0);
      const messages = [
        mine.length > 0
          ? run.t('labels.summary', {
              format: format.title,
              count: mine.length,
              first: mine[0].key,
              last: mine[mine.length - 1].key,
            })
          : run.t('labels.none', { format: format.title }),
        ...notes.map((n) => noteText(run, n, format.title)),
      ];
      if (!dryRun) for (const m of messages.slice(1)) env.log.warn(`${shop.name}: ${m}`);
      rep.message = joinMessages(run, messages);
      record(run, 'labels', rep, env.clock.now() - started);
    }
    if (plan.alreadyKeyed > 0) run.report.preview.push(run.t('labels.alreadyKeyed', { count: plan.alreadyKeyed }));
    if (plan.beyondLimit > 0) run.report.preview.push(run.t('labels.beyondLimit', { count: plan.beyondLimit }));
    if (shipments === 0) run.report.preview.push(run.t('labels.none', { format: format.title }));
  });
  return { ...report, file, shipments, rows: lineRows, keptOut };
}

/**
 * Toasts for a large table (docs/contract.md §3): a person waits on the dialog's one server call; a small
 * table finishes before a toast (one spreadsheet call each) would tell them anything.
 */
function progressOf(run: Run, rows: number, format: string) {
  return (key: 'labels.progress.planning' | 'labels.progress.writing' | 'labels.progress.reading', count = rows) => {
    if (rows >= LABEL_PROGRESS_ROWS) run.env.progress.progress(run.t(key, { format, rows, count }));
  };
}

function isKeptOut(n: LabelNote): boolean {
  return (
    n.kind === 'noAddress' ||
    n.kind === 'noName' ||
    n.kind === 'badPostal' ||
    n.kind === 'addressTooLong' ||
    n.kind === 'combinedMismatch'
  );
}

function noteText(run: Run, n: LabelNote, format: string): string {
  const rows = rowList(run, n.rows);
  if (n.kind === 'combinedMismatch') return run.t('labels.note.combinedMismatch', { rows, keys: n.keys.join(', ') });
  if (n.kind === 'replaced')
    return run.t('labels.note.replaced', { rows, chars: n.chars.map((c) => `「${c}」`).join('') });
  return run.t(`labels.note.${n.kind}`, { rows, format });
}

/** Row numbers for a message: the first ten, then how many more. */
function rowList(run: Run, rows: number[]): string {
  const shown = rows.slice(0, 10).join(', ');
  return rows.length > 10 ? `${shown} ${run.t('labels.rowsMore', { count: rows.length - 10 })}` : shown;
}

type RuleRow = ReturnType<NonNullable<ReturnType<Run['table']>>['rowsForRules']>[number];

function labelInput(run: Run, r: RuleRow): LabelRowInput {
  const shopName = r.text('shop');
  const shop = run.settings.shops.find((s) => s.name === shopName);
  const connector = shop ? run.env.connectors.find((c) => c.id === shop.mall) : undefined;
  const mallStatus = r.text('mallStatus');
  const qty = Number(r.text('qty'));
  return {
    index: r.index,
    row: r.row,
    shop: shopName,
    orderId: r.text('orderId'),
    status: readStatus(r.cell('status')),
    // a pending cancellation ships no more than a done one (export holds it too)
    cancelledByMall: connector
      ? connector.isCancelledStatus(mallStatus) || connector.isHeldStatus?.(mallStatus) === true
      : false,
    tracking: r.text('tracking'),
    labelKey: r.text('labelKey'),
    combined: r.text('combined'),
    recipient: r.text('recipient'),
    postalCode: r.text('postalCode'),
    address: r.text('address'),
    phone: r.text('phone'),
    item: r.text('item'),
    qty: Number.isFinite(qty) ? qty : 1,
  };
}

export interface LabelImportRequest {
  format: LabelFormat;
  /** the file as CSV rows, or null when it was not text */
  table: string[][] | null;
  trigger?: Trigger;
  /** preview: plan only, nothing written, no Log row */
  dryRun?: boolean;
}

export interface LabelImportReport extends RunReport {
  plan: IssuedPlan | null;
  /** readable lines: the summary, then each conflict, unknown key and unreadable line */
  lines: string[];
}

export function runLabelImport(env: EngineEnv, req: LabelImportRequest): LabelImportReport {
  let plan: IssuedPlan | null = null;
  const lines: string[] = [];
  const dryRun = req.dryRun === true;
  const report = withRun(env, { action: 'labels', trigger: req.trigger ?? 'manual', quiet: dryRun }, (run) => {
    const format = LABEL_FORMAT_DEFS[req.format];
    const stop = (message: string) => {
      run.report.exitCode = 2;
      run.report.errors.push(message);
    };
    if (!format.issued) return stop(run.t('labels.import.noIssued', { format: format.title }));
    if (req.table === null) return stop(run.t('labels.import.notText', { format: format.title }));
    const parsed = parseIssued(req.format, req.table);
    if (!parsed.ok)
      return stop(run.t('labels.import.notFormat', { format: format.title, missing: parsed.missing.join('」「') }));
    const table = run.table();
    if (!table) return;
    const started = env.clock.now();
    const rows = table.rowsForRules();
    const progress = progressOf(run, Math.max(rows.length, parsed.records.length), format.title);
    progress('labels.progress.reading', parsed.records.length);
    plan = planIssuedImport(
      rows.map((r) => ({
        index: r.index,
        row: r.row,
        shop: r.text('shop'),
        labelKey: r.text('labelKey'),
        tracking: r.text('tracking'),
        shippedOn: r.text('shippedOn'),
      })),
      parsed.records,
      today(run),
    );
    const carrier = run.settings.carriers.find((c) => c.labels === req.format)?.name;
    const problems = [
      ...plan.conflicts.map((c) => run.t('labels.import.conflict', { ...c })),
      ...plan.unknown.map((u) => run.t('labels.import.unknown', { ...u })),
      ...plan.invalid.map((i) => run.t('labels.import.invalid', { ...i })),
    ];
    if (carrier === undefined && plan.fills.length > 0)
      problems.push(run.t('labels.import.noCarrier', { format: req.format }));
    lines.push(
      run.t('labels.import.summary', { format: format.title, filled: plan.fills.length, unchanged: plan.unchanged }),
      ...problems,
    );
    if (plan.conflicts.length + plan.unknown.length + plan.invalid.length > 0) run.report.exitCode = 1;
    if (dryRun) return;
    progress('labels.progress.writing', plan.fills.length);
    for (const f of plan.fills) {
      table.assign(f.index, 'tracking', f.tracking);
      if (f.shippedOn !== '') table.assign(f.index, 'shippedOn', f.shippedOn);
      if (carrier !== undefined) table.assign(f.index, 'carrier', carrier);
    }
    table.flush();
    for (const p of problems) env.log.warn(p);
    // one Log row per shop that got numbers or a conflict; unknown keys belong to no shop
    for (const shop of run.settings.shops) {
      const filled = plan.fills.filter((f) => f.shop === shop.name).length;
      const conflicts = plan.conflicts.filter((c) => c.shop === shop.name);
      if (filled === 0 && conflicts.length === 0) continue;
      const connector = env.connectors.find((c) => c.id === shop.mall);
      const rep = shopReport(shop, 'labels', connector?.label ?? shop.mall);
      rep.updated = filled;
      rep.failed = conflicts.length;
      rep.message = joinMessages(run, [
        run.t('labels.import.summary', { format: format.title, filled, unchanged: plan.unchanged }),
        ...conflicts.map((c) => run.t('labels.import.conflict', { ...c })),
      ]);
      record(run, 'labels', rep, env.clock.now() - started);
    }
    const orphans = [
      ...plan.unknown.map((u) => run.t('labels.import.unknown', { ...u })),
      ...plan.invalid.map((i) => run.t('labels.import.invalid', { ...i })),
    ];
    if (orphans.length > 0)
      run.logRows.push({
        time: env.clock.now(),
        trigger: run.trigger,
        action: 'labels',
        shop: '',
        failed: orphans.length,
        message: joinMessages(run, orphans),
      });
  });
  return { ...report, plan, lines };
}
