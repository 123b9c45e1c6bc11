import { z } from 'zod';
import type {
  CheckLine,
  ExportOrder,
  FetchRequest,
  FetchStep,
  LineOutcome,
  MallConnector,
  ShopContext,
} from '../../src/engine/connector';
import type { VirtualClock } from '../../src/engine/memory-ports';
import type { OrderLine } from '../../src/engine/order-line';

/** Fake malls for engine tests: lines by the page, outcomes and check lines as a test wants them. */

/** A secret no message, cell or log line may ever show. */
export const SECRET = 'sk-TOP-SECRET-0123456789';

export function line(orderId: string, lineId = `${orderId}-1`, extra: Partial<OrderLine> = {}): OrderLine {
  return {
    orderId,
    lineId,
    mallStatus: 'NEW',
    cancelled: false,
    hold: false,
    orderedAt: Date.UTC(2026, 10, 20),
    shipBy: null,
    item: 'Item',
    sku: 'SKU-1',
    variant: '',
    qty: 1,
    unitPrice: 100,
    amount: 100,
    currency: 'JPY',
    recipient: 'Buyer',
    postalCode: '0123456',
    // each order its own recipient by default, so only a test that asks for it gets a 同梱 group
    address: `Tokyo ${orderId}`,
    phone: '0312345678',
    ...extra,
  };
}

export interface FakeBehaviour {
  /** pages the fetch returns, one per step */
  pages: unknown[][];
  /** thrown by fetch (at the given page index, default 0) */
  fail?: { error: Error; atPage?: number };
  /** ms the clock advances per fetch step */
  stepMs?: number;
  outcome?: (key: string, dryRun: boolean) => LineOutcome;
  checkLines?: CheckLine[];
  expiresAt?: number;
  /** runs at the start of every fetch step (e.g. to store a token as a real connector would) */
  onFetch?: (ctx: ShopContext) => void;
}

/** A tiny mall: pages of lines addressed by a numeric cursor, and an export that records what it was sent. */
export function fakeConnector(id: string, clock: VirtualClock, behaviour: FakeBehaviour) {
  const calls = { fetch: [] as FetchRequest[], exported: [] as ExportOrder[][], dryRuns: 0, checks: 0 };
  const connector: MallConnector = {
    id,
    label: `Fake ${id}`,
    credentialFields: [
      { key: 'apiKey', secret: true, required: true },
      { key: 'userId', secret: false, required: false },
    ],
    credentialsSchema: z.object({ apiKey: z.string().min(8), userId: z.string().optional() }),
    statuses: ['NEW', 'SHIPPED', 'CANCELLED'],
    defaultStatuses: ['NEW'],
    carrierKey: id,
    officialHosts: [`https://api.${id}.example`],
    fetch(ctx: ShopContext, req: FetchRequest): FetchStep {
      calls.fetch.push(req);
      behaviour.onFetch?.(ctx);
      const page = req.cursor === null ? 0 : (req.cursor as number);
      clock.advance(behaviour.stepMs ?? 1000);
      if (behaviour.expiresAt !== undefined) ctx.setExpiry(behaviour.expiresAt);
      if (behaviour.fail && page === (behaviour.fail.atPage ?? 0)) throw behaviour.fail.error;
      const lines = (behaviour.pages[page] ?? []) as OrderLine[];
      return { lines, cursor: page + 1 < behaviour.pages.length ? page + 1 : null };
    },
    exportOrders(_ctx, orders, { dryRun }): LineOutcome[] {
      if (dryRun) calls.dryRuns++;
      else calls.exported.push(orders);
      const out: LineOutcome[] = [];
      for (const o of orders)
        for (const l of o.lines)
          if (l.ready)
            out.push(
              behaviour.outcome?.(l.key, dryRun) ??
                (dryRun
                  ? { key: l.key, kind: 'preview', message: `${o.orderId} ${l.tracking}` }
                  : { key: l.key, kind: 'ok' }),
            );
      return out;
    },
    check(ctx): CheckLine[] {
      calls.checks++;
      if (behaviour.expiresAt !== undefined) ctx.setExpiry(behaviour.expiresAt);
      return behaviour.checkLines ?? [{ id: 'auth', ok: true, message: 'OK' }];
    },
    isCancelledStatus: (s) => s === 'CANCELLED',
    normalizeTracking: (t) => t.replace(/-/g, ''),
  };
  return { connector, calls };
}

export function shopConfig(name: string, mall: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    mall,
    credentials: { apiKey: SECRET, userId: 'seller-1' },
    fetch: { statuses: ['NEW'], days: 7 },
    autoFetchMinutes: 30,
    defaultCarrier: 'ヤマト運輸',
    ...extra,
  };
}

export const CARRIERS = [{ name: 'ヤマト運輸', a: 'Yamato', b: 'Yamato' }];
