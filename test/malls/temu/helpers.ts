import type { ExportLine, ExportOrder, FetchRequest, ShopContext } from '../../../src/engine/connector';
import type { OrderLine } from '../../../src/engine/order-line';
import type { CarrierEntry } from '../../../src/engine/settings/schema';
import { temuConnector } from '../../../src/malls/temu';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoTemuShop } from '../../../src/sandbox/temu';
import { byOrder, exportLineOf } from '../../support/export-lines';
import { fetchSteps } from '../../support/fetch-steps';
import { BASE, DAY } from '../../support/mall-helpers';
import { sandboxWorld, shopContext, type World } from '../../support/worlds';

export { BASE, DAY };

export function temuWorld(opts: { seed?: number; orders?: number } = {}) {
  const world = sandboxWorld({ seed: opts.seed ?? 7, orders: opts.orders });
  return world;
}

export function temuCtx(
  world: World,
  overrides: Record<string, unknown> = {},
  extra: { budgetMs?: number; locale?: 'ja' | 'en' } = {},
) {
  return shopContext(world, { ...demoTemuShop(BASE), ...overrides }, { carriers: DEMO_CARRIERS, ...extra });
}

/** A control command to the Temu sandbox; its answer is the command's own (temuState and sandboxOrders read two). */
export function control(world: World, command: string, args: Record<string, unknown> = {}): unknown {
  return world.sandbox.mall('temu').control(command, args);
}

/** What the Temu sandbox received, as its `state` control reports it. */
export function temuState(world: World) {
  return world.sandbox.state('temu');
}

export function sandboxOrders(world: World) {
  return world.sandbox.orders('temu');
}

export function windowReq(world: World, statuses = ['UN_SHIPPING'], days = 7): Omit<FetchRequest, 'cursor'> {
  const now = world.clock.now();
  return { from: now - days * DAY, to: now, statuses };
}

/** Runs fetch steps to the end as the engine does (cursor persisted as JSON between steps). */
export function fetchAll(ctx: ShopContext, req: Omit<FetchRequest, 'cursor'>, startCursor: unknown = null) {
  return fetchSteps(temuConnector, ctx, req, { cursor: startCursor, jsonCursor: true });
}

/** The sheet's rows of fetched lines, grouped per order, as the exporter sees them (nothing filled yet). */
export function exportOrdersOf(lines: OrderLine[]): ExportOrder[] {
  return byOrder(
    lines.map((l) => exportLineOf(l, { status: l.cancelled ? 'cancelled' : 'new', shippedOn: '', ready: false })),
  );
}

/** Fills tracking + date on a line as a user would; the engine would then mark it ready. */
export function fill(line: ExportLine, tracking: string, carrier: CarrierEntry = DEMO_CARRIERS[0]): void {
  line.tracking = tracking;
  line.shippedOn = '2026-11-22';
  line.carrier = carrier;
  line.carrierName = carrier.name;
  line.ready = true;
}

export const live = (o: ExportOrder) => o.lines.filter((l) => l.status !== 'cancelled');
