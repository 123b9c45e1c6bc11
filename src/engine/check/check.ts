import { alertsDueToday } from '../alerts/alerts';
import { type CheckLine, connectorOf } from '../connector';
import { DASHBOARD_SHEET_NAMES } from '../dashboard/tab';
import { errorText } from '../error-text';
import { LOG_SHEET_NAMES, type LogRow, readLog } from '../log/log-sheet';
import { ARCHIVE_SHEET_NAMES } from '../orders/archive';
import { ORDERS_SHEET_NAMES } from '../orders/columns';
import { BUDGET_RESERVE, TriggerBudget } from '../quota/trigger-budget';
import { STEP_RESERVE } from '../quota/url-fetch-quota';
import { joinMessages, record, selectShops, shopReport } from '../run/report';
import type { Run } from '../run/run-context';
import { buildShopContext } from '../run/shop-context';
import { readState, type ShopState } from '../run/state';
import { timerPlan } from '../run/timer';
import type { EngineEnv, RunReport, ShopReport } from '../run/types';
import { withRun } from '../run/with-run';
import type { ShopSettings } from '../settings/schema';
import { SETTINGS_SHEET_NAMES } from '../settings/tab-layout';

/** Connection check: the connector's lines, then what the engine knows of each shop. */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Warn this many days before a token or key expires. */
export const EXPIRY_WARN_DAYS = 14;
/** Export success rate window. */
const RATE_WINDOW_MS = 7 * DAY_MS;
/** A spreadsheet holds at most this many cells (docs/apps-script.md §C5); the check warns from CELL_WARN_SHARE of it. */
export const CELL_LIMIT = 10_000_000;
export const CELL_WARN_SHARE = 0.8;

/** A shop's check: its report line (ok, message = what needs attention) and every check line. */
export interface ShopCheck extends ShopReport {
  lines: CheckLine[];
}

/** A RunReport whose shops carry their check lines; exitCode 1 when some line needs attention. */
export interface CheckReport extends RunReport {
  shops: ShopCheck[];
  /** what alerts today's facts call for (docs/contract.md §4 alerts), sent or not; the title heads them */
  alerts: { title: string; lines: string[] };
}

export function runCheck(env: EngineEnv, opts: { shop?: string; trigger?: 'manual' | 'auto' } = {}): CheckReport {
  const checks: ShopCheck[] = [];
  const alerts = { title: '', lines: [] as string[] };
  const report = withRun(env, { action: 'check', trigger: opts.trigger ?? 'manual' }, (run) => {
    // every enabled shop, or the one named even while it is disabled (a shop being set up)
    const shops = selectShops(run, opts.shop, true);
    if (!shops) return;
    const log = safeReadLog(run);
    const cells = cellsLine(run);
    for (const shop of shops) checks.push(checkShop(run, shop, log, cells));
    alerts.title = run.t('check.alertsToday');
    alerts.lines = alertsDueToday(
      { env, settings: run.settings, t: run.t, redact: run.redact, now: env.clock.now() },
      { shops: [], quotas: run.quota.allows(STEP_RESERVE) ? [] : ['urlFetch'] },
    );
  });
  // the run's report holds these same objects (record), with messages already masked
  return { ...report, shops: checks, alerts };
}

function safeReadLog(run: Run): LogRow[] | string {
  try {
    return readLog(run.env.book, run.settings.timezone);
  } catch (e) {
    return errorText(e, run.locale);
  }
}

function checkShop(run: Run, shop: ShopSettings, log: LogRow[] | string, cells: CheckLine | null): ShopCheck {
  const { env } = run;
  const connector = connectorOf(env.connectors, shop);
  const started = env.clock.now();
  const ctx = buildShopContext(env, run.settings, shop, run.deadline, true, run.redact, run.quota);
  let lines: CheckLine[];
  try {
    lines = connector.check(ctx, run.settings.carriers);
  } catch (e) {
    lines = [{ id: 'connection', ok: false, message: errorText(e, run.locale) }];
  }
  // after the connector's own check, which may just have recorded a fresh expiry
  const now = env.clock.now();
  lines = mergeLines(lines, [
    ...engineCheckLines(run, shop, readState(env.props, shop.name), log, now),
    timerBudgetLine(run, shop),
    ...(cells ? [cells] : []),
  ]);
  lines = lines.map((l) => ({ ...l, message: run.redact(l.message) }));
  run.touched.add(shop.name);
  const bad = lines.filter((l) => !l.ok);
  const report: ShopCheck = {
    ...shopReport(shop, 'check', connector.label),
    lines,
    ok: bad.length === 0,
    failed: bad.length,
  };
  report.message =
    bad.length === 0
      ? run.t('check.allOk')
      : joinMessages(
          run,
          bad.map((l) => l.message),
        );
  record(run, 'check', report, env.clock.now() - started);
  return report;
}

/**
 * How close the spreadsheet is to its cell limit: the grids of the tabs the engine keeps (受注一覧 and
 * 受注アーカイブ grow; the others stay small). Near the limit the line warns and names archiveAfterDays:
 * rotation keeps 受注一覧 small, and the archive can move to another file. null when no tab can be sized.
 */
