import { defineConnector } from '../shared/define-connector';
import { checkShop } from './check';
import { TemuClient } from './client';
import { TEMU_CREDENTIAL_FIELDS, TemuCredentialsSchema } from './credentials';
import { exportOrders } from './export';
import { fetchStep } from './fetch';
import { TEMU_STATUS_NAMES } from './statuses';

/** Spec §1.3 120014020: Temu rejects symbols such as - % # in tracking numbers. */
export function normalizeTemuTracking(tracking: string): string {
  return tracking.replace(/[^0-9A-Za-z]/g, '');
}

const isCancelledStatus = (mallStatus: string) => mallStatus === 'CANCELED';

/** Temu Partner Platform Open API (local/SEMI stores, self-fulfilled orders): see spec temu.md. */
export const temuConnector = defineConnector({
  id: 'temu',
  label: 'Temu',
  credentials: {
    fields: TEMU_CREDENTIAL_FIELDS,
    schema: TemuCredentialsSchema,
    invalid: (ctx, field) => ctx.t('temu.err.credentials', { field }),
  },
  statuses: TEMU_STATUS_NAMES,
  // docs/malls/temu.md §3.2 Lifecycle: do not process PENDING orders; start at UN_SHIPPING
  defaultStatuses: ['UN_SHIPPING'],
  carrierKey: 'temu',
  // bg.order.list.v2.get filters by updateAtStart/updateAtEnd (docs/malls/temu.md §3.1): incremental sync between full windows
  fetchesByUpdate: true,
  createClient: (ctx, credentials) => new TemuClient(ctx, credentials),
  fetch: fetchStep,
  exportOrders: (client, ctx, orders, opts) =>
    exportOrders(client, ctx, orders, opts, { isCancelledStatus, normalizeTracking: normalizeTemuTracking }),
  check: checkShop,
  isCancelledStatus,
  normalizeTracking: normalizeTemuTracking,
});
