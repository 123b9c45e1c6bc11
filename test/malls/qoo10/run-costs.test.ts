import { qoo10Connector } from '../../../src/malls/qoo10';
import { metered } from '../../support/metered-run';
import { DAY, exportOrder, fetchAll, qoo10Ctx, qoo10World } from './helpers';

const sentTo = (world: ReturnType<typeof qoo10World>['world'], method: string) =>
  world.http.sent.filter((r) => r.url.endsWith(method)).length;

describe('Qoo10: what a run costs', () => {
  test('the seller auth key is read once per run and nothing is written while it stays valid', () => {
    const { world } = qoo10World({ orders: 40 });
    const now = world.clock.now();
    fetchAll(qoo10Ctx(world), { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED'] }); // issues the key
    const keyEntries = () => {
      const store = qoo10Ctx(world).store;
      return store
        .keys()
        .filter((k) => !k.startsWith('fetch:'))
        .map((k) => [k, store.get(k)]);
    };
    const key = keyEntries();
    expect(key.length).toBeGreaterThan(0);
    const m = metered(qoo10Ctx(world));
    fetchAll(m.run, { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'] });
    const ready = world.sandbox
      .orders('qoo10')
      .filter((o) => o.status === 2 && !o.claim)
      .slice(0, 6);
    const out = qoo10Connector.exportOrders(
      m.run,
      ready.map((o, i) => exportOrder(o, `T${i}`)),
      { dryRun: false },
    );
    expect(out.length).toBeGreaterThanOrEqual(6);
    expect(out.every((o) => o.kind === 'ok')).toBe(true);
    // the key's three entries, plus the fetch's list digest and claims time (src/malls/qoo10/fetch.ts)
    expect(m.props.gets).toBeLessThanOrEqual(5);
    // the two fetch entries change (another status set, claims read); the key is never rewritten
    expect(m.props.sets).toBeLessThanOrEqual(2);
    expect(keyEntries()).toEqual(key);
    expect(m.expiries()).toBe(1);
  });

  test('a key the mall rejects mid-run is re-issued once; the new one is stored and recorded', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const now = world.clock.now();
    fetchAll(qoo10Ctx(world), { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    const m = metered(qoo10Ctx(world));
    const [a, b] = world.sandbox.orders('qoo10').filter((o) => o.status === 2 && !o.claim);
    qoo10Connector.exportOrders(m.run, [exportOrder(a, 'A1')], { dryRun: false });
    mall.control('expire', {});
    const out = qoo10Connector.exportOrders(m.run, [exportOrder(b, 'B1')], { dryRun: false });
    expect(out.every((o) => o.kind === 'ok')).toBe(true);
    expect(world.sandbox.state('qoo10').keysIssued).toBe(2);
    expect(m.props.sets).toBe(3);
    expect(m.expiries()).toBe(2);
  });

  test.each([
    ['ja', 'キャンセル要請', '1'],
    ['ja', 'キャンセル中', '2'],
    ['en', 'Cancel requested', '1'],
  ] as const)(
    'a line whose cancellation is pending (%s %s) is held with the reason, and nothing is sent for it',
    (locale, label, stat) => {
      const { world, mall } = qoo10World({ orders: 40 });
      const ctx = qoo10Ctx(world, {}, { locale });
      const [pending, fine] = world.sandbox
        .orders('qoo10')
        .filter((o) => o.status === 2 && !o.claim && o.orderNos.length === 1);
      mall.control('cancel', { packNo: pending.packNo, stat });
      const out = qoo10Connector.exportOrders(
        ctx,
        [exportOrder(pending, 'P1', 'ヤマト運輸', { mallStatus: label }), exportOrder(fine, 'F1')],
        { dryRun: false },
      );
      expect(out[0]).toMatchObject({ kind: 'held', message: expect.stringContaining(label) });
      expect(out[1]).toMatchObject({ kind: 'ok' });
      expect(sentTo(world, 'SetSendingInfo')).toBe(1);
      expect(sentTo(world, 'GetShippingAndClaimInfoByOrderNo_V2')).toBe(0);
      // a dry run says the same
      const preview = qoo10Connector.exportOrders(
        ctx,
        [exportOrder(pending, 'P1', 'ヤマト運輸', { mallStatus: label })],
        { dryRun: true },
      );
      expect(preview[0]).toMatchObject({ kind: 'held' });
    },
  );

  test('a line the sheet does not yet know to be under a claim is still sent, and the refusal explained', () => {
    const { world, mall } = qoo10World({ orders: 40 });
    const ctx = qoo10Ctx(world);
    const [o] = world.sandbox.orders('qoo10').filter((x) => x.status === 2 && !x.claim && x.orderNos.length === 1);
    mall.control('cancel', { packNo: o.packNo, stat: '1' });
    const [out] = qoo10Connector.exportOrders(ctx, [exportOrder(o, 'P1')], { dryRun: false });
    expect(out).toMatchObject({ kind: 'error', message: expect.stringMatching(/キャンセル要請.*-10100/) });
    expect(sentTo(world, 'GetShippingAndClaimInfoByOrderNo_V2')).toBe(1);
  });
});
