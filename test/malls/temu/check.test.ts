import { temuConnector } from '../../../src/malls/temu';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { temuCtx, temuWorld, windowReq } from './helpers';

describe('Temu check', () => {
  test('auth, expiry, scopes, warehouse and each carrier of the table', () => {
    const world = temuWorld();
    const ctx = temuCtx(world);
    const lines = temuConnector.check(ctx, [
      ...DEMO_CARRIERS,
      { name: 'DHL', temu: 'DHL' },
      { name: 'Qoo10 only', qoo10: 'x' },
    ]);
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect([...byId.keys()]).toEqual([
      'auth',
      'expiry',
      'scopes',
      'warehouse',
      'carrier:ヤマト運輸',
      'carrier:佐川急便',
      'carrier:日本郵便',
      'carrier:DHL',
    ]);
    expect(lines.filter((l) => !l.ok).map((l) => l.id)).toEqual(['carrier:DHL']);
    expect(byId.get('carrier:ヤマト運輸')!.message).toContain('998264701');
    expect(byId.get('warehouse')!.message).toContain('WH-00000000000000101');
    expect(ctx.expiry.value).not.toBeNull();
  });

  test('warns 14 days ahead of the token expiry; notes missing amount permission', () => {
    const world = temuWorld();
    world.sandbox.control('temu', 'expiry', { inDays: 13 });
    world.sandbox.control('temu', 'deny-amounts', { deny: true });
    const lines = temuConnector.check(temuCtx(world), []);
    expect(lines.find((l) => l.id === 'expiry')).toMatchObject({
      ok: false,
      message: expect.stringContaining('13 日後'),
    });
    expect(lines.find((l) => l.id === 'scope:amounts')).toMatchObject({
      ok: true,
      message: expect.stringContaining('単価'),
    });
  });

  test('a token that lists the v1 API names (every public sample does) has the permissions; v2 names too', () => {
    const world = temuWorld();
    const v1 = [
      'bg.order.list.get',
      'bg.order.shippinginfo.get',
      'bg.logistics.shipment.confirm',
      'bg.logistics.shipment.get',
    ];
    const v2 = [
      'bg.order.list.v2.get',
      'bg.order.shippinginfo.v2.get',
      'bg.logistics.shipment.v2.confirm',
      'bg.logistics.shipment.v2.get',
    ];
    const common = [
      'bg.logistics.companies.get',
      'bg.logistics.warehouse.list.get',
      'bg.order.amount.query',
      'bg.logistics.shipment.shippingtype.update',
    ];
    for (const names of [v1, v2]) {
      world.sandbox.control('temu', 'scopes', { apiScopeList: [...names, ...common] });
      expect(temuConnector.check(temuCtx(world), []).find((l) => l.id === 'scopes')).toMatchObject({ ok: true });
    }
    world.sandbox.control('temu', 'scopes', { apiScopeList: [...v1.slice(1), ...common.slice(0, 3)] });
    const lines = temuConnector.check(temuCtx(world), []);
    expect(lines.find((l) => l.id === 'scopes')).toMatchObject({
      ok: false,
      message: expect.stringContaining('bg.order.list.v2.get'),
    });
    expect(lines.find((l) => l.id === 'scope:trackingChange')).toMatchObject({
      ok: true,
      message: expect.stringContaining('Seller Center'),
    });
  });

  test.each([
    ['appKey', 'no-such-app', 3000026, /App Key/],
    ['accessToken', 'no-such-token', 3000031, /再認証/],
  ])('a wrong %s: the check says what to do (%s → %i)', (field, value, code, word) => {
    const world = temuWorld();
    const lines = temuConnector.check(
      temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, [field]: value } }),
      DEMO_CARRIERS,
    );
    expect(lines).toEqual([{ id: 'auth', ok: false, message: expect.stringMatching(word) }]);
    expect(lines[0].message).toContain(String(code));
  });

  test("a suspended app stops the shop's fetch before any list call", () => {
    const world = temuWorld();
    world.sandbox.control('temu', 'suspend', {});
    const ctx = temuCtx(world);
    expect(() => temuConnector.fetch(ctx, { ...windowReq(world, ['UN_SHIPPING']), cursor: null })).toThrow(
      /サポートに連絡.*3000028/,
    );
    expect(world.sandbox.state('temu').requestsByType['bg.order.list.v2.get']).toBeUndefined();
  });

  test('a wrong secret gives one failing auth line with the signature message', () => {
    const world = temuWorld();
    const lines = temuConnector.check(
      temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'nope' } }),
      DEMO_CARRIERS,
    );
    expect(lines).toEqual([{ id: 'auth', ok: false, message: expect.stringMatching(/署名.*3000001/) }]);
  });

  test('an unknown warehouseId is reported', () => {
    const world = temuWorld();
    const lines = temuConnector.check(temuCtx(world, { warehouseId: 'WH-404' }), []);
    expect(lines.find((l) => l.id === 'warehouse')).toMatchObject({
      ok: false,
      message: expect.stringContaining('WH-404'),
    });
  });
});
