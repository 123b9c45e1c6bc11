import { nodeCrypto } from '../../node/crypto';
import type { SandboxRequest, SandboxResponse } from '../types';
import { TIKTOK_SANDBOX_APP } from './credentials';
import type { Shop, TikTokState } from './state';

/** The auth host's token refresh and the checks every Open API call passes (docs/malls/tiktok-shop.md §1, §2). */

const ACCESS_TTL_S = 7 * 86_400; // default lifetime (docs/malls/tiktok-shop.md §1.2); the client must read it, not assume it
const REFRESH_TTL_S = 365 * 86_400;
const SELLER_OPEN_ID = 'sbx-open-id';

/** What app-level calls (/authorization/*) are counted under: no shop. */
const APP_SCOPE: Shop = { id: 'app', name: '', cipher: '', code: '' };

export const REFRESH_PATH = '/api/v2/token/refresh';

/** GET /api/v2/token/refresh (docs/malls/tiktok-shop.md §1.2, §1.3). */
export function refresh(s: TikTokState, req: SandboxRequest): SandboxResponse {
  const q = req.query;
  if (q.app_key !== TIKTOK_SANDBOX_APP.appKey || q.app_secret !== TIKTOK_SANDBOX_APP.appSecret)
    return s.fail(36004004, 'app_key or app_secret is invalid');
  if (q.grant_type !== 'refresh_token') return s.fail(36004004, 'grant_type is invalid');
  // the seller's first refresh token (the one in the settings) never expires here; rotated ones carry their expiry
  const given = q.refresh_token ?? '';
  const first = given === TIKTOK_SANDBOX_APP.refreshToken;
  const claims = first ? null : s.mint.verify(given, 'refresh');
  // the auth host's codes seen in the wild (docs/malls/tiktok-shop.md §1.3): expired vs no authorization at all
  if (s.deauthorized || (!first && (!claims || claims.seller !== SELLER_OPEN_ID)))
    return s.fail(36004005, 'can not find related auth record');
  if (claims && claims.expiresAt <= s.nowS()) return s.fail(36004001, 'rt has expired');
  s.issued++;
  s.refreshes++;
  // whole ms: the claims schema wants an integer, and simulated clocks (bench cost model) run fractional
  const base = {
    app: TIKTOK_SANDBOX_APP.appKey,
    seller: SELLER_OPEN_ID,
    issuedAt: Math.floor(s.opts.now()),
    serial: s.issued,
  };
  const access = s.mint.issue({ ...base, kind: 'access', expiresAt: s.nowS() + ACCESS_TTL_S });
  // rotated; the old one keeps working until it expires (the spec leaves rotation open: store what comes back)
  const next = s.mint.issue({ ...base, kind: 'refresh', expiresAt: s.nowS() + REFRESH_TTL_S });
  if (s.expiredUpTo !== null) s.issuedSinceExpire.add(access);
  return s.ok({
    access_token: access,
    access_token_expire_in: s.nowS() + ACCESS_TTL_S,
    refresh_token: next,
    refresh_token_expire_in: s.nowS() + REFRESH_TTL_S,
    open_id: SELLER_OPEN_ID,
    seller_name: s.shops[0]?.name ?? '',
    seller_base_region: 'JP',
    user_type: 0,
    granted_scopes: ['seller.order.info', 'seller.fulfillment.basic', 'seller.logistics'],
  });
}

/**
 * The common checks every Open API call passes, in the order the spec lists them (§2.1, §2.2, §5): the shop
 * the call is for, or the refusal. `scoped`: /authorization/* must not carry shop_cipher, shop APIs must (§1.4).
 */
export function authenticate(s: TikTokState, req: SandboxRequest, scoped: boolean): SandboxResponse | Shop {
  const q = req.query;
  if (q.app_key !== TIKTOK_SANDBOX_APP.appKey) return s.fail(36009004, 'invalid app_key');
  if (!q.sign) return s.fail(36009004, 'missing sign');
  const ts = q.timestamp ?? '';
  if (!/^\d{10}$/.test(ts)) return s.fail(36009004, 'timestamp must be 10 digits of Unix seconds');
  const age = s.nowS() - Number(ts);
  if (age > 300) return s.fail(36009004, 'timestamp is older than 5 minutes');
  if (age < -30) return s.fail(36009004, 'timestamp is more than 30 seconds ahead');
  if (q.sign !== expectedSign(req)) return s.fail(106001, 'sign is invalid', 401);
  // required on every API, GET included (docs/malls/tiktok-shop.md §2.1)
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    return s.fail(36009022, 'content-type must be application/json');
  const token = req.headers['x-tts-access-token'] ?? '';
  const claims = s.mint.verify(token, 'access');
  if (s.deauthorized || !claims || claims.seller !== SELLER_OPEN_ID)
    return s.fail(36009004, 'invalid x-tts-access-token', 401);
  const expiredByControl =
    s.expiredUpTo !== null && claims.issuedAt <= s.expiredUpTo && !s.issuedSinceExpire.has(token);
  if (claims.expiresAt <= s.nowS() || expiredByControl) return s.fail(105002, 'access token is expired', 401);
  if (!scoped) return q.shop_cipher !== undefined ? s.fail(36009004, 'Unexpected identifier: shop_cipher') : APP_SCOPE;
  if (!q.shop_cipher) return s.fail(106013, 'Missing identifier: shop_cipher');
  const shop = s.shops.find((x) => x.cipher === q.shop_cipher);
  return shop ?? s.fail(101000, 'the token does not match the shop_cipher');
}

/** The sandbox's own implementation of docs/malls/tiktok-shop.md §2.2, kept apart from the connector's so each checks the other. */
function expectedSign(req: SandboxRequest): string {
  const pairs = Object.keys(req.query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${req.query[k]}`)
    .join('');
  const secret = TIKTOK_SANDBOX_APP.appSecret;
  return nodeCrypto.hmacSha256Hex(
    secret,
    `${secret}${req.path}${pairs}${req.method === 'GET' ? '' : req.body}${secret}`,
  );
}
