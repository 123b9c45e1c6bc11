import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "Already shipped" and its kin (docs/malls/tiktok-shop.md §4.5): success with a note. */
export const ALREADY_SHIPPED_CODES: ReadonlySet<number> = new Set([
  21008099, 11006021, 21011040, 21011006, 21011020, 21042056, 21008042, 21022025,
]);

/** Access token expired (docs/malls/tiktok-shop.md §5): refresh, then retry once. */
export const TOKEN_EXPIRED = 105002;

/** Transient answers, even on HTTP 200 (docs/malls/tiktok-shop.md §5): too many requests, internal error, timeout. */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([36009002, 36009003, 36009007]);

/** The mall's codes that have a readable explanation (docs/malls/tiktok-shop.md §4.5 and §5). */
const KEY_BY_CODE = new Map<number, MessageKey>(
  (
    [
      [[21011041, 21011042, 25001010], 'tiktok.err.cancelled'],
      [[21011007, 21008044], 'tiktok.err.afterSale'],
      [[10007002], 'tiktok.err.statusNoUpdate'],
      [[21011044], 'tiktok.err.onHold'],
      [[21011022], 'tiktok.err.invalidTrackingOrProvider'],
      [[11028006, 21004015], 'tiktok.err.trackingProviderMismatch'],
      [[21004012], 'tiktok.err.trackingChars'],
      [[21011025, 21034012, 21011026], 'tiktok.err.duplicateTracking'],
      [[21011048], 'tiktok.err.specifyItems'],
      [[21008025, 21008117], 'tiktok.err.fulfilledByTikTok'],
      [[21008116], 'tiktok.err.noSubscription'],
      [[21008106], 'tiktok.err.region'],
      [[21011043], 'tiktok.err.notShippedYet'],
      [[21011049, 21011050, 21011051, 21011052], 'tiktok.err.updateLimit'],
      [[105002], 'tiktok.err.tokenExpired'],
      [[105005], 'tiktok.err.scope'],
      [[101000], 'tiktok.err.shopMismatch'],
      [[106001], 'tiktok.err.sign'],
      [[106013], 'tiktok.err.missingCipher'],
      [[36009033], 'tiktok.err.ipAllowList'],
      [[36009002, 36009003, 36009007], 'tiktok.err.busy'],
    ] as [number[], MessageKey][]
  ).flatMap(([codes, key]) => codes.map((c) => [c, key] as [number, MessageKey])),
);

/** A readable sentence for a mall answer, always showing the mall's code (and its text when we have no better). */
export function describeCode(t: T, code: number, mallMessage: string): string {
  const key = KEY_BY_CODE.get(code);
  const text = key ? t(key) : t('tiktok.err.generic', { message: mallMessage || '-' });
  return `${text} (TikTok ${code})`;
}

/** A non-zero answer of the Open API or the auth host; `message` is already readable. */
export class TikTokApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'TikTokApiError';
  }
}
