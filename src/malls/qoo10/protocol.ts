import { z } from 'zod';

/** QAPI protocol facts (docs/malls/qoo10.md §1): one host, path-style method names, form-encoded POST. */

export const QOO10_HOST = 'https://api.qoo10.jp';
export const QAPI_PATH = '/GMKT.INC.Front.QAPIService/ebayjapan.qapi/';
/** every ShippingBasic and Certification method here is version 1.0 (§1 Headers) */
export const QAPI_VERSION = '1.0';
export const KEY_HEADER = 'GiosisCertificationKey';

export const METHODS = {
  createKey: 'CertificationAPI.CreateCertificationKey',
  shippingInfo: 'ShippingBasic.GetShippingInfo_v3',
  claimInfo: 'ShippingBasic.GetClaimInfo_V3',
  orderInfo: 'ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2',
  setSending: 'ShippingBasic.SetSendingInfo',
} as const;

/** ClaimStat values polled for cancellations (§3 Cancellations): request, in progress, done, unpaid cancel. */
export const CANCEL_CLAIM_STATS = ['1', '2', '3', '16'] as const;
/** the claim states in which the line is cancelled for good */
export const FINAL_CANCEL_STATS: ReadonlySet<string> = new Set(['3', '16']);

/** A wrong or expired key, in the ErrorCode envelope at HTTP 200, worded "no such API" (docs/malls/qoo10.md §1). */
export const KEY_REJECTED = -90001;

/** ResultCodes after which a fresh seller auth key is issued and the call retried once (§2, §6.10). */
export const REISSUE_CODES: ReadonlySet<number> = new Set([-10000, -90004, -90005]);

/** The seller auth key lasts one year (§2 Lifetime); re-issue after ~11 months to stay clear of it. */
export const KEY_LIFETIME_MS = 365 * 86_400_000;
export const KEY_REFRESH_AFTER_MS = 334 * 86_400_000;

/**
 * At most 90 days per search (docs/malls/qoo10.md §3); clients that hit the cap use 89-day windows, which stay
 * within 90 calendar days however the bounds fall within their days.
 */
export const MAX_WINDOW_MS = 89 * 86_400_000;

/** ~300 ms between calls is the known-safe practice (§5 Rate limits). */
export const MIN_INTERVAL_MS = 300;

const Code = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);

/**
 * Both envelopes (§1 Response envelope): {ResultCode, ResultMsg, ResultObject} and the auth-level
 * {ErrorCode, ErrorMsg}. ResultCode may arrive as a numeric string.
 */
const ResultEnvelope = z.object({
  ResultCode: Code,
  ResultMsg: z.string().nullish(),
  ResultObject: z.unknown().optional(),
});
const ErrorEnvelope = z.object({ ErrorCode: Code, ErrorMsg: z.string().nullish() });

export interface Envelope {
  /** 'error' = the ErrorCode/ErrorMsg form */
  form: 'result' | 'error';
  code: number;
  msg: string;
  obj: unknown;
}

export function readEnvelope(body: unknown): Envelope | null {
  const r = ResultEnvelope.safeParse(body);
  if (r.success)
    return { form: 'result', code: r.data.ResultCode, msg: r.data.ResultMsg ?? '', obj: r.data.ResultObject ?? null };
  const e = ErrorEnvelope.safeParse(body);
  if (e.success) return { form: 'error', code: e.data.ErrorCode, msg: e.data.ErrorMsg ?? '', obj: null };
  return null;
}

/** ResultObject may be null, one object or an array (§1): always a list. */
export function asRows(obj: unknown): unknown[] {
  return Array.isArray(obj) ? obj : obj === null || obj === undefined || obj === '' ? [] : [obj];
}

/** Form body, UTF-8 percent-encoded (§5 Encoding). */
export function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}
