import { defineConnector } from '../shared/define-connector';
import { checkShop } from './check';
import { API_HOST, AUTH_HOST, TikTokClient } from './client';
import { TIKTOK_CREDENTIAL_FIELDS, TikTokCredentialsSchema } from './credentials';
import { exportOrders } from './export';
import { fetchStep } from './fetch';
import { CANCELLED } from './mapping';
import { TIKTOK_STATUS_NAMES } from './statuses';

/** TikTok Shop Partner API 202309 (docs/malls/tiktok-shop.md), seller-shipped JP orders. */
export const tiktokConnector = defineConnector({
  id: 'tiktok',
  label: 'TikTok Shop',
  credentials: {
    fields: TIKTOK_CREDENTIAL_FIELDS,
    schema: TikTokCredentialsSchema,
    invalid: (ctx, field) => ctx.t('tiktok.credentials', { field }),
  },
  statuses: TIKTOK_STATUS_NAMES,
  defaultStatuses: ['ON_HOLD', 'AWAITING_SHIPMENT'],
  carrierKey: 'tiktok',
  officialHosts: [API_HOST, AUTH_HOST],
  // Search Orders filters and sorts by update_time (docs/malls/tiktok-shop.md §3): incremental sync between full windows
  fetchesByUpdate: true,
  // one client per shop run, so the token and shop cipher are looked up once, not once per fetch step
  createClient: (ctx, v) =>
    new TikTokClient(ctx, { ...v, accessToken: v.accessToken || undefined, shopCipher: v.shopCipher || undefined }),
  fetch: fetchStep,
  exportOrders,
  check: checkShop,
  isCancelledStatus: (s) => s === CANCELLED,
  // JP consolidation: one tracking number for up to 20 orders of one recipient (docs/malls/tiktok-shop.md §4.2)
  maxOrdersPerTracking: 20,
  // JP tracking numbers are often written 1234-5678-9012; the mall rejects special characters (21004012)
  normalizeTracking: (t) => t.replace(/[-\s]/g, ''),
});
