/**
 * Temu request signing, docs/malls/temu.md §6.3: one flat params object, keys sorted, `key + value` concatenated
 * (strings raw without quotes, everything else compact JSON in the object's own key order), app_secret at
 * both ends, MD5 over the UTF-8 bytes, upper-case hex. The body sent is JSON.stringify of the same object.
 */

/** The string between the two app_secret copies. */
export function signingString(params: Record<string, unknown>): string {
  return Object.keys(params)
    .sort()
    .map((k) => k + encodeValue(params[k]))
    .join('');
}

/** Strings keep JSON escapes but lose their quotes (the official Postman script); the rest is compact JSON. */
function encodeValue(v: unknown): string {
  const s = JSON.stringify(v);
  return typeof v === 'string' ? s.slice(1, -1) : s;
}

export function signParams(params: Record<string, unknown>, appSecret: string, md5Hex: (s: string) => string): string {
  return md5Hex(appSecret + signingString(params) + appSecret).toUpperCase();
}

/** Spec §6.3 step 1: null/undefined and empty strings are not sent (their handling is unverified). */
export function withoutEmpty(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}
