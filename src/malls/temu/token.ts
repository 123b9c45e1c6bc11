import type { ShopContext } from '../../engine/connector';
import type { TemuClient } from './client';
import { SHOP_FATAL_CODES } from './codes';
import { TemuError } from './errors';
import { type TokenInfo, TokenInfoSchema } from './schemas';

/** docs/contract.md §3: the token expiry is visible and warned about 14 days ahead. */
export const EXPIRY_WARN_MS = 14 * 86_400_000;

/**
 * bg.open.accesstoken.info.get (docs/malls/temu.md §5 Tokens): records the expiry with ctx.setExpiry. Throws for answers
 * that stop the shop (bad signature, expired token…); any other refusal leaves the expiry unknown (null).
 */
export function readTokenInfo(client: TemuClient, ctx: ShopContext): TokenInfo | null {
  const answer = client.call({ type: 'bg.open.accesstoken.info.get' });
  if (!answer.ok) {
    if (SHOP_FATAL_CODES.has(answer.code)) throw new TemuError(answer.message, answer.code);
    ctx.log.warn(answer.message);
    return null;
  }
  const info = client.parseResult('bg.open.accesstoken.info.get', answer.result ?? {}, TokenInfoSchema);
  if (info.expiredTime) ctx.setExpiry(info.expiredTime * 1000);
  return info;
}

/** "2026-11-22 09:00" in the shop's time zone (UTC when the runtime lacks the zone). */
export function formatDateTime(ms: number, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(ms));
  } catch {
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}
