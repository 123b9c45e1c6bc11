import { tiktokConnector } from '../../../src/malls/tiktok';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoTikTokShop } from '../../../src/sandbox/tiktok';
import { fetchSteps } from '../../support/fetch-steps';
import { BASE, DAY } from '../../support/mall-helpers';
import { sandboxWorld, shopContext, type World } from '../../support/worlds';

export { BASE, DAY };

export function setup(
  opts: {
    orders?: number;
    seed?: number;
    shop?: Record<string, unknown>;
    credentials?: Record<string, string>;
    locale?: 'ja' | 'en';
  } = {},
) {
  const world = sandboxWorld({ orders: opts.orders ?? 25, seed: opts.seed ?? 7 });
  const demo = demoTikTokShop(BASE);
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

/** Runs fetch steps over the last 7 days until the cursor is null, as the engine does (the cursor persisted as JSON). */
export function fetchAll(ctx: ReturnType<typeof setup>['ctx'], world: World, statuses: string[]) {
  const to = world.clock.now();
  return fetchSteps(tiktokConnector, ctx, { from: to - 7 * DAY, to, statuses }, { jsonCursor: true });
}

export { byOrder, exportLineOf as exportLine } from '../../support/export-lines';
