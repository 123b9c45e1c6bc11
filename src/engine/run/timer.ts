import type { EngineEnv, RunReport } from './types';
import { TIMER_MINUTES } from '../settings/parse';
import type { Settings, ShopSettings } from '../settings/schema';
import { SettingsError } from '../settings/errors';
import { exportShops } from './export';
import { fetchShops } from './fetch';
import { emptyReport, shopReport } from './report';
import { withRun } from './with-run';
import { translate } from '../../i18n';
import { errorText } from '../error-text';
import { readState, type ShopState } from './state';

/**
 * A timer tick tolerates this much early firing: Apps Script's triggers drift, and a run that fetched
 * 29.5 minutes ago should not wait another 30 (specs §C2).
 */
const EARLY_MS = 60_000;

/** Is this shop's auto-fetch due at `now`? An unfinished window is always due. */
export function isDue(shop: ShopSettings, state: ShopState, now: number): boolean {
  if (!shop.enabled || shop.autoFetchMinutes <= 0) return false;
  if (state.resume) return true;
  const last = Math.max(state.lastAttemptAt ?? 0, state.lastFetchAt ?? 0);
  return now - last >= shop.autoFetchMinutes * 60_000 - EARLY_MS;
}

/**
 * docs/contract.md §3 Timer: fetch every enabled shop that is due, then export the shops with autoExport on — and
 * any shop whose last export ran out of time with rows left (the continuation of a manual export).
 */
export function runTimer(env: EngineEnv): RunReport {
  return withRun(env, { action: 'fetch', trigger: 'auto' }, (run) => {
    const now = env.clock.now();
    const due = run.settings.shops.filter((s) => isDue(s, readState(env.props, s.name), now));
    if (due.length > 0) fetchShops(run, due);
    const exporting = run.settings.shops.filter((s) => s.enabled && (s.autoExport || readState(env.props, s.name).exportPending));
    if (exporting.length > 0) exportShops(run, exporting, false);
  });
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
    const connector = env.connectors.find((c) => c.id === shop.mall)!;
    const line = shopReport(shop, 'fetch', connector.label);
    line.message = translate(settings.locale, shop.autoFetchMinutes > 0 ? 'run.autoEvery' : 'run.autoOffShop', {
      shop: shop.name,
      minutes: shop.autoFetchMinutes,
    });
    report.shops.push(line);
  }
  return report;
}
