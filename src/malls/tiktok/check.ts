import type { CheckLine, ShopContext } from '../../engine/connector';
import type { CarrierEntry } from '../../engine/settings/schema';
import { matchCarrier } from '../shared/carriers';
import { STORE, type TikTokClient } from './client';
import { TikTokApiError } from './errors';
import { ProviderDirectory } from './providers';
import { TIKTOK_STATUS_NAMES } from './statuses';

/** The authorization expires 30 days after this warning starts in the mall too (docs/malls/tiktok-shop.md §1.3). */
const WARN_BEFORE_MS = 30 * 86_400_000;

export function checkShop(client: TikTokClient, ctx: ShopContext, carriers: CarrierEntry[]): CheckLine[] {
  const statuses: readonly string[] = TIKTOK_STATUS_NAMES;
  const { t } = ctx;
  const lines: CheckLine[] = [];
  const bad = ctx.shop.fetch.statuses.filter((s) => !statuses.includes(s));
  lines.push(
    bad.length === 0
      ? {
          id: 'statuses',
          ok: true,
          message: t('tiktok.check.statusesOk', { list: ctx.shop.fetch.statuses.join(', ') }),
        }
      : {
          id: 'statuses',
          ok: false,
          message: t('tiktok.check.statuses', { bad: bad.join(', '), valid: statuses.join(', ') }),
        },
  );

  const step = (id: string, run: () => string): boolean => {
    try {
      lines.push({ id, ok: true, message: run() });
      return true;
    } catch (e) {
      if (!(e instanceof TikTokApiError)) throw e;
      lines.push({ id, ok: false, message: e.message });
      return false;
    }
  };
  const auth = step('auth', () => {
    client.accessToken();
    return t('tiktok.check.authOk');
  });
  if (!auth) return lines;

  const expiry = Number(ctx.store.get(STORE.refreshTokenExpiresAt)) * 1000;
  if (expiry > 0) {
    const soon = expiry - ctx.clock.now() < WARN_BEFORE_MS;
    lines.push({
      id: 'expiry',
      ok: !soon,
      message: t(soon ? 'tiktok.check.expirySoon' : 'tiktok.check.expiry', { date: dateText(expiry, ctx.timezone) }),
    });
  }
  if (!step('shop', () => t('tiktok.check.shop', { cipher: client.shopCipher() }))) return lines;

  const providers = new ProviderDirectory(client);
  for (const c of carriers) {
    const value = (c.tiktok ?? '').trim();
    if (!value) continue;
    step(`carrier:${c.name}`, () => {
      const m = matchCarrier(value, providers.forWarehouses());
      if (m.ok) return t('tiktok.check.carrierOk', { name: c.name, provider: m.carrier.names[0] ?? m.carrier.id });
      throw new TikTokApiError(
        t('tiktok.export.carrierUnknown', { carrier: value, candidates: m.candidates.join(', ') || '-' }),
        -1,
      );
    });
  }
  return lines;
}

function dateText(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(ms),
    );
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}
