import { z } from 'zod';
import type { MallConnector, ShopContext } from '../../engine/connector';
import { checkShop } from './check';
import { Qoo10Client } from './client';
import { Qoo10Error } from './errors';
import { exportOrders } from './export';
import { fetchStep } from './fetch';
import { CANCELLED_LABELS } from './mapping';
import { STATUS_NAMES } from './protocol';

/** docs/contract.md §4 qoo10 credentials: the QSM API key plus the QSM login that issues the seller auth key. */
const CredentialsSchema = z.object({
  apiKey: z.string().trim().min(1),
  userId: z.string().trim().min(1),
  password: z.string().min(1),
});

/** One client per shop run, so the seller auth key is read from properties once, not once per step. */
const clients = new WeakMap<ShopContext, Qoo10Client>();

function clientFor(ctx: ShopContext): Qoo10Client {
  const known = clients.get(ctx);
  if (known) return known;
  const creds = CredentialsSchema.safeParse(ctx.shop.credentials);
  if (!creds.success) {
    const field = String(creds.error.issues[0]?.path[0] ?? 'credentials');
    throw new Qoo10Error(ctx.t('qoo10.err.credentials', { shop: ctx.shop.name, field }));
  }
  const client = new Qoo10Client(ctx, creds.data);
  clients.set(ctx, client);
  return client;
}

export const qoo10Connector: MallConnector = {
  id: 'qoo10',
  label: 'Qoo10',
  credentialFields: [
    { key: 'apiKey', secret: true, required: true },
    { key: 'userId', secret: false, required: true },
    { key: 'password', secret: true, required: true },
  ],
  credentialsSchema: CredentialsSchema,
  statuses: STATUS_NAMES,
  // 配送要請 and 配送準備 are the ship-ready states; 配送待ち is awaiting payment (docs/malls/qoo10.md §3, §6)
  defaultStatuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'],
  carrierKey: 'qoo10',
  // GetShippingInfo_v3 searches by order, payment, shipping or delivery date only (docs/malls/qoo10.md §3): every
  // fetch reads its created window, and cancellations come from the claims calls by their own dates
  fetchesByUpdate: false,
  fetch: (ctx, req) => fetchStep(ctx, clientFor(ctx), req),
  exportOrders: (ctx, orders, opts) => exportOrders(ctx, () => clientFor(ctx), orders, opts.dryRun),
  check: (ctx, carriers) => checkShop(ctx, () => clientFor(ctx), carriers),
  isCancelledStatus: (mallStatus) => CANCELLED_LABELS.has(mallStatus.trim()),
  // carriers print numbers with hyphens (1234-5678-9012); Qoo10's examples carry none (§4 TrackingNo)
  normalizeTracking: (tracking) => tracking.replace(/-/g, ''),
};
