import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The codes that mean the package is shipped (docs/malls/tiktok-shop.md §4.5). A platform label (21008042
 * printed, 21022025 purchased) is not among them: it says nothing of the seller's tracking number.
 */
export const ALREADY_SHIPPED_CODES: ReadonlySet<number> = new Set([
  21008099, 11006021, 21011040, 21011006, 21011020, 21042056,
]);

/** Access token expired (docs/malls/tiktok-shop.md §5): refresh, then retry once. */
export const TOKEN_EXPIRED = 105002;
/** Invalid request, among them an invalid (not expired) x-tts-access-token (§5): a stored token gets one refresh. */
export const INVALID_REQUEST = 36009004;
/** The auth host's "refresh token expired" and "authorisation not found" (§1.3): only re-authorising helps. */
export const REAUTHORIZE_CODES: ReadonlySet<number> = new Set([36004001, 36004005]);

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
      [[21011051], 'tiktok.err.updateOnce'],
      [[21011050], 'tiktok.err.updateWindow'],
      [[21011049, 21011052], 'tiktok.err.updateLimit'],
      [[21008042], 'tiktok.err.labelPrinted'],
      [[21022025], 'tiktok.err.labelPurchased'],
      [[36004001], 'tiktok.err.refreshExpired'],
      [[36004005], 'tiktok.err.authNotFound'],
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

/**
 * A readable sentence for a mall answer, always showing the mall's code (and its text when we have no better)
 * and the answer's request_id, which TikTok support asks for (docs/malls/tiktok-shop.md §5).
 */
export function describeCode(t: T, code: number, mallMessage: string, requestId?: string | null): string {
  const key = KEY_BY_CODE.get(code);
  const text = key ? t(key) : t('tiktok.err.generic', { message: mallMessage || '-' });
  return `${text} (TikTok ${code}${requestId ? `, request_id ${requestId}` : ''})`;
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
