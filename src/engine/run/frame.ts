import { z } from 'zod';
import { translate, type MessageKey } from '../../i18n';
import type { Env, RunReport, ShopReport, Trigger } from '../app';
import { OrdersTable } from '../orders/table';
import { appendLog, type LogAction, type LogRow } from '../log/log-sheet';
import { SettingsError } from '../settings/errors';
import { LocaleSchema, type Locale, type Settings, type ShopSettings } from '../settings/schema';
import { writeShopStatus } from '../settings/tab';
import { errorText, redactor } from './shop-context';
import { readState, type ShopState } from './state';
import { URL_FETCH_QUOTA, UrlFetchQuota } from '../quota/url-fetch-quota';
import { formatDateTime } from '../text/dates';
import { CachedProperties } from '../cached-properties';
import type { ProgressPort } from '../../ports';

const SILENT: ProgressPort = { progress: () => undefined };

/**
 * The frame every run shares (CONTRACT §3, §5): one run at a time (tryLock; busy → one Log line, nothing
 * else), settings validated before anything is fetched or sent (exit 2), one shop's failure never stops
 * another (exit 1), and the run's Log rows appended in one write at the end.
 */

/** Apps Script's document lock: we never queue behind another run (specs §C4). */
const LOCK_WAIT_MS = 3000;
/** Default time budget: stop starting new work before Apps Script's 6-minute limit (issue #7). */
export const DEFAULT_BUDGET_MS = 270_000;
/** Locale and time zone of the last valid settings, so a busy line needs no settings read. */
const DISPLAY_KEY = 'engine:display';
const DisplaySchema = z.object({ locale: LocaleSchema, timezone: z.string() });
/** A continuation run picks up shops left unfinished by the time budget. */
const CONTINUE_AFTER_MS = 60_000;
/**
 * Set while a run holds the lock and cleared once its Log rows are written: found set, the previous run
 * was killed (Apps Script's 6-minute limit, a crash) and the Log says so (issue #7: every failure
 * visible). Runs killed before they could log that carry it over, so each is reported once.
 */
const RUNNING_KEY = 'engine:running';
const RunStartSchema = z.object({ start: z.number(), action: z.enum(['fetch', 'export', 'check']) });
const RunningSchema = RunStartSchema.extend({ unlogged: z.array(RunStartSchema).default([]) });
/** interrupted runs remembered at most (the marker stays one small property) */
const MAX_UNLOGGED = 5;

export interface Run {
  env: Env;
  settings: Settings;
  locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  trigger: Trigger;
  start: number;
  deadline: number;
  report: RunReport;
  logRows: LogRow[];
  redact(text: string): string;
  /** shops whose status columns (最終取得日時 / 有効期限) should be refreshed */
  touched: Set<string>;
  /** some work was left for a continuation run */
  unfinished: boolean;
  /** the orders table, opened on first use; null after a workbook problem (already reported, exit 2) */
  table(): OrdersTable | null;
  /** URL fetches counted against the day's quota (issue #7); saved at the end of each shop and run */
  quota: UrlFetchQuota;
}

export function emptyReport(): RunReport {
  return { busy: false, shops: [], preview: [], exitCode: 0, errors: [] };
}

export interface FrameOptions {
  action: LogAction;
  trigger: Trigger;
  /** dry run: no Log rows, no status columns, no continuation */
  quiet?: boolean;
}

