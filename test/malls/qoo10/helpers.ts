import type { ExportLine, ExportOrder, ShopContext } from '../../../src/engine/connector';
import { qoo10Connector } from '../../../src/malls/qoo10';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoQoo10Shop, type Qoo10CartView } from '../../../src/sandbox/qoo10';
import { fetchSteps } from '../../support/fetch-steps';
import { BASE, DAY } from '../../support/mall-helpers';
import { sandboxWorld, shopContext, type World } from '../../support/worlds';

export { BASE, DAY };

export function qoo10World(opts: { seed?: number; orders?: number } = {}) {
  const world = sandboxWorld({ seed: opts.seed ?? 7, orders: opts.orders ?? 40 });
  return { world, mall: world.sandbox.mall('qoo10') };
}

export function qoo10Ctx(
  world: World,
  shop: Record<string, unknown> = {},
  extra: Parameters<typeof shopContext>[2] = {},
) {
  return shopContext(world, { ...demoQoo10Shop(BASE), ...shop }, { carriers: DEMO_CARRIERS, ...extra });
}

/** Runs fetch steps until the cursor is null, as the engine does. */
export function fetchAll(ctx: ShopContext, req: { from: number; to: number; statuses: string[] }) {
  return fetchSteps(qoo10Connector, ctx, req);
}

/** An order as the engine hands it to exportOrders: every line ready with the given tracking. */
export function exportOrder(
  o: Qoo10CartView,
  tracking: string,
  carrierName = 'ヤマト運輸',
  over: Partial<ExportLine> = {},
): ExportOrder {
  const carrier = DEMO_CARRIERS.find((c) => c.name === carrierName) ?? null;
  return {
    orderId: o.packNo,
    lines: o.orderNos.map((lineId) => ({
      key: `${o.packNo}\u0000${lineId}`,
      orderId: o.packNo,
      lineId,
      sku: 'X',
      qty: 1,
      mallStatus: '配送要請',
      status: 'new',
      tracking,
      carrierName,
      carrier,
      shippedOn: '2026-11-22',
      exportedTracking: '',
      ready: true,
      ...over,
    })),
  };
}
