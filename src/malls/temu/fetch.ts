import { z } from 'zod';
import type { FetchRequest, FetchStep, ShopContext } from '../../engine/connector';
import type { LineStatusUpdate, OrderLine } from '../../engine/order-line';
import type { TemuAnswer, TemuCall, TemuClient } from './client';
import { NO_PERMISSION_CODES, SHOP_FATAL_CODES } from './codes';
import { TemuError } from './errors';
import { type LinePrice, pricesOf, toOrderLines } from './mapping';
import {
  AmountResultSchema,
  type ListItem,
  OrderListResultSchema,
  type ShippingInfo,
  ShippingInfoSchema,
} from './schemas';
import { CANCELED_CODE, isTemuStatusName, TEMU_STATUS_CODES, TEMU_STATUS_NAMES, type TemuStatusName } from './statuses';
import { EXPIRY_WARN_MS, formatDateTime, readTokenInfo } from './token';

/**
 * Fetch as a resumable step function. One step = one bg.order.list.v2.get page (pageSize 100, docs/malls/temu.md §3.1)
 * plus the per-parent details (address, prices) of that page, sent in waves of 20/s. When the run's time
 * budget ends mid-page, the parents still needing details travel in the cursor and are reloaded by
 * parentOrderSnList next step, so a later run resumes where this one stopped.
 */

export const PAGE_SIZE = 100;
/** docs/malls/temu.md §3.1: parentOrderSnList takes at most 20 */
const SN_LIST_MAX = 20;
/** parents whose details are requested in one wave group before the deadline is checked again */
const DETAIL_CHUNK = 50;

/**
 * A status to page through; `linesWanted: false` only reports cancellations of rows already in the sheet.
 * `status: null` is every status at once (parentOrderStatus 0, docs/malls/temu.md §3.1), used for incremental windows.
 */
interface Pass {
  status: TemuStatusName | null;
  linesWanted: boolean;
}

const CursorSchema = z.object({
  pass: z.number().int().min(0),
  page: z.number().int().min(1),
  /** parentOrderSn of the last page whose details are still missing */
  pending: z.array(z.string()).default([]),
  /** bg.order.amount.query was refused for this token: not asked again this run (one notice) */
  amountsDenied: z.boolean().default(false),
  /** notice ids already emitted this run */
  noticed: z.array(z.string()).default([]),
  /**
   * creation-time bound (epoch s) of the pages still to read: the list is sorted newest first, so the
   * next page is "created up to the oldest order of this one" (keyset paging). Page numbers alone skip
   * orders when earlier ones leave the status meanwhile (an export between two runs of one fetch).
   */
  before: z.number().int().nullable().default(null),
  /** parents already read in this pass that the next page shows again (its boundary seconds): skipped */
  seen: z.array(z.string()).default([]),
});
type Cursor = z.infer<typeof CursorSchema>;

/**
 * Incremental windows (by update time) hold few orders: one pass over every status, sorted out here,
 * tells an empty poll that nothing changed with a single list call (docs/malls/temu.md §3.1).
 */
export function passesFor(ctx: ShopContext, statuses: string[], byUpdate = false): Pass[] {
  const passes: Pass[] = [];
  for (const s of statuses) {
    if (!isTemuStatusName(s))
      throw new TemuError(ctx.t('temu.err.status', { status: s, allowed: TEMU_STATUS_NAMES.join(', ') }), null);
    if (!passes.some((p) => p.status === s)) passes.push({ status: s, linesWanted: true });
  }
  if (byUpdate) return [{ status: null, linesWanted: true }];
  // docs/contract.md §3: a cancellation must reach rows fetched earlier, even when CANCELED is not a fetch status
  if (!passes.some((p) => p.status === 'CANCELED')) passes.push({ status: 'CANCELED', linesWanted: false });
  return passes;
}

