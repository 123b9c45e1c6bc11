/** docs/contract.md §4 status names → the ShippingStatus digit (§3). */
export const STATUS_CODES = {
  AWAITING_PAYMENT: '1',
  SHIPPING_REQUESTED: '2',
  SELLER_CONFIRMED: '3',
  ON_DELIVERY: '4',
  DELIVERED: '5',
} as const;
export type Qoo10Status = keyof typeof STATUS_CODES;
export const STATUS_NAMES = Object.keys(STATUS_CODES) as Qoo10Status[];
