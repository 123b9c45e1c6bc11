/** Spec §3.1: parentOrderStatus / orderStatus values and the docs/contract.md §4 names users pick from. */
export const TEMU_STATUS_CODES = {
  PENDING: 1,
  UN_SHIPPING: 2,
  CANCELED: 3,
  SHIPPED: 4,
  RECEIPTED: 5,
  PARTIALLY_SHIPPED: 41,
  PARTIALLY_RECEIPTED: 51,
} as const;

export type TemuStatusName = keyof typeof TEMU_STATUS_CODES;
export const TEMU_STATUS_NAMES = Object.keys(TEMU_STATUS_CODES) as TemuStatusName[];
export const CANCELED_CODE = TEMU_STATUS_CODES.CANCELED;

export function isTemuStatusName(s: string): s is TemuStatusName {
  return Object.hasOwn(TEMU_STATUS_CODES, s);
}

/** The モールステータス label: the native name, or the raw code for a value the spec does not list. */
export function statusLabel(code: number): string {
  return TEMU_STATUS_NAMES.find((n) => TEMU_STATUS_CODES[n] === code) ?? String(code);
}
