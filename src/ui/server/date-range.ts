import { runFetch } from '../../engine/run/fetch';
import { formatDate, zonedTimeToEpoch } from '../../engine/text/dates';
import { translate } from '../../i18n';
import { dayNumber, MAX_RANGE_DAYS, rangeProblems } from '../shared/date-range';
import type { DateRangeState, FetchRangeRequest, FetchRangeResponse } from '../shared/rpc';
import type { UiEnv } from './settings-document';
import { localeOf, pageStrings } from './sidebar';

/** The date-range fetch dialog's server side: the dates are checked here (again) before anything runs. */

const DAY = 86_400_000;

function timezoneOf(env: UiEnv): string {
  const tz = env.settingsDoc.read().timezone;
  return typeof tz === 'string' && tz.trim() !== '' ? tz.trim() : 'Asia/Tokyo';
}

export function dateRangeState(env: UiEnv): DateRangeState {
  const raw = env.settingsDoc.read();
  const locale = localeOf(raw);
  const tz = timezoneOf(env);
  const now = env.clock.now();
  return {
    locale,
    strings: pageStrings(locale),
    shops: raw.shops
      .filter((s) => s.enabled !== false && typeof s.name === 'string' && s.name.trim() !== '')
      .map((s) => String(s.name).trim()),
    today: formatDate(now, tz),
    defaultFrom: formatDate(now - 7 * DAY, tz),
  };
}

/** Two checked days (both included) → the engine's [from, to): 00:00 of `from` to 00:00 after `to`, in tz. */
export function dayRangeToEpoch(from: string, to: string, tz: string): { from: number; to: number } {
  const midnight = (day: number) => {
    const d = new Date(day * DAY);
    return zonedTimeToEpoch(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, tz);
  };
  const checked = (ymd: string) => {
    const day = dayNumber(ymd);
    if (day === null) throw new Error(`not a checked day: "${ymd}"`);
    return day;
  };
  return { from: midnight(checked(from)), to: midnight(checked(to) + 1) };
}

export function fetchForRange(env: UiEnv, req: FetchRangeRequest): FetchRangeResponse {
  const locale = localeOf(env.settingsDoc.read());
  const tz = timezoneOf(env);
  const t = (
    key: 'sidebar.range.errDate' | 'sidebar.range.errOrder' | 'sidebar.range.errFuture' | 'sidebar.range.errTooLong',
  ) => translate(locale, key, { days: MAX_RANGE_DAYS });
  const problems = rangeProblems(req.from, req.to, formatDate(env.clock.now(), tz));
  if (problems.length)
    return {
      done: false,
      issues: problems.map((p) => ({ field: p.field, message: t(`sidebar.range.${p.code}`) })),
      lines: [],
    };
  const range = dayRangeToEpoch(req.from, req.to, tz);
  const report = runFetch(env, { trigger: 'manual', range, ...(req.shop ? { shop: req.shop } : {}) });
  if (report.busy)
    return { done: false, issues: [{ field: '', message: translate(locale, 'sidebar.err.busy') }], lines: [] };
  if (report.exitCode === 2)
    return {
      done: false,
      issues: [
        { field: '', message: translate(locale, 'sidebar.err.settings', { detail: report.errors.join(' / ') }) },
      ],
      lines: [],
    };
  return {
    done: true,
    issues: report.errors.map((message) => ({ field: '', message })),
    lines: report.shops.map((s) => ({
      shop: s.shop,
      ok: s.ok,
      message: [
        translate(locale, 'sidebar.range.result', { fetched: s.fetched, new: s.new, updated: s.updated }),
        s.message,
      ]
        .filter(Boolean)
        .join(' — '),
    })),
  };
}
