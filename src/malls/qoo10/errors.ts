import type { ShopContext } from '../../engine/connector';
import type { MessageKey } from '../../i18n';
import { METHODS } from './protocol';

/** A Qoo10 failure whose message is already readable in the run's language; code is Qoo10's when it gave one. */
export class Qoo10Error extends Error {
  constructor(
    message: string,
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'Qoo10Error';
  }
}

/** Codes are per method (docs/malls/qoo10.md §5 Error-code catalogue): the meaning depends on who answered. */
const COMMON: Record<number, MessageKey> = {
  [-10000]: 'qoo10.err.sakInvalid',
  // a wrong or expired key, for methods that exist (docs/malls/qoo10.md §2): never "this API does not exist"
  [-90001]: 'qoo10.err.keyRejected',
  [-90002]: 'qoo10.err.notAuthorized',
  [-90003]: 'qoo10.err.notAuthorized',
  [-90004]: 'qoo10.err.sakExpired',
  [-90005]: 'qoo10.err.sakExpired',
};

/** §3 / S7: the search methods */
const SEARCH: Record<number, MessageKey> = {
  [-10001]: 'qoo10.err.sellerNotFound',
  [-10002]: 'qoo10.err.dateError',
  [-10003]: 'qoo10.err.rangeTooLong',
};

/** §4 Result codes for SetSendingInfo */
const SENDING: Record<number, MessageKey> = {
  [-10001]: 'qoo10.err.orderNoFormat',
  [-10002]: 'qoo10.err.corpMissing',
  [-10003]: 'qoo10.err.trackingMissing',
  [-10004]: 'qoo10.err.notYourOrder',
  [-10005]: 'qoo10.err.customerNoFormat',
  [-10010]: 'qoo10.err.updateFailed',
  [-10100]: 'qoo10.err.updateFailed',
};

const BY_METHOD: Record<string, Record<number, MessageKey>> = {
  [METHODS.shippingInfo]: SEARCH,
  [METHODS.claimInfo]: SEARCH,
  [METHODS.setSending]: SENDING,
};

/** "Qoo10 エラー -10003: 伝票番号 (TrackingNo) がありません"; an unknown code shows Qoo10's own message. */
export function resultMessage(ctx: ShopContext, method: string, code: number, mallMsg: string): string {
  const key = BY_METHOD[method]?.[code] ?? COMMON[code];
  const detail = key ? ctx.t(key, { shop: ctx.shop.name }) : mallMsg.trim() || '?';
  return ctx.t('qoo10.error', { code, detail });
}
