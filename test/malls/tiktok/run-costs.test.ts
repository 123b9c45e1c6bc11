import type { ExportLine, ShopContext } from '../../../src/engine/connector';
import { PrefixedProperties } from '../../../src/engine/memory-ports';
import { tiktokConnector } from '../../../src/malls/tiktok';
import type { HttpRequest } from '../../../src/ports';
import { metered } from '../../support/metered-run';
import { byOrder, exportLine, fetchAll, setup } from './helpers';

function world(orders: number) {
  const s = setup({ orders });
  const { lines } = fetchAll(s.ctx, s.world, ['AWAITING_SHIPMENT']);
  // one tracking number per order: one shipment (one Mark-as-Shipped call) per order
  const ids = [...new Set(lines.map((l) => l.orderId))];
  const ready: ExportLine[] = lines.map((l) =>
    exportLine(l, { tracking: `8${String(ids.indexOf(l.orderId)).padStart(11, '0')}` }),
  );
  const shipped = () => s.world.sandbox.state('tiktok').shipments.length;
  /** a later run of the same shop: a new context (new client) over the same document properties */
  const nextRun = (budgetMs = 270_000): ShopContext => ({
    ...s.ctx,
    store: new PrefixedProperties(s.world.props, `shop:${s.ctx.shop.name}:`),
    deadline: s.world.clock.now() + budgetMs,
  });
  return { ...s, ready, shipped, nextRun };
}

const isPackages = (r: HttpRequest) => /\/packages\?/.test(r.url);

describe('TikTok export: what a run costs', () => {
  test('independent shipments go in fetchAll waves of at most 50 (one per second of the 50 QPS quota)', () => {
    const w = world(160);
    const orders = byOrder(w.ready);
    expect(orders.length).toBeGreaterThan(100);
    const m = metered(w.nextRun());
    const out = tiktokConnector.exportOrders(m.run, orders, { dryRun: false });
    expect(out.every((o) => o.kind === 'ok')).toBe(true);
    const waves = m.calls.filter((c) => c.some(isPackages));
    expect(waves.every((c) => c.every(isPackages) && c.length <= 50)).toBe(true);
    expect(waves.reduce((n, c) => n + c.length, 0)).toBe(orders.length);
    expect(waves.length).toBe(Math.ceil(orders.length / 50));
    expect(w.shipped()).toBe(orders.length);
  });

  test("shipments the run's budget cannot send are held for the next export, each with a reason", () => {
    const w = world(160);
    const orders = byOrder(w.ready);
    // every HTTP call costs a second of the run; the budget covers the lookups and a couple of waves
    const m = metered(w.nextRun(6_000), { msPerCall: 1000 });
    const out = tiktokConnector.exportOrders(m.run, orders, { dryRun: false });
    const ok = out.filter((o) => o.kind === 'ok');
    const held = out.filter((o) => o.kind === 'deferred');
    expect(ok.length).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);
    expect(ok.length + held.length).toBe(out.length);
    expect(held.every((o) => o.kind === 'deferred' && o.message.includes('次回の書き出し'))).toBe(true);
    expect(w.shipped()).toBe(new Set(ok.map((o) => o.key.split('\u0000')[0])).size);
    // the held rows go out with the next export
    const again = tiktokConnector.exportOrders(
      w.nextRun(),
      byOrder(w.ready.filter((l) => held.some((h) => h.key === l.key))),
      { dryRun: false },
    );
    expect(again.every((o) => o.kind === 'ok')).toBe(true);
    expect(w.shipped()).toBe(orders.length);
  });

  test('a run past its deadline sends nothing and holds every shipment', () => {
    const w = world(30);
    const m = metered(w.nextRun(0));
    const out = tiktokConnector.exportOrders(m.run, byOrder(w.ready), { dryRun: false });
    expect(out.length).toBe(w.ready.length);
    expect(out.every((o) => o.kind === 'deferred')).toBe(true);
    expect(m.calls.flat().some(isPackages)).toBe(false);
  });

  test('the stored tokens are read once per run and nothing is written when no refresh is needed', () => {
    const w = world(160);
    const orders = byOrder(w.ready);
    const m = metered(w.nextRun());
    tiktokConnector.exportOrders(m.run, orders, { dryRun: false });
    expect(m.calls.flat().length).toBeGreaterThan(orders.length);
    expect(m.props.gets).toBeLessThanOrEqual(6);
    expect(m.props.sets).toBe(0);
    expect(m.expiries()).toBe(1);
  });

  test('a token the mall expires mid-run is refreshed once, stored, and recorded as the new expiry', () => {
    const w = world(80);
    const orders = byOrder(w.ready);
    const m = metered(w.nextRun());
    tiktokConnector.exportOrders(m.run, orders.slice(0, 5), { dryRun: false });
    w.sb.control('expire', {});
    const before = w.world.sandbox.state('tiktok').refreshes;
    const out = tiktokConnector.exportOrders(m.run, orders.slice(5), { dryRun: false });
    expect(out.every((o) => o.kind === 'ok')).toBe(true);
    expect(w.world.sandbox.state('tiktok').refreshes).toBe(before + 1);
    expect(m.props.sets).toBe(4);
    expect(m.expiries()).toBe(2);
    // the next run uses what the refresh stored
    const next = metered(w.nextRun());
    tiktokConnector.exportOrders(next.run, orders.slice(0, 5), { dryRun: false });
    expect(w.world.sandbox.state('tiktok').refreshes).toBe(before + 1);
  });
});
