import { z } from 'zod';
import type { MallConnector } from '../connector';

// Placeholder until the tiktok issue lands: fetches nothing, exports nothing.
export const tiktokConnector: MallConnector = {
  id: 'tiktok',
  label: 'TikTok Shop',
  credentialFields: [],
  credentialsSchema: z.record(z.string(), z.string()),
  statuses: ['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED', 'CANCELLED'],
  defaultStatuses: ['AWAITING_SHIPMENT'],
  carrierKey: 'tiktok',
  fetch: () => ({ lines: [], cursor: null }),
  exportOrders: () => [],
  check: () => [],
  isCancelledStatus: () => false,
  normalizeTracking: (t) => t,
};
