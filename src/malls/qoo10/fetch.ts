import { z } from 'zod';
import type { LineStatusUpdate, OrderLine } from '../../engine/order-line';
import type { FetchRequest, FetchStep, ShopContext } from '../../engine/connector';
import type { Qoo10Client } from './client';
import { searchBounds, splitWindows } from './dates';
import { Qoo10Error } from './errors';
import { statusDigit, toClaimUpdate, toOrderLine } from './mapping';
import { asRows, CANCEL_CLAIM_STATS, FINAL_CANCEL_STATS, METHODS } from './protocol';
import { STATUS_CODES, STATUS_NAMES, type Qoo10Status } from './statuses';
import { ClaimRowSchema, ShippingRowSchema } from './schemas';

/**
 * A fetch is a list of calls: per 90-day window, one GetShippingInfo_v3 per selected status (no paging,
 * one status per call: docs/malls/qoo10.md §3, §6), then GetClaimInfo_V3 per cancel ClaimStat.
 * One call per step; the cursor is the index of the next call.
 */
type Task = { window: { from: number; to: number } } & ({ kind: 'orders'; status: string } | { kind: 'claims'; claimStat: string });

const CursorSchema = z.object({ next: z.number().int().min(0) });

export function fetchStep(client: Qoo10Client, ctx: ShopContext, req: FetchRequest): FetchStep {
  const tasks = planTasks(ctx, req);
  const parsed = CursorSchema.safeParse(req.cursor);
  const i = parsed.success ? parsed.data.next : 0;
  if (i >= tasks.length) return { lines: [], cursor: null };
  const task = tasks[i];
  const notices: string[] = [];
  const step: FetchStep = { lines: [], cursor: i + 1 < tasks.length ? { next: i + 1 } : null, notices };
  const { start, end } = searchBounds(task.window);
  if (task.kind === 'orders') {
    const env = client.callOk(METHODS.shippingInfo, {
      ShippingStatus: task.status,
      SearchStartDate: start,
      SearchEndDate: end,
      SearchCondition: '1', // order date (§3 v3 request)
    });
    step.lines = readShippingRows(ctx, asRows(env.obj), notices);
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
  }
  return step;
}

function planTasks(ctx: ShopContext, req: FetchRequest): Task[] {
  const codes = req.statuses.map((s) => {
    const code = STATUS_CODES[s as Qoo10Status];
    if (!code) throw new Qoo10Error(ctx.t('qoo10.err.badStatus', { shop: ctx.shop.name, status: s, allowed: STATUS_NAMES.join(', ') }));
    return code;
  });
  const statuses = [...new Set(codes)].sort();
  return splitWindows(req.from, req.to).flatMap((window): Task[] => [
    ...statuses.map((status) => ({ window, kind: 'orders' as const, status })),
    ...CANCEL_CLAIM_STATS.map((claimStat) => ({ window, kind: 'claims' as const, claimStat })),
  ]);
}

function readShippingRows(ctx: ShopContext, rows: unknown[], notices: string[]): OrderLine[] {
  const byLine = new Map<string, OrderLine>();
  for (const raw of rows) {
    const r = ShippingRowSchema.safeParse(raw);
    if (!r.success) {
      notices.push(badRow(ctx, raw, 'OrderNo', r.error));
      continue;
    }
    const line = toOrderLine(ctx, r.data);
    if (!statusDigit(r.data.ShippingStatus)) {
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
