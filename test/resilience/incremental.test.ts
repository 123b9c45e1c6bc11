import { runFetch, runTimer } from '../../src/engine';
import { FULL_EVERY_MS, OVERLAP_MS } from '../../src/engine/run/fetch';
import type { HttpRequest } from '../../src/ports';
import { expectInvariants } from './support/invariants';
import { type World, world } from './support/world';

/**
 * Incremental sync: after a complete full window, malls that filter by update time are asked
 * only for what changed since the last complete fetch (less an overlap); a full window comes back once a
 * day; Qoo10, which cannot filter by update time, reads its creation window every time.
 */

const MIN = 60_000;

/** The order-list requests sent since `from`, as the filters each mall received. */
function listFilters(w: World, from: number): Record<string, unknown>[] {
  return w.http.sent.slice(from).flatMap((r: HttpRequest) => {
    if (w.mall === 'tiktok')
      return r.url.includes('/orders/search') ? [JSON.parse(r.body!) as Record<string, unknown>] : [];
    if (w.mall === 'temu') {
      const p = JSON.parse(r.body!) as Record<string, unknown>;
      return p.type === 'bg.order.list.v2.get' && p.parentOrderSnList === undefined ? [p] : [];
    }
    return r.url.includes('GetShippingInfo_v3') ? [Object.fromEntries(new URLSearchParams(r.body ?? ''))] : [];
  });
}

function cancelOne(w: World): string {
  if (w.mall === 'tiktok') {
    const o = w.malls.orders('tiktok').find((x) => x.status === 'AWAITING_SHIPMENT')!;
    w.sandbox.control('cancel', { orderId: o.id });
    return o.id;
  }
  const o = w.malls.orders('temu').find((x) => x.status === 2)!;
  w.sandbox.control('cancel', { parentOrderSn: o.parentOrderSn });
  return o.parentOrderSn;
}

describe.each(['tiktok', 'temu'] as const)('%s', (mall) => {
  test('after a full window, fetches read by update time since the last fetch less the overlap, and see a cancellation', () => {
    const w = world(mall, { seed: 8, orders: 120, budgetMs: 270_000 });
    runFetch(w.env, { trigger: 'auto' });
    const full = w.state();
    expect(full.lastFullAt).toBe(full.lastFetchAt);
    expect(
      listFilters(w, 0).every(
        (f) => (f.update_time_ge === undefined && f.updateAtStart === undefined) || f.parentOrderStatus === 3,
      ),
    ).toBe(true);

    w.clock.advance(30 * MIN);
    const cancelled = cancelOne(w);
    w.clock.advance(MIN);
    const sentBefore = w.http.sent.length;
    runTimer(w.env);
    const since = Math.floor((full.lastFetchAt! - OVERLAP_MS) / 1000);
    const filters = listFilters(w, sentBefore);
    expect(filters.length).toBeGreaterThan(0);
    for (const f of filters) {
      if (mall === 'tiktok') expect(f.update_time_ge).toBe(since);
      else expect(f.updateAtStart).toBe(since);
    }
    // only what changed came back, and the cancellation reached its rows
    expect(
      w
        .rows()
        .filter((r) => r.orderId === cancelled)
        .every((r) => r.status === 'キャンセル'),
    ).toBe(true);
    expect(w.state().lastFullAt).toBe(full.lastFullAt);
    expectInvariants(w);
  });

  test('a full creation-time window comes back once a day', () => {
    const w = world(mall, { seed: 9, orders: 60, budgetMs: 270_000 });
    runFetch(w.env, { trigger: 'auto' });
    const first = w.state().lastFullAt!;
    w.clock.advance(FULL_EVERY_MS);
    const sentBefore = w.http.sent.length;
    runFetch(w.env, { trigger: 'auto' });
    const lines = listFilters(w, sentBefore).filter((f) => f.parentOrderStatus !== 3 && f.order_status !== 'CANCELLED');
    expect(lines.length).toBeGreaterThan(0);
    for (const f of lines) expect(f.create_time_ge ?? f.createAfter).toBeDefined();
    expect(lines.every((f) => f.update_time_ge === undefined && f.updateAtStart === undefined)).toBe(true);
    expect(w.state().lastFullAt).toBeGreaterThanOrEqual(first + FULL_EVERY_MS);
  });

  test('an incremental window cut by the budget resumes by update time, and the full window still follows a day later', () => {
    // tiktok reads an incremental window in one pass over every status: enough changed orders for several pages
    const w = world(mall, { seed: 10, orders: mall === 'tiktok' ? 1200 : 300, budgetMs: 270_000 });
    runFetch(w.env, { trigger: 'auto' });
    // every order changes (a sale-day status sweep): the incremental read is as big as a full one
    if (mall === 'tiktok') w.sandbox.control('advance', {});
    else
      for (const o of w.malls.orders('temu'))
        if (o.status === 2) w.sandbox.control('advance', { parentOrderSn: o.parentOrderSn, status: 'UN_SHIPPING' });
    w.clock.advance(40 * MIN);
    w.env.budgetMs = mall === 'tiktok' ? 200 : 5_000;
    runFetch(w.env, { trigger: 'auto' });
    expect(w.state().resume?.by).toBe('updated');
    w.env.budgetMs = 270_000;
    runFetch(w.env, { trigger: 'auto' });
    expect(w.state().resume).toBeUndefined();
    expectInvariants(w);
  });
});

test('qoo10 reads its creation window on every fetch (no update filter) and learns of cancellations from claims', () => {
  const w = world('qoo10', { seed: 8, orders: 60, budgetMs: 270_000 });
  runFetch(w.env, { trigger: 'auto' });
  w.clock.advance(31 * MIN);
  const pack = w.malls.orders('qoo10').find((p) => p.status === 2 && !p.claim)!;
  w.sandbox.control('cancel', { packNo: pack.packNo, stat: '3' });
  w.clock.advance(MIN);
  const sentBefore = w.http.sent.length;
  runTimer(w.env);
  const filters = listFilters(w, sentBefore);
  expect(filters.length).toBeGreaterThan(0);
  expect(filters.every((f) => f.SearchCondition === '1')).toBe(true);
  expect(
    w
      .rows()
      .filter((r) => r.orderId === pack.packNo)
      .every((r) => r.status === 'キャンセル'),
  ).toBe(true);
  expectInvariants(w);
});
