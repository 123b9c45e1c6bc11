import { connectorOf } from '../connector';
import { errorText } from '../error-text';
import { STEP_RESERVE } from '../quota/url-fetch-quota';
import type { ShopSettings } from '../settings/schema';
import { joinMessages, record, selectShops, shopReport } from './report';
import type { Run } from './run-context';
import { buildShopContext, quotaText } from './shop-context';
import { readState, updateState } from './state';
import type { EngineEnv, ExportOptions, RunReport } from './types';
import { withRun } from './with-run';

/** Export tracking numbers (menu, CLI): every enabled shop, or the one named. A dry run changes nothing. */
export function runExport(env: EngineEnv, opts: ExportOptions): RunReport {
  const dryRun = opts.dryRun === true;
  return withRun(env, { action: 'export', trigger: opts.trigger, quiet: dryRun }, (run) => {
    const shops = selectShops(run, opts.shop);
    if (shops) exportShops(run, shops, dryRun);
  });
}

/**
 * Set while an export has 処理済 not yet written (document property, the time its first outcomes were
 * recorded): a run cut off before its end leaves it, and the next export settles those rows.
 */
const STATUS_PENDING_KEY = 'export:statusPending';

/**
 * docs/contract.md §3 export: the table selects the ready rows, the connector sends them, the outcomes go back into
 * the rows, and the table is written right after each shop — what a mall accepted (書出日時, 書出結果,
 * 書出伝票番号) is on the sheet before the next mall is called. 管理ステータス = 処理済 of every shop goes in
 * one write at the end (spreadsheet calls per run: one instead of one per shop); a run cut off before that
 * leaves STATUS_PENDING_KEY, and the next export sets 処理済 on the rows accepted since.
 */
export function exportShops(run: Run, shops: ShopSettings[], dryRun: boolean): void {
  const table = run.table();
  if (!table) return;
  const { env } = run;
  let pending = dryRun ? null : env.props.get(STATUS_PENDING_KEY);
  if (pending !== null) {
    const since = Number(pending);
    if (Number.isFinite(since)) table.settleExported(since);
  }
  for (const shop of shops) {
    const connector = connectorOf(env.connectors, shop);
    const report = shopReport(shop, 'export', connector.label);
    const started = env.clock.now();
    const messages: string[] = [];
    if (started >= run.deadline) {
      run.unfinished = !dryRun;
      report.message = run.t('run.deferred');
      finishShop(run, report, started, dryRun);
      continue;
    }
    if (!run.quota.allows(STEP_RESERVE)) {
      // the rows stay eligible: the first export after the quota starts over sends them
      report.message = quotaText(run.quota, run.locale, run.settings.timezone);
      env.log.warn(`${shop.name}: ${report.message}`);
      finishShop(run, report, started, dryRun);
      continue;
    }
    try {
      const { orders, skipped } = table.selectForExport(shop.name, connector, run.settings.carriers);
      // each reason already names its row; a 同梱 hold is shown in 書出結果 too
      for (const s of skipped) messages.push(s.reason);
      if (!dryRun) table.noteHeld(shop.name, skipped);
      const ready = orders.reduce((n, o) => n + o.lines.filter((l) => l.ready).length, 0);
      if (ready > 0) {
        env.progress.progress(run.t('run.progress.export', { shop: shop.name, rows: ready }));
        // marked before anything is sent: a run that can no longer mark sends nothing
        if (!dryRun && pending === null) {
          pending = String(started);
          env.props.set(STATUS_PENDING_KEY, pending);
        }
        const ctx = buildShopContext(env, run.settings, shop, run.deadline, !dryRun, run.redact, run.quota);
        const outcomes = connector.exportOrders(ctx, orders, { dryRun });
        if (dryRun) {
          // connectors answer per row; rows of one shipment share its text, and the preview lists shipments
          const texts = outcomes.map((o) => (o.kind === 'ok' || o.kind === 'already' ? (o.note ?? '') : o.message));
          for (const text of new Set(texts)) if (text) run.report.preview.push(run.redact(`${shop.name}: ${text}`));
        } else {
          const res = table.applyOutcomes(shop.name, orders, outcomes, env.clock.now());
          table.flush({ holdStatus: true });
          run.quota.save();
          report.exported = res.exported;
          report.failed = res.failed;
          for (const o of outcomes) if (o.kind === 'error') messages.push(o.message);
          // rows held back (incomplete orders, pending cancellations) count as failed; rows the run had no
          // time for are not failures: a continuation run sends them. The Log says why, once per reason.
          messages.push(
            ...new Set(outcomes.flatMap((o) => (o.kind === 'held' || o.kind === 'deferred' ? [o.message] : []))),
          );
          if (res.deferred > 0) run.unfinished = true;
          if (res.deferred > 0 || readState(env.props, shop.name).exportPending)
            updateState(env.props, shop.name, { exportPending: res.deferred > 0 ? true : undefined });
        }
      } else if (!dryRun) table.flush();
    } catch (e) {
      report.ok = false;
      messages.unshift(errorText(e, run.locale));
    }
    for (const m of messages) env.log.warn(run.redact(`${shop.name}: ${m}`));
    report.message = joinMessages(run, messages);
    finishShop(run, report, started, dryRun);
  }
  if (pending !== null) {
    table.flush();
    env.props.delete(STATUS_PENDING_KEY);
  }
}

function finishShop(run: Run, report: ReturnType<typeof shopReport>, started: number, dryRun: boolean): void {
  if (dryRun) run.report.shops.push(report);
  else record(run, 'export', report, run.env.clock.now() - started);
}
