import type { CryptoPort } from '../../ports';

/** Query values as sent: arrays are joined with ',' before signing and sending (docs/malls/tiktok-shop.md §2.2 step 1). */
export type Query = Record<string, string>;

/**
 * Spec §2.2: path + sorted `{key}{value}` pairs (no sign, no access_token; raw, un-encoded values) + the
 * exact body string sent (none for GET).
 */
export function stringToSign(path: string, query: Query, body: string): string {
  const keys = Object.keys(query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return path + keys.map((k) => k + query[k]).join('') + body;
}

/** HMAC-SHA256 keyed by the app secret over secret + string + secret, lowercase hex (docs/malls/tiktok-shop.md §2.2 steps 6–8). */
export function signRequest(crypto: CryptoPort, appSecret: string, path: string, query: Query, body: string): string {
  return crypto.hmacSha256Hex(appSecret, appSecret + stringToSign(path, query, body) + appSecret).toLowerCase();
}

/** Query string with every key and value percent-encoded (page tokens carry '+' and '/', docs/malls/tiktok-shop.md §2.3 note). */
export function encodeQuery(query: Query): string {
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}
