import type { FetchRequest, ShopContext } from '../../src/engine/connector';
import type { VirtualClock } from '../../src/engine/memory-ports';
import { CONNECTORS } from '../../src/malls';
import { fetchSteps } from './fetch-steps';

/** What every mall's connector tests share; test/malls/<mall>/helpers.ts keep only what differs per mall. */

export const DAY = 86_400_000;

/** The last `days` days up to the world's now, in these statuses: the window a shop's fetch asks for. */
export function windowReq(world: { clock: VirtualClock }, statuses: string[], days = 7): Omit<FetchRequest, 'cursor'> {
  const to = world.clock.now();
  return { from: to - days * DAY, to, statuses };
}

/**
 * Runs a shop's fetch steps to the end as the engine does: the connector of the shop's mall, each cursor
 * through JSON first (as one the engine persisted between runs), from `cursor` (a fresh fetch by default).
 */
export function fetchAll(ctx: ShopContext, req: Omit<FetchRequest, 'cursor'>, cursor: unknown = null) {
  const connector = CONNECTORS.find((c) => c.id === ctx.shop.mall);
  if (!connector) throw new Error(`no connector for ${ctx.shop.mall}`);
  return fetchSteps(connector, ctx, req, { cursor, jsonCursor: true });
}
