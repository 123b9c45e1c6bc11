import { z } from 'zod';
import type { FetchRequest, FetchStep, ShopContext } from '../../engine/connector';
import type { LineStatusUpdate, OrderLine } from '../../engine/order-line';
import type { Qoo10Client } from './client';
import { searchBounds, splitWindows } from './dates';
import { Qoo10Error } from './errors';
import { statusDigit, toClaimUpdate, toOrderLine } from './mapping';
import { asRows, CANCEL_CLAIM_STATS, FINAL_CANCEL_STATS, METHODS } from './protocol';
import { ClaimRowSchema, ShippingRowSchema } from './schemas';
import { type Qoo10Status, STATUS_CODES, STATUS_NAMES } from './statuses';

/**
 * A fetch is a list of calls, one per step (no paging: docs/malls/qoo10.md §3): per 90-day window one
 * GetShippingInfo_v3 per selected status — one call with ShippingStatus 0 when every status is among
 * 1–3, which that value returns together (§3 v3 request), sorted out by the row's status — then
 * GetClaimInfo_V3 per cancel ClaimStat. Qoo10 has no update filter, so a timer poll re-reads the window;
 * the claims calls (four of the five a poll would make) are made only when the list changed since the
 * last poll (a cancelled order vanishes from it, §3 Cancellations) or CLAIMS_EVERY_MS has passed.
 * The cursor is the index of the next call and whether this fetch reads the claims.
 */
type Task = { window: { from: number; to: number } } & (
  | { kind: 'orders'; status: string; keep: readonly string[] }
  | { kind: 'claims'; claimStat: string }
);

const CursorSchema = z.object({ next: z.number().int().min(0), claims: z.boolean().default(true) });

/** Open cancellation requests are seen at least this often even when the list did not change. */
export const CLAIMS_EVERY_MS = 15 * 60_000;
const STORE = { listDigest: 'fetch:listDigest', claimsAt: 'fetch:claimsAt' } as const;
/** ShippingStatus 0 returns the states 1–3 (§3 v3 request) */
const ZERO_COVERS = ['1', '2', '3'];
const STATUS_DIGITS: readonly string[] = Object.values(STATUS_CODES);

export function fetchStep(client: Qoo10Client, ctx: ShopContext, req: FetchRequest): FetchStep {
  const parsed = CursorSchema.safeParse(req.cursor);
  const i = parsed.success ? parsed.data.next : 0;
  const withClaims = parsed.success ? parsed.data.claims : true;
  const tasks = planTasks(ctx, req, withClaims);
  if (i >= tasks.length) return { lines: [], cursor: null };
  const task = tasks[i];
  const notices: string[] = [];
  const step: FetchStep = {
    lines: [],
    cursor: i + 1 < tasks.length ? { next: i + 1, claims: withClaims } : null,
    notices,
  };
  const { start, end } = searchBounds(task.window);
  if (task.kind === 'orders') {
    const env = client.callOk(METHODS.shippingInfo, {
      ShippingStatus: task.status,
      SearchStartDate: start,
      SearchEndDate: end,
      SearchCondition: '1', // order date (§3 v3 request)
    });
    step.lines = readShippingRows(ctx, asRows(env.obj), notices, task.keep);
    // one list call per fetch (the usual case): the claims calls follow only when something may have been cancelled
    const onlyList = tasks.filter((t) => t.kind === 'orders').length === 1;
    if (onlyList && step.cursor !== null && !claimsNeeded(ctx, step.lines)) step.cursor = null;
  } else {
    const env = client.callOk(METHODS.claimInfo, {
      ClaimStat: task.claimStat,
      search_Sdate: start,
      search_Edate: end,
      // a finished cancellation by its completion date, an open one by its request date: either is
      // newer than the order, so older rows in the sheet still learn of it (§3 Cancellations)
      search_condition: FINAL_CANCEL_STATS.has(task.claimStat) ? '3' : '2',
    });
    step.updates = readClaimRows(ctx, asRows(env.obj), task.claimStat, notices);
    if (step.cursor === null) ctx.store.set(STORE.claimsAt, String(ctx.clock.now()));
  }
  return step;
}

