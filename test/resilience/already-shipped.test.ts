import { runExport, runFetch } from '../../src/engine';
import type { HttpRequest } from '../../src/ports';
import { expectInvariants } from './support/invariants';
import { acceptedPerLine, fillTracking, Killed, MALLS, type MallId, runUntilDone, world } from './support/world';

/**
 * The dangerous moment of an export: the mall accepted a tracking number and the run dies before the
 * sheet says so. The next export sends that line again; every mall answers "already shipped", which the
 * connector turns into success with a note (docs/contract.md §3), so the mall holds it once and the sheet says OK.
 */

const isShipCall: Record<MallId, (req: HttpRequest) => boolean> = {
  temu: (req) => (JSON.parse(req.body ?? '{}') as { type?: string }).type === 'bg.logistics.shipment.v2.confirm',
  tiktok: (req) => req.url.includes('/packages'),
  qoo10: (req) => req.url.includes('SetSendingInfo'),
};

test.each(MALLS)(
  '%s: a run killed right after the mall accepted a tracking number: the next export reads "already shipped" as OK',
  (mall) => {
    const w = world(mall, { seed: 21, orders: 40, budgetMs: 270_000 });
    runUntilDone(w, (x) => runFetch(x.env, { trigger: 'manual' }));
    expect(fillTracking(w, 1)).toBeGreaterThan(0);
    w.hooks.afterAnswer = (req) => {
      if (!isShipCall[mall](req)) return;
      w.fuse.arm(1); // the execution is gone: nothing more reaches the sheet, the mall or the properties
      throw new Killed('after the mall accepted');
    };
    try {
      runExport(w.env, { trigger: 'manual' });
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
    }
    w.hooks.afterAnswer = undefined;
    w.fuse.disarm();
    const acceptedBefore = acceptedPerLine(w);
    expect(acceptedBefore.size).toBeGreaterThan(0);
    expect(w.rows().every((r) => r.exportResult === '')).toBe(true);

    const next = runExport(w.env, { trigger: 'manual' });
    expect(next.shops[0].exported).toBeGreaterThan(0);
    // the line the mall already had: OK with the mall's "already shipped" note, and still once at the mall
    const lineIds = [...acceptedBefore.keys()];
    const rows = w.rows().filter((r) => r.lineId.split(',').some((id) => lineIds.includes(id)));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.exportResult).toMatch(/^OK（.+）$/);
    expect([...acceptedPerLine(w)].filter(([id]) => lineIds.includes(id)).every(([, n]) => n === 1)).toBe(true);
    expectInvariants(w);
  },
);
