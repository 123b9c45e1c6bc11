import type { ShopContext } from '../../src/engine/connector';
import type { CarrierEntry, ShopSettings } from '../../src/engine/settings/schema';
import { ShopBaseSchema } from '../../src/engine/settings/schema';
import { InProcessHttp, Sandbox } from '../../src/sandbox/sandbox';
import { MemoryLogger, MemoryProperties, PrefixedProperties, VirtualClock } from '../../src/engine/memory-ports';
import { nodeCrypto } from '../../src/node/crypto';
import { translate } from '../../src/i18n';

/**
 * A connector's world for tests: the sandbox malls in-process (no sockets), a virtual clock shared by
 * client and sandbox (so signatures' timestamps and rate limits agree), in-memory properties.
 */
export function sandboxWorld(opts: { seed?: number; orders?: number; start?: number } = {}) {
  const clock = new VirtualClock(opts.start);
  const sandbox = new Sandbox({ now: () => clock.now(), seed: opts.seed ?? 1, orders: opts.orders });
  const http = new InProcessHttp(sandbox);
  const props = new MemoryProperties();
  const log = new MemoryLogger();
  return { clock, sandbox, http, props, log };
}

export type World = ReturnType<typeof sandboxWorld>;

export function shopContext(
  world: World,
  shopInput: Record<string, unknown>,
  extra: { carriers?: CarrierEntry[]; locale?: 'ja' | 'en'; budgetMs?: number } = {},
): ShopContext & { expiry: { value: number | null } } {
  const shop: ShopSettings = ShopBaseSchema.parse(shopInput);
  const locale = extra.locale ?? 'ja';
  const expiry = { value: null as number | null };
  return {
    shop,
    locale,
    timezone: 'Asia/Tokyo',
    carriers: extra.carriers ?? [],
    http: world.http,
    clock: world.clock,
    crypto: nodeCrypto,
    log: world.log,
    progress: world.log,
    store: new PrefixedProperties(world.props, `shop:${shop.name}:`),
    t: (key, params) => translate(locale, key, params),
    deadline: world.clock.now() + (extra.budgetMs ?? 270_000),
    setExpiry: (ms) => {
      expiry.value = ms;
    },
    expiry,
  };
}
