import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { nodeCrypto } from '../../node/crypto';

/**
 * Self-describing sandbox tokens: a real mall's tokens survive its restarts, so the sandbox must be able to verify
 * a token an earlier sandbox process issued without having kept it in memory. A token carries its kind, app,
 * seller, issue time and expiry, authenticated by an HMAC under a sandbox-private key derived from the app secret.
 */
const Claims = z.object({
  kind: z.enum(['access', 'refresh']),
  app: z.string(),
  /** the authorized seller (open_id): the token covers that seller's shops */
  seller: z.string(),
  /** epoch ms, for the 'expire' control's cutoff */
  issuedAt: z.number().int(),
  /** absolute Unix seconds, as the refresh answer reports it (docs/malls/tiktok-shop.md §6 pitfall 13) */
  expiresAt: z.number().int(),
  /** tells apart tokens issued in the same millisecond */
  serial: z.number().int(),
});
export type TokenClaims = z.infer<typeof Claims>;

const FORMAT = /^TTP_([A-Za-z0-9_-]+)\.([0-9a-f]{64})$/;

export interface TokenMint {
  issue(claims: TokenClaims): string;
  /** the claims of a token this app's sandbox issued, of this kind; null when forged, tampered or malformed */
  verify(token: string, kind: TokenClaims['kind']): TokenClaims | null;
}

export function tokenMint(appKey: string, appSecret: string): TokenMint {
  // derived, so the key itself never travels and differs from the signing secret
  const key = nodeCrypto.hmacSha256Hex(appSecret, 'mallsheet-sandbox/tiktok/token-key/v1');
  const mac = (payload: string) => nodeCrypto.hmacSha256Hex(key, payload);
  return {
    issue(claims) {
      const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
      return `TTP_${payload}.${mac(payload)}`;
    },
    verify(token, kind) {
      const m = FORMAT.exec(token);
      if (!m || !timingSafeEqual(Buffer.from(mac(m[1])), Buffer.from(m[2]))) return null;
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const claims = Claims.safeParse(raw);
      return claims.success && claims.data.kind === kind && claims.data.app === appKey ? claims.data : null;
    },
  };
}