export function fetchStep(client: TemuClient, ctx: ShopContext, req: FetchRequest): FetchStep {
  const passes = passesFor(ctx, req.statuses, req.by === 'updated');
  const parsed = CursorSchema.safeParse(req.cursor);
  const cur: Cursor =
    req.cursor !== null && parsed.success
      ? parsed.data
      : { pass: 0, page: 1, pending: [], amountsDenied: false, noticed: [], before: null, seen: [] };
  const notices: string[] = [];
  const notice = (id: string, text: string) => {
    if (cur.noticed.includes(id)) return;
    cur.noticed.push(id);
    notices.push(text);
  };
  if (req.cursor === null && expiryCheckDue(ctx)) checkExpiry(client, ctx, notice);
  // a cursor from before the shop's statuses changed may point past the last pass
  if (done(cur, passes)) return { lines: [], cursor: null, notices };

  let items: ListItem[];
  let cancelledUpdates: LineStatusUpdate[] = [];
  let versions: string[] = [];
  let linesWanted = true;
  let next: Cursor;
  if (cur.pending.length > 0) {
    items = loadParents(client, cur.pending);
    next = { ...cur, pending: [] };
  } else {
    const pass = passes[cur.pass];
    linesWanted = pass.linesWanted;
    ctx.progress.progress(
      ctx.t('temu.progress.page', { shop: ctx.shop.name, status: pass.status ?? '*', page: cur.page }),
    );
    const { total, pageItems } = listPage(client, pass, cur, req);
    items = pageItems.filter((it) => !cur.seen.includes(it.parentOrderMap.parentOrderSn));
    if (pass.status === null) {
      // every status came back: the fetch statuses are lines, cancellations of rows fetched earlier updates
      const wanted = new Set<number>(req.statuses.map((s) => TEMU_STATUS_CODES[s as TemuStatusName]));
      const cancelled = items.filter(
        (it) => it.parentOrderMap.parentOrderStatus === CANCELED_CODE && !wanted.has(CANCELED_CODE),
      );
      cancelledUpdates = cancellationsOf(cancelled);
      items = items.filter((it) => wanted.has(it.parentOrderMap.parentOrderStatus));
    }
    // a timer poll's overlap lists orders the last poll wrote: unchanged ones need no address or price calls
    versions = items.map(versionOf).filter((v): v is string => v !== null);
    const { unchanged } = req;
    if (unchanged) items = items.filter((it) => !isUnchanged(it, unchanged));
    const more = cur.page * PAGE_SIZE < total && pageItems.length > 0;
    next = more
      ? { ...cur, ...nextPage(pass, cur, req, pageItems) }
      : { ...cur, pass: cur.pass + 1, page: 1, before: null, seen: [] };
  }

  if (!linesWanted)
    return { lines: [], updates: cancellationsOf(items), cursor: done(next, passes) ? null : next, notices };

  const lines: OrderLine[] = [];
  let i = 0;
  for (; i < items.length; i += DETAIL_CHUNK) {
    const chunk = items.slice(i, i + DETAIL_CHUNK);
    // always make progress; afterwards stop when the next wave group might not fit in the budget
    if (i > 0 && ctx.clock.now() + estimateMs(chunk.length, next.amountsDenied) > ctx.deadline) break;
    lines.push(...withDetails(client, ctx, chunk, next, notice));
  }
  next.pending = items.slice(i).map((it) => it.parentOrderMap.parentOrderSn);
  return { lines, updates: cancelledUpdates, versions, cursor: done(next, passes) ? null : next, notices };
}

/** A parent order's version: its number and Temu's update stamp (null without one: never skipped). */
function versionOf(it: ListItem): string | null {
  const t = it.parentOrderMap.updateTime;
  return t === null || t === undefined ? null : `${it.parentOrderMap.parentOrderSn}@${t}`;
}

function isUnchanged(it: ListItem, unchanged: (version: string) => boolean): boolean {
  const v = versionOf(it);
  return v !== null && unchanged(v);
}

function cancellationsOf(items: ListItem[]): LineStatusUpdate[] {
  return items.flatMap((it) =>
    it.orderList.map((o) => ({
      orderId: it.parentOrderMap.parentOrderSn,
      lineId: o.orderSn,
      mallStatus: 'CANCELED',
      cancelled: true,
    })),
  );
}

/** The token's expiry is read once a day, not on every poll: it changes only when the seller re-authorises. */
const EXPIRY_CHECK_KEY = 'tokenInfoCheckedAt';
const EXPIRY_CHECK_EVERY_MS = 86_400_000;

function expiryCheckDue(ctx: ShopContext): boolean {
  const last = Number(ctx.store.get(EXPIRY_CHECK_KEY) ?? 0);
  return !(ctx.clock.now() - last < EXPIRY_CHECK_EVERY_MS);
}

function done(c: Cursor, passes: Pass[]): boolean {
  return c.pass >= passes.length && c.pending.length === 0;
}

function estimateMs(parents: number, amountsDenied: boolean): number {
  const calls = parents * (amountsDenied ? 1 : 2);
  return Math.ceil(calls / 20) * 1000 + 2000;
}

function checkExpiry(client: TemuClient, ctx: ShopContext, notice: (id: string, text: string) => void): void {
  const info = readTokenInfo(client, ctx);
  if (info) ctx.store.set(EXPIRY_CHECK_KEY, String(ctx.clock.now()));
  const expiresAt = info?.expiredTime ? info.expiredTime * 1000 : null;
  if (expiresAt !== null && expiresAt - ctx.clock.now() < EXPIRY_WARN_MS) {
    notice('expiry', ctx.t('temu.notice.expirySoon', { date: formatDateTime(expiresAt, ctx.timezone) }));
  }
}

/**
 * One list page. Cancellations are found by update time, everything else by creation time, or by update
 * time too in an incremental fetch (docs/malls/temu.md §3.1 recommends polling by updateAtStart/updateAtEnd), then
 * still within the shop's creation window.
 */
