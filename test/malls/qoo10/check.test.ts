import { qoo10Connector } from '../../../src/malls/qoo10';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { QOO10_SANDBOX_CREDENTIALS } from '../../../src/sandbox/qoo10';
import { qoo10Ctx, qoo10World } from './helpers';

describe('Qoo10 check', () => {
  test('healthy shop: key, estimated expiry, statuses, carriers and the ship-date caveat', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const lines = qoo10Connector.check(ctx, [
      ...DEMO_CARRIERS,
      { name: 'ネコポス便', qoo10: 'ネコポス' },
      { name: '郵便局', qoo10: '日本郵便' },
      { name: '西濃' },
    ]);
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(byId.auth).toMatchObject({ ok: true, message: '販売認証キー OK（発行日 2026-11-22）' });
    expect(byId.expiry.message).toContain('2027-11-22');
    expect(byId.statuses).toMatchObject({ ok: true, message: expect.stringContaining('SHIPPING_REQUESTED(2)') });
    expect(byId['carrier:ヤマト運輸']).toMatchObject({ ok: true, message: expect.stringContaining('ヤマト宅急便') });
    expect(byId['carrier:ネコポス便'].ok).toBe(true);
    expect(byId['carrier:日本郵便']).toMatchObject({ ok: true, message: expect.stringContaining('ゆうパック') });
    // '日本郵便' is not a name Qoo10 is known to accept: a warning that says what to check
    expect(byId['carrier:郵便局']).toMatchObject({ ok: true, message: expect.stringContaining('QSM') });
    expect(byId['carrier:西濃']).toMatchObject({
      ok: false,
      message: expect.stringContaining('Qoo10 の配送会社名がありません'),
    });
    expect(byId.shipdate.message).toContain('出荷日');
    expect(ctx.expiry.value).not.toBeNull();
  });

  test('wrong password: auth fails with the readable reason, other lines still shown', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, { credentials: { ...QOO10_SANDBOX_CREDENTIALS, password: 'bad' } });
    const lines = qoo10Connector.check(ctx, DEMO_CARRIERS);
    expect(lines.find((l) => l.id === 'auth')).toMatchObject({
      ok: false,
      message: expect.stringContaining('コード -10001'),
    });
    expect(lines.find((l) => l.id === 'expiry')).toBeUndefined();
    expect(lines.find((l) => l.id === 'statuses')?.ok).toBe(true);
  });

  test.each([
    ['2026-03-01', true, /API キーの有効期限（発行日 2026-03-01 から 1 年）: 2027-03-01/],
    ['2025-12-10', false, /API キーの有効期限が近づいています（2026-12-10、あと 17 日）/],
    ['2025-11-01', false, /API キーの有効期限（2026-11-01）を過ぎています/],
    [undefined, true, /API キーの発行日が未設定です/],
  ])('the API key issued on %s: shown, and warned of a month ahead', (issuedOn, ok, text) => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, {
      credentials: { ...QOO10_SANDBOX_CREDENTIALS, ...(issuedOn ? { apiKeyIssuedOn: issuedOn } : {}) },
    });
    const line = qoo10Connector.check(ctx, DEMO_CARRIERS).find((l) => l.id === 'apiKeyExpiry');
    expect(line).toMatchObject({ ok, message: expect.stringMatching(text) });
  });

  test('an API key issue date that is not a date is refused by the credentials schema', () => {
    const parsed = qoo10Connector.credentialsSchema.safeParse({
      ...QOO10_SANDBOX_CREDENTIALS,
      apiKeyIssuedOn: '2026/13/01',
    });
    expect(parsed.success).toBe(false);
    expect(
      qoo10Connector.credentialsSchema.safeParse({ ...QOO10_SANDBOX_CREDENTIALS, apiKeyIssuedOn: '2026-02-28' })
        .success,
    ).toBe(true);
  });

  test('unknown statuses are reported', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, { fetch: { statuses: ['SHIPPING_REQUESTED', 'PAID'], days: 7 } });
    expect(qoo10Connector.check(ctx, []).find((l) => l.id === 'statuses')).toMatchObject({
      ok: false,
      message: expect.stringContaining('PAID'),
    });
  });
});
