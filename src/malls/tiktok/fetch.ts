import { z } from 'zod';
import type { FetchRequest, FetchStep, ShopContext } from '../../engine/connector';
import type { LineStatusUpdate, OrderLine } from '../../engine/order-line';
import type { TikTokClient } from './client';
import { CANCELLED, orderToLines } from './mapping';
import { OrderSchema, SearchOrdersDataSchema, type TikTokOrder } from './schemas';

const PAGE_SIZE = 100; // the maximum (docs/malls/tiktok-shop.md §3)

/** Where a fetch stands: which status pass, and the mall's next_page_token within it. */
const CursorSchema = z.object({ pass: z.number().int().min(0), pageToken: z.string() });
type Cursor = z.infer<typeof CursorSchema>;

interface Pass {
  /** null: every status at once (incremental windows), sorted out per order */
  status: string | null;
  /** true: only status updates for rows already in the sheet (cancellations of orders fetched earlier) */
  updatesOnly: boolean;
}

/**
 * One step = one page of Search Orders (passes: passesFor). A CANCELLED pass (as updates only) runs when
 * the shop does not fetch cancelled orders: an order cancelled after it was imported must still turn its
 * rows キャンセル (docs/contract.md §3).
 */
export function fetchStep(client: TikTokClient, ctx: ShopContext, req: FetchRequest): FetchStep {
  const passes: Pass[] = passesFor(req);
  const parsedCursor = CursorSchema.safeParse(req.cursor);
  const cursor: Cursor = parsedCursor.success ? parsedCursor.data : { pass: 0, pageToken: '' };
  const pass = passes[cursor.pass];
  if (!pass) return { lines: [], cursor: null };

  // incremental sync reads by update time (docs/malls/tiktok-shop.md §3 "Incremental sync"); the page token belongs to its sort field
  const field = req.by === 'updated' ? 'update_time' : 'create_time';
  const query: Record<string, string> = { page_size: String(PAGE_SIZE), sort_field: field, sort_order: 'ASC' };
  if (cursor.pageToken) query.page_token = cursor.pageToken;
  // filters go in the JSON body as integers (docs/malls/tiktok-shop.md §3, pitfall 2); [from, to) in whole seconds
  const body: Record<string, string | number> = {
    [`${field}_ge`]: Math.ceil(req.from / 1000),
    [`${field}_lt`]: Math.ceil(req.to / 1000),
  };
  if (pass.status !== null) body.order_status = pass.status;
  if (req.by === 'updated' && req.createdFrom !== undefined) body.create_time_ge = Math.ceil(req.createdFrom / 1000);
  const data = client.data('orders.search', 'post', '/order/202309/orders/search', SearchOrdersDataSchema, {
    query,
    body,
  });

  const lines: OrderLine[] = [];
  const updates: LineStatusUpdate[] = [];
  const notices: string[] = [];
  for (const raw of data.orders) {
    const order = OrderSchema.safeParse(raw);
    if (!order.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      notices.push(ctx.t('tiktok.fetch.badOrder', { order: String(id ?? '?'), detail: issueText(order.error) }));
      continue;
    }
    const mapped = orderToLines(order.data as TikTokOrder);
    const wanted = pass.status !== null || req.statuses.includes(order.data.status);
    // of the statuses not fetched, only a cancellation matters (rows fetched earlier turn キャンセル)
    if (!wanted && order.data.status !== CANCELLED) continue;
    if (pass.updatesOnly || !wanted)
      updates.push(
        ...mapped.map(({ orderId, lineId, mallStatus, cancelled }) => ({ orderId, lineId, mallStatus, cancelled })),
      );
    else lines.push(...mapped);
  }
  const next: Cursor | null = data.next_page_token
    ? { pass: cursor.pass, pageToken: data.next_page_token }
    : cursor.pass + 1 < passes.length
      ? { pass: cursor.pass + 1, pageToken: '' }
      : null;
  return { lines, updates, cursor: next, notices };
}

/**
 * Search Orders takes one order_status, so a full window is one pass per status, then a CANCELLED pass.
 * An incremental window (by update time) holds few orders: one pass without order_status, sorted out
 * per order, tells an empty poll that nothing changed with a single call (docs/malls/tiktok-shop.md §3).
 */
function passesFor(req: FetchRequest): Pass[] {
  if (req.by === 'updated') return [{ status: null, updatesOnly: false }];
  const passes: Pass[] = req.statuses.map((status) => ({ status, updatesOnly: false }));
  if (!req.statuses.includes(CANCELLED)) passes.push({ status: CANCELLED, updatesOnly: true });
  return passes;
}

function issueText(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.join('.')}: ${i.message}` : '';
}
