import { z } from 'zod';
import type { MallConnector } from '../connector';

// Placeholder until the temu issue lands: fetches nothing, exports nothing.
export const temuConnector: MallConnector = {
  id: 'temu',
  label: 'Temu',
  credentialFields: [],
  credentialsSchema: z.record(z.string(), z.string()),
  statuses: ['PENDING', 'UN_SHIPPING', 'CANCELED', 'SHIPPED', 'RECEIPTED', 'PARTIALLY_SHIPPED', 'PARTIALLY_RECEIPTED'],
  defaultStatuses: ['UN_SHIPPING'],
  carrierKey: 'temu',
  fetch: () => ({ lines: [], cursor: null }),
  exportOrders: () => [],
  check: () => [],
  isCancelledStatus: () => false,
  normalizeTracking: (t) => t,
};
