import { runExport, runFetch, runTimer } from '../../src/engine';
import { expectInvariants } from './support/invariants';
import { fillTracking, MALLS, runUntilDone, type World, world } from './support/world';

/**
 * a 10,000-order backlog (a first import, a sale day) completes over consecutive
 * runs of a small time budget on the virtual clock, with the invariants of the fault suite. The three
 * malls share the 10,000 orders; each run's budget is far below what the backlog needs.
 */

const ORDERS_PER_MALL = Math.ceil(10_000 / MALLS.length);
/**
 * Simulated time per run, far below what each mall's backlog needs (Temu: two detail calls per order at
 * 20/s; TikTok: 100 orders per page; Qoo10: a few calls in all), so every mall needs several runs.
 */
const BUDGET_MS = { temu: 60_000, tiktok: 2_000, qoo10: 800 } as const;

test.each(MALLS)(
  '%s: a backlog of a third of 10,000 orders finishes over consecutive timer runs, nothing lost or repeated',
  (mall) => {
    const w: World = world(mall, { seed: 42, orders: ORDERS_PER_MALL, budgetMs: BUDGET_MS[mall] });
    const runs = runUntilDone(w, (x) => runTimer(x.env), 60);
    // the budget is honoured: the backlog needs several runs, and each unfinished run asked for a continuation
    expect(runs.length).toBeGreaterThan(1);
    const fetched = runs.flatMap((r) => r.shops).filter((s) => s.action === 'fetch');
    // every line was new exactly once: no step of any run was lost or read twice into a new row
    expect(fetched.reduce((n, s) => n + s.new, 0)).toBe(w.rows().length);
    expect(fetched.every((s) => s.ok)).toBe(true);

    // then the seller ships half of it: the export also spreads over runs when the budget ends
    fillTracking(w, 0.5);
    w.env.budgetMs = 60_000;
    runUntilDone(w, (x) => runExport(x.env, { trigger: 'manual' }), 60);
    runUntilDone(w, (x) => runFetch(x.env, { trigger: 'manual' }), 60);
    expectInvariants(w);
    expect(w.rows().filter((r) => r.exportResult.startsWith('OK')).length).toBeGreaterThan(ORDERS_PER_MALL / 4);
  },
);
