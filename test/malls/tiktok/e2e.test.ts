import { runExport, runFetch } from '../../../src/engine';
import { fillTrackingAsSeller } from '../../../src/node/demo';
import { demoTikTokShop } from '../../../src/sandbox/tiktok';
import { engineWorld, orderRows, settingsWithShops } from '../../support/worlds';
import { BASE } from './helpers';

/** The whole engine against the TikTok sandbox, in-process: what `mallsheet fetch/export` does. */
function engine(opts: { orders?: number; credentials?: Record<string, string> } = {}) {
  const demo = demoTikTokShop(BASE);
  const shop = { ...demo, credentials: { ...(demo.credentials as Record<string, string>), ...opts.credentials } };
  const { world, book, env } = engineWorld(settingsWithShops(shop), { seed: 5, orders: opts.orders ?? 40 });
  const mall = world.sandbox.mall('tiktok');
  const rows = () =>
    orderRows(book).map((cell) => ({
      orderId: String(cell('orderId')),
      lineId: String(cell('lineId')),
      qty: Number(cell('qty')),
      status: String(cell('status')),
      mallStatus: String(cell('mallStatus')),
      address: String(cell('address')),
      tracking: String(cell('tracking')),
      result: String(cell('exportResult')),
    }));
  const orders = () => world.sandbox.orders('tiktok');
  const state = () => world.sandbox.state('tiktok');
  return { world, book, env, mall, rows, orders, state };
}

describe('TikTok Shop end to end (engine + connector + sandbox)', () => {
  test('all pages, one row per SKU, ON_HOLD as 保留; export once per order even after the token expired mid-run, never twice', () => {
    const { world, book, env, mall, rows, orders, state } = engine({ orders: 260 });
    expect(runFetch(env, { trigger: 'manual' }).exitCode).toBe(0);
    const fetched = rows();
    const expected = orders().filter((o) => o.status === 'ON_HOLD' || o.status === 'AWAITING_SHIPMENT');
    expect(expected.length).toBeGreaterThan(100); // more than one page
    expect(fetched.flatMap((r) => r.lineId.split(',')).sort()).toEqual(expected.flatMap((o) => o.lineItemIds).sort());
    for (const o of expected) expect(fetched.filter((r) => r.orderId === o.id)).toHaveLength(new Set(o.skus).size);
    expect(fetched.some((r) => r.qty > 1)).toBe(true);
    const held = fetched.filter((r) => r.mallStatus === 'ON_HOLD');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((r) => r.status === '保留' && r.address === '')).toBe(true);

    mall.control('expire', {});
    const filled = fillTrackingAsSeller(book, 'Asia/Tokyo', world.clock.now());
    const e1 = runExport(env, { trigger: 'manual' });
    expect(e1.exitCode).toBe(0);
    expect(state().refreshes).toBe(2);
    const readyOrders = new Set(
      rows()
        .filter((r) => r.tracking !== '' && r.status !== '保留')
        .map((r) => r.orderId),
    );
    expect(filled).toBeGreaterThan(0);
    expect(
      state()
        .shipments.map((s) => s.orderId)
        .sort(),
    ).toEqual([...readyOrders].sort());
    expect(
      rows()
        .filter((r) => readyOrders.has(r.orderId))
        .every((r) => r.result === 'OK' && r.status === '処理済'),
    ).toBe(true);

    const e2 = runExport(env, { trigger: 'manual' });
    expect(e2.exitCode).toBe(0);
    expect(state().shipments).toHaveLength(readyOrders.size);
  });

  test('an ON_HOLD order is released to the initial status when it becomes AWAITING_SHIPMENT', () => {
    const { env, mall, rows, world } = engine();
    runFetch(env, { trigger: 'manual' });
    const held = rows().find((r) => r.status === '保留')!;
    world.clock.advance(3_600_000);
    mall.control('advance', { orderId: held.orderId });
    runFetch(env, { trigger: 'manual' });
    const after = rows().filter((r) => r.orderId === held.orderId);
    expect(
      after.every((r) => r.status === '新規受付' && r.mallStatus === 'AWAITING_SHIPMENT' && r.address !== ''),
    ).toBe(true);
  });

  test('a cancellation is shown readably at export, then flips the rows to キャンセル on the next fetch', () => {
    const { world, book, env, mall, rows } = engine();
    runFetch(env, { trigger: 'manual' });
    fillTrackingAsSeller(book, 'Asia/Tokyo', world.clock.now());
    const victim = rows().find((r) => r.tracking !== '' && r.status === '新規受付')!;
    mall.control('cancel', { orderId: victim.orderId });
    expect(runExport(env, { trigger: 'manual' }).exitCode).toBe(1);
    expect(rows().find((r) => r.lineId === victim.lineId)!.result).toMatch(/キャンセル.*TikTok 21011041/);
    world.clock.advance(60_000);
    runFetch(env, { trigger: 'manual' });
    expect(
      rows()
        .filter((r) => r.orderId === victim.orderId)
        .every((r) => r.status === 'キャンセル'),
    ).toBe(true);
  });

  test('a wrong app secret fails the shop readably, without the secret', () => {
    const { env } = engine({ credentials: { appSecret: 'nope-secret-42' } });
    const r = runFetch(env, { trigger: 'manual' });
    expect(r.exitCode).toBe(1);
    expect(r.shops[0].message).toContain('アクセストークンを更新できません');
    expect(r.shops[0].message).not.toContain('nope-secret-42');
  });
});
