import { tiktokConnector } from '../../../src/malls/tiktok';
import { STORE } from '../../../src/malls/tiktok/client';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { tiktokWorld } from './helpers';

describe('TikTok check', () => {
  test('all green for the demo shop: statuses, auth, expiry, shop and every carrier of the table', () => {
    const { ctx } = tiktokWorld();
    const lines = tiktokConnector.check(ctx, DEMO_CARRIERS);
    expect(lines.map((l) => l.id)).toEqual([
      'statuses',
      'auth',
      'expiry',
      'shop',
      'carrier:ヤマト運輸',
      'carrier:佐川急便',
      'carrier:日本郵便',
    ]);
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(lines.find((l) => l.id === 'expiry')!.message).toMatch(/有効期限: \d{4}-\d{2}-\d{2}/);
    expect(ctx.expiry.value).toBeGreaterThan(0);
  });

  test('a bad status, an unknown carrier and a soon-expiring authorization are flagged', () => {
    const { ctx, world } = tiktokWorld({
      shop: { fetch: { statuses: ['AWAITING_SHIPMENT', 'UN_SHIPPING'], days: 7 } },
    });
    tiktokConnector.check(ctx, []);
    ctx.store.set(STORE.refreshTokenExpiresAt, String(Math.floor(world.clock.now() / 1000) + 10 * 86_400));
    const lines = tiktokConnector.check(ctx, [...DEMO_CARRIERS, { name: '西濃運輸', tiktok: 'Seino' }]);
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(byId.statuses).toMatchObject({ ok: false });
    expect(byId.statuses.message).toContain('UN_SHIPPING');
    expect(byId.expiry).toMatchObject({ ok: false });
    expect(byId.expiry.message).toMatch(/再認証/);
    expect(byId['carrier:西濃運輸']).toMatchObject({ ok: false });
    expect(byId['carrier:ヤマト運輸']).toMatchObject({ ok: true });
  });

  test('failed auth stops the check with a readable line', () => {
    const { ctx } = tiktokWorld({ credentials: { refreshToken: 'TTP_unknown' } });
    const lines = tiktokConnector.check(ctx, DEMO_CARRIERS);
    expect(lines.map((l) => l.id)).toEqual(['statuses', 'auth']);
    expect(lines[1]).toMatchObject({ ok: false });
    expect(lines[1].message).toMatch(/アクセストークンを更新できません/);
    expect(lines[1].message).not.toContain('TTP_unknown');
  });
});
