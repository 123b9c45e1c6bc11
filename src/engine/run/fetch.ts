import type { z } from 'zod';
import { connectorOf, type MallConnector } from '../connector';
import { errorText } from '../error-text';
import {
  LineStatusUpdateSchema,
  MANAGEMENT_STATUS_LABELS,
  type ManagementStatus,
  OrderLineSchema,
} from '../order-line';
import type { OrdersTable, ShopRowDefaults } from '../orders/table';
import { STEP_RESERVE } from '../quota/url-fetch-quota';
import type { ShopSettings } from '../settings/schema';
import { formatDate, formatDateTime } from '../text/dates';
import { proposeCombined } from './combine';
import { joinMessages, record, selectShops, shopReport } from './report';
import type { Run } from './run-context';
import { SeenLines } from './seen-lines';
import { buildShopContext, quotaText } from './shop-context';
import { readState, type ShopState, updateState } from './state';
import type { EngineEnv, FetchOptions, RunReport, ShopReport } from './types';
import { withRun } from './with-run';

const DAY_MS = 86_400_000;

/** Fetch now (menu, CLI): every enabled shop, or the one named; the user's range or each shop's `days`. */
export function runFetch(env: EngineEnv, opts: FetchOptions): RunReport {
  return withRun(env, { action: 'fetch', trigger: opts.trigger }, (run) => {
    const shops = selectShops(run, opts.shop);
    if (shops) fetchShops(run, shops, opts.range);
  });
}

interface Window {
  from: number;
  to: number;
  cursor: unknown;
  by: 'created' | 'updated';
  createdFrom?: number;
}

/**
 * Incremental sync: between full windows, malls that filter by update time are asked only for
 * what changed since the last complete fetch, less this overlap (the mall's update stamps and our clock
 * may disagree a little; rows are upserted by key, so reading one twice costs nothing).
 */
export const OVERLAP_MS = 10 * 60_000;
/** A full creation-time window at least this often catches anything an incremental read missed. */
export const FULL_EVERY_MS = DAY_MS;
/**
 * A stored cursor the mall keeps refusing (an expired page token) would stop the shop for good: after
 * this many fetches in a row failing on it, the window starts over (rows are keyed: nothing doubles).
 */
export const MAX_RESUME_FAILURES = 3;

/** What a shop's fetch leaves to persist once its rows are written (the cursor never runs ahead of them). */
interface Pending {
  shop: string;
  patch: Partial<ShopState>;
  seen: SeenLines;
  complete: boolean;
  /** some line of the shop was upserted (new or changed) */
  wroteLines: boolean;
  report: ShopReport;
}

/**
 * Fetches the shops one after another into one orders table, writes it with one flush, and only then
 * records each shop's state (resume cursor, 最終取得日時).
 */
