import type { ExportLine, ExportOrder } from '../../../src/engine/connector';
import type { OrderLine } from '../../../src/engine/order-line';
import type { CarrierEntry } from '../../../src/engine/settings/schema';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoTemuShop } from '../../../src/sandbox/temu';
import { byOrder, exportLineOf } from '../../support/export-lines';
import { SANDBOX_URL, sandboxWorld, shopContext, type World } from '../../support/worlds';

export { DAY, fetchAll, windowReq } from '../../support/mall-helpers';

export function temuWorld(opts: { seed?: number; orders?: number } = {}) {
  const world = sandboxWorld({ seed: opts.seed ?? 7, orders: opts.orders });
  return world;
}

export function temuCtx(
  world: World,
  overrides: Record<string, unknown> = {},
  extra: { budgetMs?: number; locale?: 'ja' | 'en' } = {},
) {
  return shopContext(world, { ...demoTemuShop(SANDBOX_URL), ...overrides }, { carriers: DEMO_CARRIERS, ...extra });
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
