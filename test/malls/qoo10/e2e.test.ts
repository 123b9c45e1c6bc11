import { runExport, runFetch } from '../../../src/engine';
import { fillTrackingAsSeller } from '../../../src/node/demo';
import { demoQoo10Shop } from '../../../src/sandbox/qoo10';
import { engineWorld, orderRows, settingsWithShops } from '../../support/worlds';
import { BASE } from './helpers';

/** The whole engine against the Qoo10 sandbox, in-process: what `mallsheet fetch/export` does. */
function engine(shop: Record<string, unknown> = {}) {
  const { world, book, env } = engineWorld(settingsWithShops({ ...demoQoo10Shop(BASE), ...shop }), {
    seed: 11,
    orders: 40,
  });
  const mall = world.sandbox.mall('qoo10');
  const rows = () =>
    orderRows(book).map((cell) => ({
      orderId: String(cell('orderId')),
      lineId: String(cell('lineId')),
      status: String(cell('status')),
      mallStatus: String(cell('mallStatus')),
      result: String(cell('exportResult')),
      phone: String(cell('phone')),
    }));
  const shipments = () => world.sandbox.state('qoo10').shipments;
  return { world, book, env, mall, rows, shipments };
}

describe('Qoo10 end to end (engine + connector + sandbox)', () => {
  test('fetch multi-line carts, export once per OrderNo, never twice', () => {
    const { world, book, env, rows, shipments } = engine();
    const f = runFetch(env, { trigger: 'manual' });
    expect(f.exitCode).toBe(0);
    const fetched = rows();
    const expected = world.sandbox
      .orders('qoo10')
      .filter(
        (o) => (o.status === 2 || o.status === 3) && !o.claim && o.orderDate > world.clock.now() - 7 * 86_400_000,
      );
    expect(fetched.map((r) => r.lineId).sort()).toEqual(expected.flatMap((o) => o.orderNos).sort());
    expect(fetched.every((r) => !r.phone.startsWith('+81'))).toBe(true);
    expect(expected.some((o) => o.orderNos.length > 1)).toBe(true); // multi-line carts are in the run
    expect(new Set(fetched.map((r) => r.mallStatus))).toEqual(new Set(['配送要請', '配送準備']));

    const filled = fillTrackingAsSeller(book, 'Asia/Tokyo', world.clock.now());
    expect(filled).toBeGreaterThan(0);
    const e1 = runExport(env, { trigger: 'manual' });
    expect(e1.exitCode).toBe(0);
    expect(shipments()).toHaveLength(filled);
    expect(new Set(shipments().map((s) => s.orderNo)).size).toBe(filled);
    expect(rows().filter((r) => r.result === 'OK')).toHaveLength(filled);

    const e2 = runExport(env, { trigger: 'manual' });
    expect(e2.exitCode).toBe(0);
    expect(shipments()).toHaveLength(filled);
  });

  test('dry run previews mention that the ship date is not sent', () => {
    const { world, book, env, shipments } = engine();
    runFetch(env, { trigger: 'manual' });
    fillTrackingAsSeller(book, 'Asia/Tokyo', world.clock.now());
    const preview = runExport(env, { trigger: 'manual', dryRun: true });
    expect(preview.preview.length).toBeGreaterThan(0);
    expect(preview.preview.join('\n')).toContain('Qoo10 の仕様で送信されません');
    expect(shipments()).toHaveLength(0);
  });

  test('a cancellation flips the row to キャンセル on the next fetch', () => {
    const { env, mall, rows, world } = engine();
    runFetch(env, { trigger: 'manual' });
    const target = rows()[0];
    world.clock.advance(60_000);
    mall.control('cancel', { orderNo: target.lineId });
    world.clock.advance(60_000);
    runFetch(env, { trigger: 'manual' });
    const after = rows().find((r) => r.lineId === target.lineId)!;
    expect(after.status).toBe('キャンセル');
    expect(after.mallStatus).toBe('キャンセル完了');
  });

  test('key re-issued on expiry between runs; a wrong password fails that shop readably', () => {
    const { env, mall, world } = engine();
    expect(runFetch(env, { trigger: 'manual' }).exitCode).toBe(0);
    mall.control('expire', { envelope: 'error' });
    world.clock.advance(3_600_000);
    expect(runFetch(env, { trigger: 'manual' }).exitCode).toBe(0);
    expect(world.sandbox.state('qoo10').keysIssued).toBe(2);

    const bad = engine({
      credentials: { apiKey: 'qoo10-sandbox-api-key', userId: 'sandbox-seller', password: 'nope-secret' },
    });
    const r = runFetch(bad.env, { trigger: 'manual' });
    expect(r.exitCode).toBe(1);
    expect(r.shops[0].message).toContain('販売認証キーを発行できません');
    expect(r.shops[0].message).not.toContain('nope-secret');
  });
});
