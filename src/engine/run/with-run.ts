import { translate } from '../../i18n';
import type { ProgressPort } from '../../ports';
import { processAlerts, type RunOutcome } from '../alerts/alerts';
import { CachedProperties } from '../cached-properties';
import { refreshDashboard } from '../dashboard/tab';
import { errorText } from '../error-text';
import { appendLog, type LogAction, type LogRow } from '../log/log-sheet';
import { ArchiveIndex } from '../orders/archive';
import { OrdersTable } from '../orders/table';
import { TriggerBudget } from '../quota/trigger-budget';
import { STEP_RESERVE, URL_FETCH_QUOTA, UrlFetchQuota } from '../quota/url-fetch-quota';
import { redactor } from '../redact';
import { SettingsError } from '../settings/errors';
import type { Locale, Settings } from '../settings/schema';
import { writeShopStatus } from '../settings/tab';
import { formatDateTime } from '../text/dates';
import { rotateAfterFetch } from './archive';
import { emptyReport } from './report';
import type { Run } from './run-context';
import { clearRunning, interruptedRuns, lastDisplay, markRunning, rememberDisplay } from './run-markers';
import { readState, type ShopState } from './state';
import type { EngineEnv, RunReport, Trigger } from './types';

const SILENT: ProgressPort = { progress: () => undefined };

/**
 * What every run shares (docs/contract.md §3, §5): one run at a time (tryLock; busy → one Log line, nothing
 * else), settings validated before anything is fetched or sent (exit 2), one shop's failure never stops
 * another (exit 1), and the run's Log rows appended in one write at the end.
 */

/** Apps Script's document lock: we never queue behind another run (specs §C4). */
const LOCK_WAIT_MS = 3000;
/** Default time budget: stop starting new work before Apps Script's 6-minute limit. */
export const DEFAULT_BUDGET_MS = 270_000;
/** A continuation run picks up shops left unfinished by the time budget. */
const CONTINUE_AFTER_MS = 60_000;

export interface RunOptions {
  action: LogAction;
  trigger: Trigger;
  /** dry run: no Log rows, no status columns, no continuation */
  quiet?: boolean;
}

export function withRun(given: EngineEnv, opts: RunOptions, body: (run: Run) => void): RunReport {
  // a timer run has no one watching: its toasts would only cost spreadsheet calls
  const env: EngineEnv = opts.trigger === 'auto' ? { ...given, progress: SILENT } : given;
  const report = emptyReport();
  const start = env.clock.now();
  const { locale: fallbackLocale, timezone: fallbackZone } = lastDisplay(env.props);
  if (!env.lock.tryLock(LOCK_WAIT_MS)) {
    report.busy = true;
    const message = translate(fallbackLocale, 'engine.busy');
    env.log.warn(message);
    if (!opts.quiet) safeAppend(env, [runLine(opts, start, message)], fallbackLocale, fallbackZone, report);
    return report;
  }
  // what another run wrote while this one waited for the lock
  if (env.props instanceof CachedProperties) env.props.reload();
  let settings: Settings;
  try {
    try {
      settings = env.loadSettings();
    } catch (e) {
      report.exitCode = 2;
      const redact = redactor(env, null, env.connectors);
      report.errors = (e instanceof SettingsError ? e.lines : [errorText(e, fallbackLocale)]).map(redact);
      for (const line of report.errors) env.log.error(line);
      // a timer run has no one watching: its only way to tell the seller is the Log
      if (opts.trigger === 'auto')
        safeAppend(
          env,
          [
            runLine(
              opts,
              start,
              translate(fallbackLocale, 'run.settingsInvalid', { detail: report.errors.join(' / ') }),
            ),
          ],
          fallbackLocale,
          fallbackZone,
          report,
        );
      return report;
    }
    try {
      if (!opts.quiet) rememberDisplay(env.props, settings);
    } catch {
      // only for the next busy line's language: the run goes on
    }
    const run = makeRun(env, settings, opts, report, start);
    if (!opts.quiet) noteInterruptedRun(run, opts);
    try {
      body(run);
    } catch (e) {
      // a bug or a port failure outside any shop: still a readable line, never a stack trace
      report.errors.push(run.redact(errorText(e, run.locale)));
      env.log.error(report.errors[report.errors.length - 1]);
      if (report.exitCode === 0) report.exitCode = 1;
    }
    finish(run, opts);
    return report;
  } finally {
    env.lock.release();
  }
}

/** Logs the runs that never reached their end, then marks this one as running. */
function noteInterruptedRun(run: Run, opts: RunOptions): void {
  const { env } = run;
  try {
    const killed = interruptedRuns(env.props);
    if (killed !== null) {
      const details =
        killed === 'damaged'
          ? [{ time: '-', action: '-' }]
          : killed.map((k) => ({
              time: formatDateTime(k.start, run.settings.timezone),
              action: run.t(`log.action.${k.action}`),
            }));
      for (const detail of details) {
        const message = run.t('run.interrupted', detail);
        env.log.warn(message);
        run.logRows.push(runLine(opts, run.start, message));
      }
    }
    markRunning(env.props, run.start, opts.action, killed === null || killed === 'damaged' ? [] : killed);
  } catch (e) {
    // the marker only serves the Log: a properties failure here must not stop the run
    env.log.warn(run.redact(errorText(e, run.locale)));
  }
}

