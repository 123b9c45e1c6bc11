import { z } from 'zod';
import type { MallConnector } from '../connector';

// Placeholder until the qoo10 issue lands: fetches nothing, exports nothing.
export const qoo10Connector: MallConnector = {
  id: 'qoo10',
  label: 'Qoo10',
  credentialFields: [],
  credentialsSchema: z.record(z.string(), z.string()),
  statuses: ['AWAITING_PAYMENT', 'SHIPPING_REQUESTED', 'SELLER_CONFIRMED', 'ON_DELIVERY', 'DELIVERED'],
  defaultStatuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'],
  carrierKey: 'qoo10',
  fetch: () => ({ lines: [], cursor: null }),
  exportOrders: () => [],
  check: () => [],
  isCancelledStatus: () => false,
  normalizeTracking: (t) => t,
};