function listPage(
  client: TemuClient,
  pass: Pass,
  cur: Cursor,
  req: FetchRequest,
): { total: number; pageItems: ListItem[] } {
  const from = Math.floor(req.from / 1000);
  const to = Math.ceil(req.to / 1000);
  const before = cur.before === null ? to : Math.min(to, cur.before);
  const byUpdate = !pass.linesWanted || req.by === 'updated';
  // an incremental sync's keyset pass (see keyset) also bounds creation time
  const created =
    pass.linesWanted && req.by === 'updated' && req.createdFrom !== undefined
      ? { createAfter: Math.floor(req.createdFrom / 1000), createBefore: before }
      : {};
  const window = byUpdate
    ? { updateAtStart: from, updateAtEnd: to, ...created }
    : { createAfter: from, createBefore: before };
  const result = client.get(
    {
      type: 'bg.order.list.v2.get',
      params: {
        pageNumber: cur.page,
        pageSize: PAGE_SIZE,
        parentOrderStatus: pass.status === null ? 0 : TEMU_STATUS_CODES[pass.status],
        ...window,
      },
    },
    OrderListResultSchema,
  );
  return { total: result.totalItemNum, pageItems: result.pageItems };
}

/** Passes that bound creation time page by page: the order lines (cancellation passes keep page numbers). */
function keyset(pass: Pass, req: FetchRequest): boolean {
  return pass.linesWanted && (req.by !== 'updated' || req.createdFrom !== undefined);
}

/**
 * The page after this one: page 1 of the orders created up to this page's oldest second (+1, so an
 * inclusive or exclusive createBefore both keep that second), skipping the parents of those two seconds
 * already read. When a whole page falls within two seconds, or a time is missing, the next page number.
 */
function nextPage(
  pass: Pass,
  cur: Cursor,
  req: FetchRequest,
  items: ListItem[],
): Pick<Cursor, 'page' | 'before' | 'seen'> {
  const byNumber = { page: cur.page + 1, before: cur.before, seen: cur.seen };
  if (!keyset(pass, req)) return byNumber;
  const timed: { sn: string; time: number }[] = [];
  for (const { parentOrderMap: p } of items) {
    if (p.parentOrderTime === null) return byNumber;
    timed.push({ sn: p.parentOrderSn, time: p.parentOrderTime });
  }
  const times = timed.map((t) => t.time);
  const oldest = Math.min(...times);
  if (Math.max(...times) <= oldest + 1) return byNumber;
  const seen = timed.filter((t) => t.time <= oldest + 1).map((t) => t.sn);
  return { page: 1, before: oldest + 1, seen };
}

function loadParents(client: TemuClient, sns: string[]): ListItem[] {
  const calls: TemuCall[] = [];
  for (let i = 0; i < sns.length; i += SN_LIST_MAX) {
    calls.push({
      type: 'bg.order.list.v2.get',
      params: { pageNumber: 1, pageSize: PAGE_SIZE, parentOrderSnList: sns.slice(i, i + SN_LIST_MAX) },
    });
  }
  return client.callAll(calls).flatMap((answer) => {
    if (!answer.ok) throw new TemuError(answer.message, answer.code);
    return client.parseResult('bg.order.list.v2.get', answer.result, OrderListResultSchema).pageItems;
  });
}

/** Address and (when permitted) prices per parent, all through one callAll (waves of 20/s). */
function withDetails(
  client: TemuClient,
  ctx: ShopContext,
  items: ListItem[],
  cur: Cursor,
  notice: (id: string, text: string) => void,
): OrderLine[] {
  const askAmounts = !cur.amountsDenied;
  const calls: TemuCall[] = items.flatMap((it) => {
    const params = { parentOrderSn: it.parentOrderMap.parentOrderSn };
    const ship: TemuCall = { type: 'bg.order.shippinginfo.v2.get', params };
    return askAmounts ? [ship, { type: 'bg.order.amount.query', params }] : [ship];
  });
  const answers = client.callAll(calls);
  const per = askAmounts ? 2 : 1;
  return items.flatMap((it, k) => {
    const order = it.parentOrderMap.parentOrderSn;
    const detail = <T>(answer: TemuAnswer, what: 'address' | 'amounts', read: (r: unknown) => T): T | null => {
      if (!answer.ok) {
        if (SHOP_FATAL_CODES.has(answer.code)) throw new TemuError(answer.message, answer.code);
        if (what === 'amounts' && NO_PERMISSION_CODES.has(answer.code)) {
          cur.amountsDenied = true;
          notice('amounts-denied', ctx.t('temu.notice.amountsDenied'));
        } else {
          notice(
            `${what}:${answer.code}`,
            ctx.t('temu.notice.detailFailed', { order, what: ctx.t(`temu.what.${what}`), message: answer.message }),
          );
        }
        return null;
      }
      try {
        return read(answer.result);
      } catch (e) {
        notice(
          `${what}:format`,
          ctx.t('temu.notice.detailFailed', { order, what: ctx.t(`temu.what.${what}`), message: (e as Error).message }),
        );
        return null;
      }
    };
    const ship: ShippingInfo | null = detail(answers[k * per], 'address', (r) =>
      client.parseResult('bg.order.shippinginfo.v2.get', r, ShippingInfoSchema),
    );
    const prices: Map<string, LinePrice> | null = askAmounts
      ? detail(answers[k * per + 1], 'amounts', (r) =>
          pricesOf(client.parseResult('bg.order.amount.query', r, AmountResultSchema)),
        )
      : null;
    return toOrderLines(it, ship, prices);
  });
}