function makeRun(env: EngineEnv, settings: Settings, opts: RunOptions, report: RunReport, start: number): Run {
  let table: OrdersTable | null | undefined;
  const locale = settings.locale;
  const run: Run = {
    env,
    settings,
    locale,
    t: (key, params) => translate(locale, key, params),
    trigger: opts.trigger,
    start,
    deadline: start + (env.budgetMs ?? DEFAULT_BUDGET_MS),
    report,
    logRows: [],
    redact: redactor(env, settings, env.connectors),
    touched: new Set(),
    unfinished: false,
    quota: UrlFetchQuota.load(
      env.props,
      env.clock,
      env.urlFetchQuota ?? URL_FETCH_QUOTA[settings.accountType ?? 'consumer'],
    ),
    openedTable: () => table ?? null,
    archive: new ArchiveIndex(env.book, env.props, locale, settings.timezone),
    table: () => {
      if (table !== undefined) return table;
      try {
        const layout = { props: env.props, carriers: settings.carriers.map((c) => c.name) };
        table = OrdersTable.open(env.book, { locale, timezone: settings.timezone, layout, archive: run.archive });
      } catch (e) {
        // docs/contract.md §5: a workbook the engine cannot read is exit 2, nothing fetched or sent
        table = null;
        report.exitCode = 2;
        report.errors.push(run.t('run.workbookError', { detail: run.redact(errorText(e, locale)) }));
      }
      return table;
    },
  };
  return run;
}

function finish(run: Run, opts: RunOptions): void {
  const { env, report } = run;
  for (const s of report.shops) s.message = run.redact(s.message);
  if (report.exitCode !== 2 && report.shops.some((s) => !s.ok || s.failed > 0)) report.exitCode = 1;
  if (opts.quiet) return;
  try {
    run.quota.save();
  } catch (e) {
    env.log.warn(run.redact(errorText(e, run.locale)));
  }
  if (run.touched.size > 0) {
    try {
      const state: Record<string, ShopState> = {};
      for (const name of run.touched) state[name] = readState(env.props, name);
      writeShopStatus(env.book, run.settings, state, env.clock.now());
    } catch (e) {
      env.log.warn(run.redact(errorText(e, run.locale)));
    }
  }
  const table = run.openedTable();
  if (table && opts.action === 'fetch' && report.exitCode !== 2)
    rotateAfterFetch(run, table, run.archive, (message) => runLine(opts, env.clock.now(), message));
  let overdue: Record<string, number> | undefined;
  if (table?.changed) {
    try {
      const figures = refreshDashboard(env.book, env.props, run.settings, table.dashboardRows(), env.clock.now());
      // the rows past 発送期限 the dashboard counts are what the overdue alert is about
      overdue = Object.fromEntries(figures.shops.map((f) => [f.shop, f.overdue]));
    } catch (e) {
      // the dashboard only shows what 受注一覧 holds: the run's work stands, the Log says why it is stale
      run.logRows.push(runLine(opts, env.clock.now(), run.redact(errorText(e, run.locale))));
    }
  }
  if (opts.action === 'fetch' || opts.action === 'export') {
    for (const line of runAlerts(run, overdue)) run.logRows.push(runLine(opts, env.clock.now(), line));
  }
  if (run.unfinished) {
    try {
      env.triggers.scheduleContinuation(CONTINUE_AFTER_MS);
    } catch (e) {
      // the timer still resumes the work at its next tick; the Log says why it waits
      run.logRows.push(runLine(opts, env.clock.now(), errorText(e, run.locale)));
    }
  }
  if (
    !safeAppend(
      env,
      run.logRows.map((r) => ({ ...r, message: run.redact(r.message) })),
      run.locale,
      run.settings.timezone,
      report,
    )
  )
    return;
  try {
    clearRunning(env.props);
  } catch (e) {
    // the next run reports this one as cut off: a false alarm, never a lost one
    env.log.warn(run.redact(errorText(e, run.locale)));
  }
}

/** The run's alerts (docs/contract.md §4 alerts); whatever goes wrong there is a Log line, never a failed run. */
function runAlerts(run: Run, overdue: Record<string, number> | undefined): string[] {
  const outcome: RunOutcome = {
    // alerts follow fetch and export runs only (a print is no run an alert is about)
    shops: run.report.shops.flatMap((s) => (s.action === 'slips' ? [] : [{ ...s, action: s.action }])),
    quotas: [
      ...(run.quota.allows(STEP_RESERVE) ? [] : (['urlFetch'] as const)),
      // a stretched timer means the day's trigger runtime is running out (docs/apps-script.md §C1)
      ...(TriggerBudget.load(run.env.props, run.env.clock, run.settings.accountType).stretched() === null
        ? []
        : (['triggerBudget'] as const)),
    ],
    overdue,
  };
  try {
    return processAlerts(
      { env: run.env, settings: run.settings, t: run.t, redact: run.redact, now: run.env.clock.now() },
      outcome,
    );
  } catch (e) {
    return [run.redact(errorText(e, run.locale))];
  }
}

/** true when the rows reached the Log */
function safeAppend(env: EngineEnv, rows: LogRow[], locale: Locale, timezone: string, report: RunReport): boolean {
  try {
    appendLog(env.book, rows, { locale, timezone });
    return true;
  } catch (e) {
    const line = translate(locale, 'run.logFailed', { detail: errorText(e, locale) });
    env.log.error(line);
    report.errors.push(line);
    if (report.exitCode === 0) report.exitCode = 1;
    return false;
  }
}

function runLine(opts: RunOptions, time: number, message: string): LogRow {
  return { time, trigger: opts.trigger, action: opts.action, shop: '', message };
}