export function cellsLine(run: Pick<Run, 't' | 'env' | 'locale'>): CheckLine | null {
  const names = [ORDERS_SHEET_NAMES, ARCHIVE_SHEET_NAMES, LOG_SHEET_NAMES, DASHBOARD_SHEET_NAMES, SETTINGS_SHEET_NAMES];
  let cells = 0;
  try {
    for (const n of names) {
      const sheet = run.env.book.getSheet(n.ja) ?? run.env.book.getSheet(n.en);
      if (!sheet) continue;
      const size = sheet.gridSize();
      cells += size.rows * size.cols;
    }
  } catch {
    return null;
  }
  const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const params = { cells: fmt(cells), limit: fmt(CELL_LIMIT) };
  const ok = cells < CELL_LIMIT * CELL_WARN_SHARE;
  return { id: 'cells', ok, message: run.t(ok ? 'check.cells' : 'check.cellsNearLimit', params) };
}

/**
 * What the chosen intervals cost of the day's trigger budget (docs/apps-script.md §C1): the timer's
 * expected minutes a day, from the measured average run (or a default before the first), against the
 * account's limit. Over the limit is a warning: the timer would stretch its interval every day.
 */
export function timerBudgetLine(run: Pick<Run, 't' | 'settings' | 'env'>, shop: ShopSettings): CheckLine {
  const plan = timerPlan(run.settings.shops);
  if (!plan || !(shop.enabled && shop.autoFetchMinutes > 0))
    return { id: 'timerBudget', ok: true, message: run.t('check.timerOff') };
  const budget = TriggerBudget.load(run.env.props, run.env.clock, run.settings.accountType);
  const minutes = budget.minutesPerDay(plan);
  const limit = budget.limitMs / 60_000;
  const params = {
    every: shop.autoFetchMinutes,
    minutes: Math.ceil(minutes),
    limit: Math.round(limit),
    account: run.settings.accountType ?? 'consumer',
  };
  const ok = minutes <= limit * (1 - BUDGET_RESERVE);
  return { id: 'timerBudget', ok, message: run.t(ok ? 'check.timerBudget' : 'check.timerOverBudget', params) };
}

/**
 * The engine's lines after the connector's. Where the connector already said it (its own expiry line, with
 * the mall's wording), the engine's line only replaces it to raise a warning the connector did not.
 */
function mergeLines(connectorLines: CheckLine[], engineLines: CheckLine[]): CheckLine[] {
  const out = [...connectorLines];
  for (const l of engineLines) {
    const i = out.findIndex((x) => x.id === l.id);
    if (i < 0) out.push(l);
    else if (!l.ok && out[i].ok) out[i] = { id: l.id, ok: false, message: `${out[i].message} — ${l.message}` };
  }
  return out;
}

/** The lines only the engine can give: last successful fetch, expiry, and the Log's export success rate. */
export function engineCheckLines(
  run: Pick<Run, 't'>,
  shop: ShopSettings,
  state: ShopState,
  log: LogRow[] | string,
  now: number,
): CheckLine[] {
  const { t } = run;
  const lines: CheckLine[] = [];

  // a shop set up a minute ago has never fetched: that is news, not a fault (a check before the first fetch passes)
  if (state.lastFetchAt === undefined) lines.push({ id: 'lastFetch', ok: true, message: t('check.neverFetched') });
  else {
    const ago = now - state.lastFetchAt;
    const agoText =
      ago < HOUR_MS
        ? t('check.minutes', { n: Math.floor(ago / 60_000) })
        : ago < 2 * DAY_MS
          ? t('check.hours', { n: Math.floor(ago / HOUR_MS) })
          : t('check.days', { n: Math.floor(ago / DAY_MS) });
    // an auto-fetching shop three intervals behind has a timer that is not running (or failing)
    const stale = shop.autoFetchMinutes > 0 && ago > 3 * shop.autoFetchMinutes * 60_000;
    lines.push({
      id: 'lastFetch',
      ok: !stale,
      message: t(stale ? 'check.fetchStale' : 'check.lastFetch', { ago: agoText }),
    });
  }

  if (state.expiresAt !== undefined && state.expiresAt !== null) {
    const days = Math.floor((state.expiresAt - now) / DAY_MS);
    if (state.expiresAt <= now) lines.push({ id: 'expiry', ok: false, message: t('check.expired') });
    else if (days < EXPIRY_WARN_DAYS)
      lines.push({ id: 'expiry', ok: false, message: t('check.expiresSoon', { days }) });
    else lines.push({ id: 'expiry', ok: true, message: t('check.expiresIn', { days }) });
  }

  if (typeof log === 'string')
    lines.push({ id: 'exportRate', ok: false, message: t('check.logUnreadable', { detail: log }) });
  else {
    let exported = 0;
    let failed = 0;
    for (const r of log) {
      if (r.action !== 'export' || r.shop !== shop.name || r.time < now - RATE_WINDOW_MS || r.time > now) continue;
      exported += r.exported ?? 0;
      failed += r.failed ?? 0;
    }
    const total = exported + failed;
    if (total === 0) lines.push({ id: 'exportRate', ok: true, message: t('check.noExports') });
    else {
      const rate = Math.floor((exported / total) * 100);
      lines.push({
        id: 'exportRate',
        ok: failed === 0,
        message: t(failed === 0 ? 'check.exportRate' : 'check.exportRateLow', { rate, exported, total }),
      });
    }
  }
  return lines;
}
