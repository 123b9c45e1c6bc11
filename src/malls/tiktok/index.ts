import { z } from 'zod';
import type { MallConnector, ShopContext } from '../../engine/connector';
import { TikTokClient, type TikTokCredentials } from './client';
import { fetchStep } from './fetch';
import { exportOrders } from './export';
import { checkShop } from './check';
import { TikTokApiError } from './errors';
import { CANCELLED } from './mapping';

const STATUSES = ['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED', 'CANCELLED'] as const;

const nonEmpty = z.string().trim().min(1);
const CredentialsSchema = z.object({
  appKey: nonEmpty,
  appSecret: nonEmpty,
  refreshToken: nonEmpty,
  accessToken: z.string().trim().optional(),
  shopCipher: z.string().trim().optional(),
});

/** One client per shop run, so the token and shop cipher are looked up once, not once per fetch step. */
const clients = new WeakMap<ShopContext, TikTokClient>();

function client(ctx: ShopContext): TikTokClient {
  let c = clients.get(ctx);
  if (!c) {
    // the engine validates shop.credentials with credentialsSchema first; this only guards direct callers
    const parsed = CredentialsSchema.safeParse(ctx.shop.credentials);
    if (!parsed.success) throw new TikTokApiError(ctx.t('tiktok.credentials', { field: String(parsed.error.issues[0]?.path[0] ?? '') }), -1);
    const v = parsed.data;
    const creds: TikTokCredentials = { ...v, accessToken: v.accessToken || undefined, shopCipher: v.shopCipher || undefined };
    clients.set(ctx, (c = new TikTokClient(ctx, creds)));
  }
  return c;
}

/** TikTok Shop Partner API 202309 (docs/malls/tiktok-shop.md), seller-shipped JP orders. */
export const tiktokConnector: MallConnector = {
  id: 'tiktok',
  label: 'TikTok Shop',
  credentialFields: [
    { key: 'appKey', secret: false, required: true },
    { key: 'appSecret', secret: true, required: true },
    { key: 'refreshToken', secret: true, required: true },
    { key: 'accessToken', secret: true, required: false },
    { key: 'shopCipher', secret: false, required: false },
  ],
  credentialsSchema: CredentialsSchema,
  statuses: STATUSES,
  defaultStatuses: ['ON_HOLD', 'AWAITING_SHIPMENT'],
  carrierKey: 'tiktok',
  // Search Orders filters and sorts by update_time (docs/malls/tiktok-shop.md §3): incremental sync between full windows
  fetchesByUpdate: true,
  fetch: (ctx, req) => {
    const c = client(ctx);
    return fetchStep(c, req, (id, detail) => ctx.t('tiktok.fetch.badOrder', { order: id, detail }));
  },
  exportOrders: (ctx, orders, opts) => exportOrders(client(ctx), ctx, orders, opts.dryRun),
  check: (ctx, carriers) => checkShop(client(ctx), ctx, STATUSES, carriers),
  isCancelledStatus: (s) => s === CANCELLED,
  // JP tracking numbers are often written 1234-5678-9012; the mall rejects special characters (21004012)
  normalizeTracking: (t) => t.replace(/[-\s]/g, ''),
};
