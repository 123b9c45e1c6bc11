import type { MessageKey } from '../../i18n';

/**
 * Temu answer codes (docs/malls/temu.md §5 gateway errors, §1.3 v2.confirm errors, §3 order errors) and what they mean
 * for us: which are transient (retried by MallHttp), which stop the whole shop, and each one's message.
 */

export const SUCCESS_CODE = 1000000;

/** Spec §5: 4000004 rate limit, 4000000 system exception; §1.3: 120014006 system abnormality. */
export const RETRY_CODES: ReadonlySet<number> = new Set([4000004, 4000000, 120014006]);

export const ALREADY_SHIPPED = 120012004;

/**
 * Gateway answers (docs/malls/temu.md §5): every later call of this shop would fail the same way, so the
 * shop stops for this run. Includes the app key / token that does not exist, a suspended app, and the
 * missing-field codes (a body the gateway cannot read at all).
 */
export const SHOP_FATAL_CODES: ReadonlySet<number> = new Set([
  3000001, 3000002, 3000010, 3000011, 3000012, 3000013, 3000019, 3000020, 3000021, 3000022, 3000025, 3000026, 3000028,
  3000030, 3000031, 3000033, 3000034, 3000040, 5000000, 5000003, 120011072, 140020001,
]);

/**
 * No permission for this API (docs/malls/temu.md §5): 3000027/3000032 for the app key or the token,
 * 3000021 for the app. For the optional amount query this only leaves prices blank.
 */
export const NO_PERMISSION_CODES: ReadonlySet<number> = new Set([3000021, 3000027, 3000032]);

const GROUPS: ReadonlyArray<readonly [MessageKey, readonly number[]]> = [
  ['temu.err.sign', [3000001]],
  ['temu.err.timestamp', [3000011, 3000012]],
  ['temu.err.appKeyUnknown', [3000020, 3000026]],
  ['temu.err.tokenUnknown', [3000031]],
  ['temu.err.appNoPermission', [3000021]],
  ['temu.err.appSuspended', [3000022, 3000028]],
  ['temu.err.missingField', [3000002, 3000010, 3000013, 3000019, 3000025, 3000030, 3000040]],
  ['temu.err.tokenExpired', [3000034]],
  ['temu.err.tokenMismatch', [3000033, 5000000]],
  ['temu.err.ipWhitelist', [5000003]],
  ['temu.err.noPermission', [3000027, 3000032]],
  ['temu.err.typeUnknown', [3000003, 3000004]],
  ['temu.err.rateLimit', [4000004]],
  ['temu.err.system', [4000000, 120014006, 7000000]],
  ['temu.err.crossBorder', [140020001]],
  ['temu.err.wrongRegion', [120011072]],
  ['temu.err.alreadyShipped', [120012004]],
  ['temu.err.trackingReused', [120014003, 120014004, 120012041]],
  ['temu.err.trackingInvalid', [120014001, 120014023, 120014005, 120014008, 120014019]],
  ['temu.err.trackingSymbols', [120014020]],
  ['temu.err.carrier', [120014022, 120015037, 120015002]],
  ['temu.err.warehouse', [120015527, 120011085, 120011086, 120012063, 120012064, 120011006, 120011011]],
  ['temu.err.orderBlocked', [120012023, 120012030, 120017007, 120012031]],
  ['temu.err.orderInvalid', [120012007, 120012016]],
  [
    'temu.err.selfShipRestricted',
    [120012034, 120011091, 120011059, 120011092, 120011114, 120012035, 120015528, 120015537, 120015530, 180020030],
  ],
  ['temu.err.onlineBookingOnly', [120012076]],
  ['temu.err.coopWarehouse', [120011030]],
  ['temu.err.agreement', [120011031]],
  ['temu.err.shipFromAddress', [120011065]],
  ['temu.err.carrierRequired', [120015026, 120015030, 120015050]],
  ['temu.err.advanceSaleWarehouse', [120015531]],
  ['temu.err.bcOrder', [120018021]],
  ['temu.err.subMall', [120018069]],
  ['temu.err.editNotAllowed', [120015529, 120018049]],
  ['temu.err.packageInvalid', [120018027, 120018010, 120018015]],
  ['temu.err.merge', [120012015, 120015518, 120015543, 120015539]],
  ['temu.err.address', [180020001, 180020008]],
];

const KEY_BY_CODE = new Map<number, MessageKey>(GROUPS.flatMap(([key, codes]) => codes.map((c) => [c, key] as const)));

/** The message key for a Temu code; unknown codes use a generic message that shows Temu's own text. */
export function messageKeyFor(code: number): MessageKey {
  return KEY_BY_CODE.get(code) ?? 'temu.err.other';
}
