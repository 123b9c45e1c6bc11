import { qoo10Connector } from '../../../src/malls/qoo10';
import type { ExportLine, ExportOrder, FetchStep, ShopContext } from '../../../src/malls/connector';
import type { LineStatusUpdate, OrderLine } from '../../../src/engine/order-line';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoQoo10Shop } from '../../../src/sandbox/qoo10';
import { sandboxWorld, shopContext, type World } from '../../support/shop-context';

export const BASE = 'http://127.0.0.1:8787';
export const DAY = 86_400_000;

export function qoo10World(opts: { seed?: number; orders?: number } = {}) {
  const world = sandboxWorld({ seed: opts.seed ?? 7, orders: opts.orders ?? 40 });
  return { world, mall: world.sandbox.mall('qoo10') };
}

export function qoo10Ctx(world: World, shop: Record<string, unknown> = {}, extra: Parameters<typeof shopContext>[2] = {}) {
  return shopContext(world, { ...demoQoo10Shop(BASE), ...shop }, { carriers: DEMO_CARRIERS, ...extra });
}

/** Runs fetch steps until the cursor is null, as the engine does. */
export function fetchAll(ctx: ShopContext, req: { from: number; to: number; statuses: string[] }) {
  const lines: OrderLine[] = [];
  const updates: LineStatusUpdate[] = [];
  const notices: string[] = [];
  let cursor: unknown = null;
  let steps = 0;
  do {
    const step: FetchStep = qoo10Connector.fetch(ctx, { ...req, cursor });
    lines.push(...step.lines);
    updates.push(...(step.updates ?? []));
    notices.push(...(step.notices ?? []));
    cursor = step.cursor;
    steps++;
  } while (cursor !== null && steps < 1000);
  return { lines, updates, notices, steps };
}

export interface SandboxOrder {
  packNo: string;
  orderNos: string[];
  status: number;
  claim: string | null;
  orderDate: number;
}

export function sandboxOrders(mall: { control(c: string, a: Record<string, unknown>): unknown }): SandboxOrder[] {
  return mall.control('orders', {}) as SandboxOrder[];
}

/** An order as the engine hands it to exportOrders: every line ready with the given tracking. */
export function exportOrder(o: SandboxOrder, tracking: string, carrierName = 'ヤマト運輸', over: Partial<ExportLine> = {}): ExportOrder {
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
