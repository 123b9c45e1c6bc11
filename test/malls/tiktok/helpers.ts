import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoTikTokShop } from '../../../src/sandbox/tiktok';
import { SANDBOX_URL, sandboxWorld, shopContext } from '../../support/worlds';

export { DAY, fetchAll, windowReq } from '../../support/mall-helpers';

export function tiktokWorld(
  opts: {
    orders?: number;
    seed?: number;
    shop?: Record<string, unknown>;
    credentials?: Record<string, string>;
    locale?: 'ja' | 'en';
  } = {},
) {
  const world = sandboxWorld({ orders: opts.orders ?? 25, seed: opts.seed ?? 7 });
  const demo = demoTikTokShop(SANDBOX_URL);
  const shop = {
    ...demo,
    ...opts.shop,
    credentials: { ...(demo.credentials as Record<string, string>), ...opts.credentials },
  };
  const ctx = shopContext(world, shop, { carriers: DEMO_CARRIERS, locale: opts.locale });
  const sb = world.sandbox.mall('tiktok');
  const orders = () => world.sandbox.orders('tiktok');
  /** a new run of the same shop (same document properties), e.g. after the user edited the credentials */
  const rerun = (credentials: Record<string, string>) =>
    shopContext(
      world,
      { ...shop, credentials: { ...shop.credentials, ...credentials } },
      { carriers: DEMO_CARRIERS, locale: opts.locale },
    );
  return { world, ctx, sb, orders, rerun };
}

export { byOrder, exportLineOf as exportLine } from '../../support/export-lines';