export function withRun(given: Env, opts: FrameOptions, body: (run: Run) => void): RunReport {
  // a timer run has no one watching: its toasts would only cost spreadsheet calls
  const env: Env = opts.trigger === 'auto' ? { ...given, progress: SILENT } : given;
  const report = emptyReport();
  const start = env.clock.now();
  const { locale: fallbackLocale, timezone: fallbackZone } = lastDisplay(env);
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
        safeAppend(env, [runLine(opts, start, translate(fallbackLocale, 'run.settingsInvalid', { detail: report.errors.join(' / ') }))], fallbackLocale, fallbackZone, report);
      return report;
    }
    const display = JSON.stringify({ locale: settings.locale, timezone: settings.timezone });
    try {
      if (!opts.quiet && env.props.get(DISPLAY_KEY) !== display) env.props.set(DISPLAY_KEY, display);
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

function lastDisplay(env: Env): { locale: Locale; timezone: string } {
  try {
    const parsed = DisplaySchema.safeParse(JSON.parse(env.props.get(DISPLAY_KEY) ?? 'null'));
    if (parsed.success) return parsed.data;
  } catch {
    // a damaged value: the defaults below
  }
  return { locale: 'ja', timezone: 'Asia/Tokyo' };
}

/** Logs the runs that never reached their end, then marks this one as running. */
function noteInterruptedRun(run: Run, opts: FrameOptions): void {
  const { env } = run;
  try {
    const raw = env.props.get(RUNNING_KEY);
    let killed: z.infer<typeof RunStartSchema>[] = [];
    if (raw !== null) {
      const prev = RunningSchema.safeParse(parseOrNull(raw));
      killed = prev.success ? [...prev.data.unlogged, { start: prev.data.start, action: prev.data.action }].slice(-MAX_UNLOGGED) : [];
      const details = prev.success
        ? killed.map((k) => ({ time: formatDateTime(k.start, run.settings.timezone), action: run.t(`log.action.${k.action}`) }))
        : [{ time: '-', action: '-' }];
      for (const detail of details) {
        const message = run.t('run.interrupted', detail);
        env.log.warn(message);
        run.logRows.push(runLine(opts, run.start, message));
      }
    }
    env.props.set(RUNNING_KEY, JSON.stringify({ start: run.start, action: opts.action, unlogged: killed }));
  } catch (e) {
    // the marker only serves the Log: a properties failure here must not stop the run
    env.log.warn(run.redact(errorText(e, run.locale)));
  }
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function makeRun(env: Env, settings: Settings, opts: FrameOptions, report: RunReport, start: number): Run {
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
    quota: UrlFetchQuota.load(env.props, env.clock, env.urlFetchQuota ?? URL_FETCH_QUOTA.consumer),
    table: () => {
      if (table !== undefined) return table;
      try {
        table = OrdersTable.open(env.book, { locale, timezone: settings.timezone });
      } catch (e) {
        // CONTRACT §5: a workbook the engine cannot read is exit 2, nothing fetched or sent
        table = null;
        report.exitCode = 2;
        report.errors.push(run.t('run.workbookError', { detail: run.redact(errorText(e, locale)) }));
      }
      return table;
    },
  };
  return run;
}

function finish(run: Run, opts: FrameOptions): void {
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
  if (run.unfinished) {
    try {
      env.triggers.scheduleContinuation(CONTINUE_AFTER_MS);
    } catch (e) {
      // the timer still resumes the work at its next tick; the Log says why it waits
      run.logRows.push(runLine(opts, env.clock.now(), errorText(e, run.locale)));
    }
  }
  if (!safeAppend(env, run.logRows.map((r) => ({ ...r, message: run.redact(r.message) })), run.locale, run.settings.timezone, report)) return;
  try {
    env.props.delete(RUNNING_KEY);
  } catch (e) {
    // the next run reports this one as cut off: a false alarm, never a lost one
    env.log.warn(run.redact(errorText(e, run.locale)));
  }
}

/** true when the rows reached the Log */
function safeAppend(env: Env, rows: LogRow[], locale: Locale, timezone: string, report: RunReport): boolean {
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

function runLine(opts: FrameOptions, time: number, message: string): LogRow {
  return { time, trigger: opts.trigger, action: opts.action, shop: '', message };
}

/** The shops a run acts on: every enabled shop, or the one named (an unknown or disabled name is exit 2). */
export function selectShops(run: Run, name: string | undefined, allowDisabled = false): ShopSettings[] | null {
  const { settings, report } = run;
  if (name === undefined) return settings.shops.filter((s) => s.enabled);
  const shop = settings.shops.find((s) => s.name === name.trim());
  if (!shop || (!shop.enabled && !allowDisabled)) {
    report.exitCode = 2;
    report.errors.push(run.t(shop ? 'run.shopDisabled' : 'run.unknownShop', { shop: name }));
    return null;
  }
  return [shop];
}

/** A report line and its Log row, written together so the two never disagree. */
export function record(run: Run, action: LogAction, shopReport: ShopReport, durationMs: number): void {
  run.report.shops.push(shopReport);
  const counts =
    action === 'fetch'
      ? { fetched: shopReport.fetched, new: shopReport.new, updated: shopReport.updated, failed: shopReport.failed }
      : action === 'export'
        ? { exported: shopReport.exported, failed: shopReport.failed }
        : { failed: shopReport.failed };
  run.logRows.push({
    time: run.env.clock.now(),
    trigger: run.trigger,
    action,
    shop: shopReport.shop,
    ...counts,
    durationMs,
    message: shopReport.message,
  });
}

export function shopReport(shop: ShopSettings, action: ShopReport['action'], mallLabel: string): ShopReport {
  return { shop: shop.name, mall: mallLabel, action, fetched: 0, new: 0, updated: 0, exported: 0, failed: 0, ok: true, message: '' };
}

/** Messages joined for one Log cell: the first few, and how many more. */
export function joinMessages(run: Run, parts: string[]): string {
  const shown = parts.slice(0, 5);
  const more = parts.length - shown.length;
  return [...shown, ...(more > 0 ? [run.t('run.more', { count: more })] : [])].join(' / ');
}