export function fetchShops(run: Run, shops: ShopSettings[], range?: { from: number; to: number }): void {
  // a timer poll opens 受注一覧 only when some shop brought something new (SeenLines); any other fetch
  // reads it first, so a workbook it cannot read stops the run before anything is fetched
  const lazy = run.trigger === 'auto' && !range;
  let opened = null as OrdersTable | null;
  const table = (): OrdersTable | null => (opened ??= run.table());
  if (!lazy && !table()) return;
  const pending: Pending[] = [];
  const reports: { report: ShopReport; started: number; quiet: boolean }[] = [];
  for (const shop of shops) {
    const connector = connectorOf(run.env.connectors, shop);
    const report = shopReport(shop, 'fetch', connector.label);
    const started = run.env.clock.now();
    const entry = { report, started, quiet: false };
    reports.push(entry);
    if (started >= run.deadline) {
      run.unfinished = true;
      report.message = run.t('run.deferred');
      continue;
    }
    const done = fetchShop(run, table, shop, connector, report, range, lazy);
    if (run.report.exitCode === 2) return;
    entry.quiet = done.quiet;
    pending.push({
      shop: shop.name,
      patch: done.patch,
      seen: done.seen,
      complete: done.complete,
      wroteLines: done.wroteLines,
      report,
    });
  }
  // 同梱 proposals for the shops fetched, in the same write (docs/contract.md §3 Combined shipments)
  if (opened) {
    const fetched = new Set(pending.map((p) => p.shop));
    const proposals = proposeCombined(
      run,
      opened,
      shops.filter((s) => fetched.has(s.name)),
    );
    for (const entry of reports) {
      const note = proposals.get(entry.report.shop);
      if (note === undefined) continue;
      entry.quiet = false;
      entry.report.message = joinMessages(run, [...(entry.report.message ? [entry.report.message] : []), note]);
    }
  }
  try {
    opened?.flush();
  } catch (e) {
    // nothing was written: no state advances, and every shop says why
    const why = run.t('run.writeFailed', { detail: errorText(e, run.locale) });
    for (const entry of reports) {
      entry.report.ok = false;
      entry.quiet = false;
      entry.report.message = joinMessages(run, [why, ...(entry.report.message ? [entry.report.message] : [])]);
    }
    pending.length = 0;
  }
  const quiet = new Set(reports.filter((r) => r.quiet).map((r) => r.report.shop));
  for (const p of pending) {
    p.seen.save(p.complete, p.wroteLines);
    const folded = quietPatch(run, p.shop, quiet.has(p.shop), p.report);
    updateState(run.env.props, p.shop, { ...p.patch, ...folded });
    // an empty poll changes no cell: 最終取得日時 in the tab waits for the next real write (the sidebar
    // and `mallsheet check` read it from the state)
    if (!quiet.has(p.shop)) run.touched.add(p.shop);
  }
  run.quota.save();
  for (const { report, started } of reports) {
    if (quiet.has(report.shop)) run.report.shops.push(report);
    else record(run, 'fetch', report, run.env.clock.now() - started);
  }
}

/**
 * docs/contract.md §2 Log: a timer poll that found nothing for a shop adds no Log row (a fold would
 * still be a write); the state counts such polls and keeps the last one's time, and the shop's next real
 * row says how many there were.
 */
function quietPatch(run: Run, shop: string, quiet: boolean, report: ShopReport): Partial<ShopState> {
  const state = readState(run.env.props, shop);
  const now = run.env.clock.now();
  if (quiet) return { quietPolls: (state.quietPolls ?? 0) + 1, lastCheckedAt: now };
  if (state.quietPolls) {
    const note = run.t('run.quietPolls', {
      count: state.quietPolls,
      time: formatDateTime(state.lastCheckedAt ?? now, run.settings.timezone),
    });
    report.message = report.message ? `${report.message} / ${note}` : note;
  }
  return { quietPolls: undefined, lastCheckedAt: now };
}