function planTasks(ctx: ShopContext, req: FetchRequest, withClaims: boolean): Task[] {
  const codes = req.statuses.map((s) => {
    const code = STATUS_CODES[s as Qoo10Status];
    if (!code)
      throw new Qoo10Error(
        ctx.t('qoo10.err.badStatus', { shop: ctx.shop.name, status: s, allowed: STATUS_NAMES.join(', ') }),
      );
    return code;
  });
  const statuses = [...new Set<string>(codes)].sort();
  const together = statuses.length > 1 && statuses.every((c) => ZERO_COVERS.includes(c));
  const lists = together
    ? [{ status: '0', keep: statuses }]
    : statuses.map((c) => ({ status: c, keep: STATUS_DIGITS }));
  const windows = splitWindows(req.from, req.to);
  return [
    ...windows.flatMap((window): Task[] => lists.map((l) => ({ window, kind: 'orders' as const, ...l }))),
    ...(withClaims
      ? windows.flatMap((window): Task[] =>
          CANCEL_CLAIM_STATS.map((claimStat) => ({ window, kind: 'claims' as const, claimStat })),
        )
      : []),
  ];
}

/**
 * After the list call: the claims are read when the list is not the one of the last poll (an order
 * appeared, changed status or vanished) or when they were last read CLAIMS_EVERY_MS ago or more. The
 * list's digest is kept in the shop's store.
 */
function claimsNeeded(ctx: ShopContext, lines: readonly { lineId: string; mallStatus: string }[]): boolean {
  const digest = digestOf(
    lines
      .map((l) => `${l.lineId}:${l.mallStatus}`)
      .sort()
      .join(','),
  );
  const changed = ctx.store.get(STORE.listDigest) !== digest;
  if (changed) ctx.store.set(STORE.listDigest, digest);
  const claimsAt = Number(ctx.store.get(STORE.claimsAt) ?? 0);
  return changed || !(ctx.clock.now() - claimsAt < CLAIMS_EVERY_MS);
}

/** A short digest of the list (djb2, 32 bits): only compared with the last poll's. */
function digestOf(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 33) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** `keep`: the status digits asked for (a row of unknown status is kept: its notice names it). */
function readShippingRows(ctx: ShopContext, rows: unknown[], notices: string[], keep: readonly string[]): OrderLine[] {
  const byLine = new Map<string, OrderLine>();
  // rows of several statuses in the order one call per status would give them (2 before 3)
  const digitOf = (raw: unknown) =>
    statusDigit(String((raw as { ShippingStatus?: unknown } | null)?.ShippingStatus ?? '')) ?? '9';
  for (const raw of [...rows].sort((a, b) => (digitOf(a) < digitOf(b) ? -1 : digitOf(a) > digitOf(b) ? 1 : 0))) {
    const r = ShippingRowSchema.safeParse(raw);
    if (!r.success) {
      notices.push(badRow(ctx, raw, 'OrderNo', r.error));
      continue;
    }
    const digit = statusDigit(r.data.ShippingStatus);
    if (digit !== null && !keep.includes(digit)) continue;
    const line = toOrderLine(ctx, r.data);
    if (!digit) {
      notices.push(ctx.t('qoo10.notice.unknownStatus', { label: r.data.ShippingStatus, orderNo: r.data.OrderNo }));
    }
    byLine.set(line.lineId, line);
  }
  return [...byLine.values()];
}

function readClaimRows(ctx: ShopContext, rows: unknown[], claimStat: string, notices: string[]): LineStatusUpdate[] {
  const byLine = new Map<string, LineStatusUpdate>();
  for (const raw of rows) {
    const r = ClaimRowSchema.safeParse(raw);
    if (!r.success) {
      notices.push(badRow(ctx, raw, 'orderNo', r.error));
      continue;
    }
    byLine.set(r.data.orderNo, toClaimUpdate(ctx, r.data, claimStat));
  }
  return [...byLine.values()];
}

/** A row that cannot be read is skipped with a log line naming the order and the field. */
function badRow(ctx: ShopContext, raw: unknown, idKey: string, error: z.ZodError): string {
  const id = raw && typeof raw === 'object' ? String((raw as Record<string, unknown>)[idKey] ?? '?') : '?';
  const issue = error.issues[0];
  return ctx.t('qoo10.err.badRow', { orderNo: id, field: issue?.path.join('.') || '?', detail: issue?.message ?? '' });
}
