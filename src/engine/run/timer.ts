import { translate } from '../../i18n';
import { connectorOf } from '../connector';
import { errorText } from '../error-text';
import { type TimerPlan, TriggerBudget } from '../quota/trigger-budget';
import { SettingsError } from '../settings/errors';
import { TIMER_MINUTES } from '../settings/parse';
import type { Settings, ShopSettings } from '../settings/schema';
import { formatDateTime } from '../text/dates';
import { exportShops } from './export';
import { fetchShops } from './fetch';
import { emptyReport, shopReport } from './report';
import type { Run } from './run-context';
import { readState, type ShopState } from './state';
import type { EngineEnv, RunReport } from './types';
import { withRun } from './with-run';

/**
 * A timer tick tolerates this much early firing: Apps Script's triggers drift, and a run that fetched
 * 29.5 minutes ago should not wait another 30 (specs §C2).
 */
const EARLY_MS = 60_000;

/**
 * Is this shop's auto-fetch due at `now`? An unfinished window is always due. `stretchMin`: the interval
 * the day's trigger budget affords, when it is longer than the shop's own.
 */
export function isDue(shop: ShopSettings, state: ShopState, now: number, stretchMin: number | null = null): boolean {
  if (!shop.enabled || shop.autoFetchMinutes <= 0) return false;
  if (state.resume) return true;
  const last = Math.max(state.lastAttemptAt ?? 0, state.lastFetchAt ?? 0);
  return now - last >= Math.max(shop.autoFetchMinutes, stretchMin ?? 0) * 60_000 - EARLY_MS;
}

/**
 * docs/contract.md §3 Timer: fetch every enabled shop that is due, then export the shops with autoExport on — and
 * any shop whose last export ran out of time with rows left (the continuation of a manual export).
 */
export function runTimer(env: EngineEnv): RunReport {
  const t0 = env.clock.now();
  let budget: TriggerBudget | null = null;
  let polled = false;
  const report = withRun(env, { action: 'fetch', trigger: 'auto' }, (run) => {
    const now = env.clock.now();
    budget = TriggerBudget.load(env.props, env.clock, run.settings.accountType);
    const stretch = planStretch(run, budget);
    const due = run.settings.shops.filter((s) => isDue(s, readState(env.props, s.name), now, stretch));
    if (due.length > 0) fetchShops(run, due);
    const exporting = run.settings.shops.filter(
      (s) => s.enabled && (s.autoExport || readState(env.props, s.name).exportPending),
    );
    if (exporting.length > 0) exportShops(run, exporting, false);
    polled = due.length > 0 || exporting.length > 0;
  });
  // the whole execution counts, its Log write included (a busy or invalid run too)
  try {
    const b: TriggerBudget = budget ?? TriggerBudget.load(env.props, env.clock);
    b.add(env.clock.now() - t0, polled);
    b.save();
  } catch (e) {
    env.log.warn(errorText(e, 'ja'));
  }
  return report;
}

/**
 * The interval the rest of the day's trigger budget affords (docs/apps-script.md §C1), when it is longer
 * than the shops' shortest; the Log says so when that changes.
 */
function planStretch(run: Run, budget: TriggerBudget): number | null {
  const plan = timerPlan(run.settings.shops);
  if (!plan) return null;
  const affordable = budget.affordableInterval(plan);
  const stretch = affordable > plan.intervalMin ? affordable : null;
  if (stretch !== budget.stretched()) {
    const reset = budget.resetsAt();
    const params = {
      used: Math.round(budget.usedMs() / 60_000),
      limit: Math.round(budget.limitMs / 60_000),
      from: plan.intervalMin,
      to: stretch ?? plan.intervalMin,
      reset: reset === null ? '-' : formatDateTime(reset, run.settings.timezone),
    };
    const message = run.t(stretch === null ? 'run.budgetRestored' : 'run.budgetStretch', params);
    run.env.log.warn(message);
    run.logRows.push({ time: run.env.clock.now(), trigger: 'auto', action: 'fetch', shop: '', message });
    budget.setStretch(stretch);
  }
  return stretch;
}

/** The timer's period and the shops' shortest interval, or null when no shop fetches by itself. */
export function timerPlan(shops: readonly ShopSettings[]): TimerPlan | null {
  const periodMin = timerMinutes(shops);
  if (periodMin === 0) return null;
  const intervals = shops.filter((s) => s.enabled && s.autoFetchMinutes > 0).map((s) => s.autoFetchMinutes);
  return { periodMin, intervalMin: Math.min(...intervals) };
}

/** The recurring trigger's period for the shops' intervals: the shortest, snapped down to one it can honour. */
export function timerMinutes(shops: readonly ShopSettings[]): number {
  const intervals = shops.filter((s) => s.enabled && s.autoFetchMinutes > 0).map((s) => s.autoFetchMinutes);
  if (intervals.length === 0) return 0;
  const shortest = Math.min(...intervals);
  return [...TIMER_MINUTES].reverse().find((m) => m <= shortest) ?? TIMER_MINUTES[0];
}

/**
 * Installs (or removes, when no shop auto-fetches) the one recurring trigger, and says per shop what it
 * will do. Invalid settings change nothing (exit 2).
 */
export function applyAutoFetchTrigger(env: EngineEnv): RunReport & { minutes: number | null } {
  const report = { ...emptyReport(), minutes: null as number | null };
  let settings: Settings;
  try {
    settings = env.loadSettings();
  } catch (e) {
    report.exitCode = 2;
    report.errors = e instanceof SettingsError ? e.lines : [errorText(e, 'ja')];
    return report;
  }
  report.minutes = timerMinutes(settings.shops);
  env.triggers.setTimer(report.minutes);
  for (const shop of settings.shops) {
    if (!shop.enabled) continue;
    const connector = connectorOf(env.connectors, shop);
    const line = shopReport(shop, 'fetch', connector.label);
    line.message = translate(settings.locale, shop.autoFetchMinutes > 0 ? 'run.autoEvery' : 'run.autoOffShop', {
      shop: shop.name,
      minutes: shop.autoFetchMinutes,
    });
    report.shops.push(line);
  }
  return report;
}