function fetchShop(
  run: Run,
  table: () => OrdersTable | null,
  shop: ShopSettings,
  connector: MallConnector,
  report: ShopReport,
  range: { from: number; to: number } | undefined,
  /** a timer poll: rows the last poll returned as they are are skipped */
  skipSeen: boolean,
): { patch: Partial<ShopState>; seen: SeenLines; complete: boolean; quiet: boolean; wroteLines: boolean } {
  const { env } = run;
  const now = env.clock.now();
  const seen = SeenLines.load(env.props, shop.name, now, skipSeen);
  let wroteLines = false;
  const ctx = buildShopContext(env, run.settings, shop, run.deadline, true, run.redact, run.quota);
  const state = readState(env.props, shop.name);
  const defaults = rowDefaults(shop, connector);
  const windows = planWindows(state, shop, now, range, connector.fetchesByUpdate === true);
  const messages: string[] = [];
  let resume = state.resume;
  let complete = true;
  let resumeFailures = 0;
  /** when the run stops in the window that follows a resumed one: the end of what it completed */
  let completedTo: number | null = null;
  let rows = 0;
  let page = 0;
  try {
    for (const [i, w] of windows.entries()) {
      let cursor = w.cursor;
      do {
        const quotaLeft = run.quota.allows(STEP_RESERVE);
        if (env.clock.now() >= run.deadline || !quotaLeft) {
          if (i > 0) {
            // only a resume plan has two windows. The one after the finished resumed window is not resumed
            // itself: a window that never fits the budget would chase ever-new windows. The fetch is
            // complete up to the resumed window's end; the next due run reads the rest afresh.
            resume = undefined;
            completedTo = windows[i - 1].to - 1;
          } else if (cursor !== null) {
            // resume this window next run from the last step whose rows are in the table
            resume = { ...windowOf(w), cursor };
          }
          complete = false;
          if (quotaLeft) {
            if (resume) run.unfinished = true;
            messages.push(run.t('run.budgetStop'));
          } else {
            // no continuation: the timer picks the window up once the day's quota starts over
            messages.push(quotaText(run.quota, run.locale, run.settings.timezone));
          }
          break;
        }
        const unchanged = skipSeen ? { unchanged: (v: string) => seen.knows(v) } : {};
        const step = connector.fetch(ctx, { ...windowOf(w), statuses: shop.fetch.statuses, cursor, ...unchanged });
        seen.remember('version', step.versions ?? []);
        const lines = validRows(OrderLineSchema, run, shop, step.lines, messages, report);
        const updates = validRows(LineStatusUpdateSchema, run, shop, step.updates ?? [], messages, report);
        const freshLines = seen.fresh('line', lines);
        // a status update skipped earlier may find its row only now that the row was added or rewritten
        if (freshLines.length > 0) wroteLines = true;
        const freshUpdates = wroteLines ? updates : seen.fresh('update', updates);
        if (wroteLines) seen.remember('update', updates);
        report.fetched += lines.length;
        if (freshLines.length > 0 || freshUpdates.length > 0) {
          const opened = table();
          if (!opened) throw new WorkbookUnreadable();
          const counts = opened.upsert(defaults, freshLines, freshUpdates, env.clock.now());
          report.new += counts.new;
          report.updated += counts.updated;
          messages.push(...counts.warnings);
        }
        messages.push(...(step.notices ?? []));
        rows += lines.length;
        page++;
        env.progress.progress(run.t('run.progress.fetch', { shop: shop.name, page, rows }));
        cursor = step.cursor ?? null;
        if (cursor !== null) resume = { ...windowOf(w), cursor };
        else if (resume && resume.from === w.from && resume.to === w.to) resume = undefined;
      } while (cursor !== null);
      if (!complete) break;
    }
  } catch (e) {
    if (e instanceof WorkbookUnreadable) return { patch: {}, seen, complete: false, quiet: false, wroteLines: false };
    complete = false;
    report.ok = false;
    messages.unshift(errorText(e, run.locale));
    if (page === 0 && windows[0].cursor !== null) {
      resumeFailures = (state.resumeFailures ?? 0) + 1;
      if (resumeFailures >= MAX_RESUME_FAILURES) {
        messages.push(run.t('run.resumeReset', { count: resumeFailures }));
        resume = undefined;
        resumeFailures = 0;
      }
    }
  }
  for (const m of messages) env.log.warn(run.redact(`${shop.name}: ${m}`));
  const quiet =
    skipSeen &&
    complete &&
    report.ok &&
    messages.length === 0 &&
    report.new === 0 &&
    report.updated === 0 &&
    report.failed === 0;
  // docs/contract.md §3: the token / key expiry is visible in the Log too, as GoQSystem shows 有効期限
  const expiresAt = readState(env.props, shop.name).expiresAt;
  if (typeof expiresAt === 'number')
    messages.push(run.t('run.expiresOn', { date: formatDate(expiresAt, run.settings.timezone) }));
  report.message = joinMessages(run, messages);
  const fetchedTo = complete ? now : completedTo;
  const covered = complete ? windows : windows.slice(0, 1);
  const full = fetchedTo !== null && !range && covered.every((w) => w.by === 'created');
  const patch = {
    lastAttemptAt: now,
    resume,
    resumeFailures: resumeFailures > 0 ? resumeFailures : undefined,
    ...(fetchedTo !== null ? { lastFetchAt: fetchedTo } : {}),
    ...(full ? { lastFullAt: fetchedTo } : {}),
  };
  return { patch, seen, complete, quiet, wroteLines };
}

/** The orders tab could not be opened mid-poll: already reported (exit 2); the shop's state stays as it was. */
class WorkbookUnreadable extends Error {}

