/** Search Orders' order_status values (docs/malls/tiktok-shop.md §3), the names users pick from (docs/contract.md §4). */
export const TIKTOK_STATUS_NAMES = [
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
] as const;
