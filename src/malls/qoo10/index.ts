import { defineConnector } from '../shared/define-connector';
import { checkShop } from './check';
import { Qoo10Client } from './client';
import { QOO10_CREDENTIAL_FIELDS, Qoo10CredentialsSchema } from './credentials';
import { exportOrders } from './export';
import { fetchStep } from './fetch';
import { CANCELLED_LABELS, PENDING_CANCEL_LABELS } from './mapping';
import { STATUS_NAMES } from './statuses';

/** Qoo10 QSM API (docs/malls/qoo10.md): one client per shop run, so the seller auth key is read once. */
export const qoo10Connector = defineConnector({
  id: 'qoo10',
  label: 'Qoo10',
  credentials: {
    fields: QOO10_CREDENTIAL_FIELDS,
    schema: Qoo10CredentialsSchema,
    invalid: (ctx, field) => ctx.t('qoo10.err.credentials', { shop: ctx.shop.name, field }),
  },
  statuses: STATUS_NAMES,
  // 配送要請 and 配送準備 are the ship-ready states; 配送待ち is awaiting payment (docs/malls/qoo10.md §3, §6)
  defaultStatuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'],
  carrierKey: 'qoo10',
  // GetShippingInfo_v3 searches by order, payment, shipping or delivery date only (docs/malls/qoo10.md §3): every
  // fetch reads its created window, and cancellations come from the claims calls by their own dates
  fetchesByUpdate: false,
  createClient: (ctx, credentials) => new Qoo10Client(ctx, credentials),
  fetch: fetchStep,
  exportOrders,
  check: checkShop,
  isCancelledStatus: (mallStatus) => CANCELLED_LABELS.has(mallStatus.trim()),
  isHeldStatus: (mallStatus) => PENDING_CANCEL_LABELS.has(mallStatus.trim()),
  // carriers print numbers with hyphens (1234-5678-9012); Qoo10's examples carry none (§4 TrackingNo)
  normalizeTracking: (tracking) => tracking.replace(/-/g, ''),
});
