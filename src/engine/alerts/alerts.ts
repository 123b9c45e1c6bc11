import type { MessageKey } from '../../i18n';
import type { HttpPort, MailPort, PropertiesPort } from '../../ports';
import { readState } from '../run/state';
import type { Settings } from '../settings/schema';
import { formatDateTime } from '../text/dates';
import { type AlertState, noteRun, readAlertState, writeAlertState } from './alert-state';
import { alertText, type Channels, composeMessage, deliver } from './deliver';
import { type Alert, type AlertFacts, dayKey, dueAlerts, type QuotaKind } from './rules';

/**
 * Alerts at the end of a run (docs/contract.md §4 `alerts`): e-mail through the mail port and an optional
 * chat webhook, at most one per kind and shop a day, or one digest a day. Nothing here may break the run
 * it ends: every problem comes back as a line for the Log, once a day per cause.
 */

/** The daily digest goes out with the first run at or after this hour (the settings' time zone). */
export const DIGEST_HOUR = 8;

export interface AlertEnv {
  props: PropertiesPort;
  http: HttpPort;
  mail?: MailPort;
}

export interface AlertRun {
  env: AlertEnv;
  settings: Settings;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  redact(text: string): string;
  now: number;
}

/** What the run observed: each shop's fetch / export outcome, spent quotas, overdue rows when it looked. */
export interface RunOutcome {
  shops: {
    shop: string;
    action: 'fetch' | 'export' | 'check' | 'labels';
    ok: boolean;
    failed: number;
    message: string;
  }[];
  quotas: QuotaKind[];
  overdue?: Record<string, number>;
}

/** Updates the streaks, sends what is due, and returns the problems to log (already deduplicated per day). */
export function processAlerts(run: AlertRun, outcome: RunOutcome): string[] {
  const { env, settings } = run;
  const day = formatDateTime(run.now, settings.timezone).slice(0, 10);
  const state = readAlertState(env.props);
  let changed = false;
  for (const r of outcome.shops) {
    // streaks follow fetch and export; a label file's rows left out are in its own Log row
    if (r.action === 'check' || r.action === 'labels') continue;
    // a shop whose run failed outright, or whose rows all failed, counts as a failed run
    changed = noteRun(state, r.shop, r.action, r.ok && r.failed === 0 ? null : r.message) || changed;
  }

  const due = dueAlerts(factsOf(run, state, outcome, day));
  const problems: string[] = [];
  const channels = channelsOf(run);
  const send = (alerts: Alert[], digest: boolean): boolean => {
    const result = deliver(composeMessage(alerts, { t: run.t, link: env.mail?.link() ?? null, digest }), channels);
    for (const p of result.problems) {
      const key = `problem:${p.key}:${day}`;
      if (state.sent[key]) continue;
      state.sent[key] = day;
      changed = true;
      problems.push(p.message);
    }
    return result.delivered;
  };

  if (hasChannel(run)) {
    if (settings.alerts?.digest) {
      const key = `digest:${day}`;
      if (!state.sent[key] && due.length > 0 && hourOf(run) >= DIGEST_HOUR && send(due, true)) {
        state.sent[key] = day;
        changed = true;
      }
    } else {
      const pending = onePerKindAndShop(
        due.filter((a) => !state.sent[a.key] && !state.sent[dayKey(a, day)]),
        day,
      );
      for (const a of pending) {
        // an alert no channel took is tried again by the next run; its problem is logged once a day
        if (!send([a], false)) continue;
        state.sent[a.key] = day;
        state.sent[dayKey(a, day)] = day;
        changed = true;
      }
    }
  }
  if (changed) {
    try {
      writeAlertState(env.props, state, day);
    } catch (e) {
      problems.push(run.redact(e instanceof Error ? e.message : String(e)));
    }
  }
  return problems;
}

/** What `mallsheet check` and the sidebar list: the alerts today's facts call for, sent or not. */
export function alertsDueToday(run: AlertRun, outcome: RunOutcome): string[] {
  const day = formatDateTime(run.now, run.settings.timezone).slice(0, 10);
  const state = readAlertState(run.env.props);
  return dueAlerts(factsOf(run, state, outcome, day)).map((a) => run.redact(alertText(a.message, run.t)));
}

/** A test message to every channel now, whatever the ledger says; returns the problems (none = sent). */
export function sendTestAlert(run: AlertRun): { delivered: boolean; problems: string[] } {
  const link = run.env.mail?.link();
  const body = [run.t('alert.testBody'), '', ...(link ? [run.t('alert.link', { url: link })] : [])];
  const result = deliver({ subject: run.t('alert.testSubject'), body: body.join('\n') }, channelsOf(run));
  const problems = result.problems.map((p) => p.message);
  if (!hasChannel(run)) problems.push(run.t('alert.noChannel'));
  return { delivered: result.delivered, problems };
}

function factsOf(run: AlertRun, state: AlertState, outcome: RunOutcome, day: string): AlertFacts {
  return {
    now: run.now,
    day,
    shops: run.settings.shops
      .filter((s) => s.enabled)
      .map((s) => ({
        name: s.name,
        expiresAt: readState(run.env.props, s.name).expiresAt,
        streaks: state.streaks[s.name] ?? {},
      })),
    quotas: outcome.quotas,
    overdue: outcome.overdue,
  };
}

function channelsOf(run: AlertRun): Channels {
  return {
    email: run.settings.alerts?.email,
    webhook: run.settings.alerts?.webhook,
    mail: run.env.mail,
    http: run.env.http,
    t: run.t,
    redact: run.redact,
  };
}

/** Mail needs a port (Sheets has MailApp; the CLI prints instead), the webhook only a URL. */
function hasChannel(run: AlertRun): boolean {
  return run.env.mail !== undefined || Boolean(run.settings.alerts?.webhook);
}

function onePerKindAndShop(alerts: Alert[], day: string): Alert[] {
  const seen = new Set<string>();
  return alerts.filter((a) => {
    const k = dayKey(a, day);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function hourOf(run: AlertRun): number {
  return Number(formatDateTime(run.now, run.settings.timezone).slice(11, 13));
}