/** What a window tells the connector, and what a resume cursor remembers of it. */
function windowOf(w: Window): { from: number; to: number; by: Window['by']; createdFrom?: number } {
  return { from: w.from, to: w.to, by: w.by, ...(w.createdFrom !== undefined ? { createdFrom: w.createdFrom } : {}) };
}

/**
 * The windows of one fetch: an unfinished window first (a backlog finishes over consecutive
 * runs), then the rest up to now, of the same kind. Otherwise a full creation-time window over the shop's
 * `days`, or, when the mall filters by update time and a full window completed within FULL_EVERY_MS, only
 * what was updated since the last complete fetch (less OVERLAP_MS). A user-given range is fetched as it
 * is, resuming only its own unfinished cursor. Every plan ends at now.
 */
export function planWindows(
  state: ShopState,
  shop: ShopSettings,
  now: number,
  range?: { from: number; to: number },
  byUpdate = false,
): Window[] {
  const r = state.resume;
  if (range) {
    const own = r && r.from === range.from && r.to === range.to && (r.by ?? 'created') === 'created';
    return [{ from: range.from, to: range.to, cursor: own ? r.cursor : null, by: 'created' }];
  }
  const from = now - shop.fetch.days * DAY_MS;
  // [from, to) must hold what changed in this very millisecond (an update stamped now)
  const end = now + 1;
  const full: Window = { from, to: end, cursor: null, by: 'created' };
  if (r && r.by === 'updated') {
    // a connector that no longer filters by update time starts over with a full window
    if (!byUpdate) return [full];
    const resumed: Window = {
      from: r.from,
      to: r.to,
      cursor: r.cursor,
      by: 'updated',
      createdFrom: r.createdFrom ?? from,
    };
    return r.to < end ? [resumed, { from: r.to, to: end, cursor: null, by: 'updated', createdFrom: from }] : [resumed];
  }
  if (r) {
    const resumed: Window = { from: r.from, to: r.to, cursor: r.cursor, by: 'created' };
    const rest = Math.max(from, r.to);
    return rest < end ? [resumed, { from: rest, to: end, cursor: null, by: 'created' }] : [resumed];
  }
  const { lastFetchAt, lastFullAt } = state;
  if (byUpdate && lastFetchAt !== undefined && lastFullAt !== undefined && now - lastFullAt < FULL_EVERY_MS) {
    return [
      { from: Math.max(from, lastFetchAt - OVERLAP_MS), to: end, cursor: null, by: 'updated', createdFrom: from },
    ];
  }
  return [full];
}

/** The rows a connector returned that pass their schema; each one that does not is a failed row named in the Log. */
function validRows<T>(
  schema: z.ZodType<T>,
  run: Run,
  shop: ShopSettings,
  rows: unknown[],
  messages: string[],
  report: ShopReport,
): T[] {
  const good: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) good.push(parsed.data);
    else {
      report.failed++;
      messages.push(
        run.t('run.badLine', {
          shop: shop.name,
          order: idOf(row),
          field: parsed.error.issues[0]?.path.join('.') ?? '',
        }),
      );
    }
  }
  return good;
}

function idOf(line: unknown): string {
  const rec = typeof line === 'object' && line !== null ? (line as Record<string, unknown>) : {};
  const id = [rec.orderId, rec.lineId].filter((v) => typeof v === 'string' || typeof v === 'number').join(' / ');
  return id === '' ? '?' : id;
}

function rowDefaults(shop: ShopSettings, connector: MallConnector): ShopRowDefaults {
  return {
    name: shop.name,
    mallLabel: connector.label,
    initialStatus: statusId(shop.initialStatus),
    defaultCarrier: shop.defaultCarrier,
  };
}

/** 管理ステータス label (either locale, already validated) → canonical id. */
function statusId(label: string): ManagementStatus {
  for (const loc of ['ja', 'en'] as const) {
    for (const [id, l] of Object.entries(MANAGEMENT_STATUS_LABELS[loc])) if (l === label) return id as ManagementStatus;
  }
  return 'new';
}
