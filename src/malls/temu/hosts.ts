import type { ShopSettings } from '../../engine/settings/schema';

/** Spec §4: API hosts by store region (POST only); Japan is served by the global host. */
export const TEMU_HOSTS = {
  us: 'https://openapi-b-us.temu.com',
  eu: 'https://openapi-b-eu.temu.com',
  global: 'https://openapi-b-global.temu.com',
} as const;

export const ROUTER_PATH = '/openapi/router';

/** settings endpoints.api replaces the host; the path stays Temu's own (docs/contract.md §4). */
export function routerUrl(shop: ShopSettings): string {
  return (shop.endpoints?.api ?? TEMU_HOSTS[shop.region ?? 'global']) + ROUTER_PATH;
}

/**
 * The regionId to assume when bg.open.accesstoken.info.get does not report one (docs/malls/temu.md §2, §4):
 * a US store is 211; the global host serves Japan (100) and other countries, so 100 is MallSheet's Japan
 * default; an EU store spans several countries (null: no guess).
 */
export function defaultRegionId(shop: ShopSettings): number | null {
  const region = shop.region ?? 'global';
  return region === 'us' ? 211 : region === 'global' ? 100 : null;
}
