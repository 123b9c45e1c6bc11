import { qoo10Connector } from '../../../src/malls/qoo10';
import { Qoo10Client } from '../../../src/malls/qoo10/client';
import type { HttpRequest } from '../../../src/ports';
import { QOO10_SANDBOX_CREDENTIALS } from '../../../src/sandbox/qoo10';
import { DAY, fetchAll, qoo10Ctx, qoo10World } from './helpers';

const keyCalls = (sent: HttpRequest[]) => sent.filter((r) => r.url.endsWith('CertificationAPI.CreateCertificationKey'));

describe('Qoo10 seller auth key', () => {
  test('issued once from API key + login, cached with its issue date, expiry recorded', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    const calls = keyCalls(world.http.sent);
    expect(calls).toHaveLength(1);
    expect(calls[0].headers?.GiosisCertificationKey).toBe(QOO10_SANDBOX_CREDENTIALS.apiKey);
    const body = new URLSearchParams(calls[0].body);
    expect(body.get('user_id')).toBe(QOO10_SANDBOX_CREDENTIALS.userId);
    expect(body.get('pwd')).toBe(QOO10_SANDBOX_CREDENTIALS.password);
    expect(ctx.store.get('qoo10.sak')).toMatch(/^SAK/);
    expect(Number(ctx.store.get('qoo10.sakIssuedAt'))).toBe(now);
    expect(ctx.expiry.value).toBe(now + 365 * DAY);
    // every later call carries the seller key, never the API key
    const others = world.http.sent.filter((r) => !r.url.endsWith('CreateCertificationKey'));
    expect(others.every((r) => r.headers?.GiosisCertificationKey === ctx.store.get('qoo10.sak'))).toBe(true);
    expect(world.sandbox.state('qoo10').keysIssued).toBe(1);
  });

  test.each(['key', 'result', 'error'])(
    'an expired key (%s form) is re-issued and the call retried once',
    (envelope) => {
      const { world, mall } = qoo10World();
      const ctx = qoo10Ctx(world);
      const now = world.clock.now();
      fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
      const oldKey = ctx.store.get('qoo10.sak');
      mall.control('expire', { envelope });
      world.clock.advance(DAY);
      const t2 = world.clock.now();
      const { lines } = fetchAll(ctx, { from: now - 7 * DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
      expect(lines.length).toBeGreaterThan(0);
      const codes = world.sandbox.state('qoo10').calls.map((c) => c.code);
      expect(codes.filter((c) => c === { key: -90001, result: -90004, error: -90005 }[envelope])).toHaveLength(1);
      expect(keyCalls(world.http.sent)).toHaveLength(2);
      expect(ctx.store.get('qoo10.sak')).not.toBe(oldKey);
      const issuedAt = Number(ctx.store.get('qoo10.sakIssuedAt'));
      expect(issuedAt).toBeGreaterThanOrEqual(t2);
      expect(ctx.expiry.value).toBe(issuedAt + 365 * DAY);
    },
  );

  test('re-issued ahead of time after ~11 months, without waiting for an error', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    world.clock.advance(300 * DAY);
    fetchAll(ctx, { from: world.clock.now() - DAY, to: world.clock.now(), statuses: ['SHIPPING_REQUESTED'] });
    expect(world.sandbox.state('qoo10').keysIssued).toBe(1);
    world.clock.advance(40 * DAY);
    fetchAll(ctx, { from: world.clock.now() - DAY, to: world.clock.now(), statuses: ['SHIPPING_REQUESTED'] });
    expect(world.sandbox.state('qoo10').keysIssued).toBe(2);
    expect(world.sandbox.state('qoo10').calls.some((c) => c.code === -90004 || c.code === -90005)).toBe(false);
  });

  test('a key cached for one login is not reused for another: a new one is requested', () => {
    const { world } = qoo10World();
    const now = world.clock.now();
    fetchAll(qoo10Ctx(world), { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    const wrongUser = qoo10Ctx(world, { credentials: { ...QOO10_SANDBOX_CREDENTIALS, userId: 'someone-else' } });
    expect(() => fetchAll(wrongUser, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] })).toThrow(
      /販売認証キーを発行できません/,
    );
    expect(keyCalls(world.http.sent)).toHaveLength(2);
    expect(world.sandbox.state('qoo10').keysIssued).toBe(1);
  });

  test('a wrong password is a clear error naming the shop, with no secret in it', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, { credentials: { ...QOO10_SANDBOX_CREDENTIALS, password: 'wrong-Secret-42' } });
    const now = world.clock.now();
    let message = '';
    try {
      qoo10Connector.fetch(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'], cursor: null });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^Qoo10 の販売認証キーを発行できません（コード -10001: .*）。ショップ「Qoo10 デモ店」の APIキー・販売者ID・パスワードを確認してください$/,
    );
    expect(message).not.toContain('wrong-Secret-42');
    expect(message).not.toContain(QOO10_SANDBOX_CREDENTIALS.apiKey);
  });

  test('a wrong API key is a clear error too, in English when asked', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, { credentials: { ...QOO10_SANDBOX_CREDENTIALS, apiKey: 'nope' } }, { locale: 'en' });
    const now = world.clock.now();
    expect(() =>
      qoo10Connector.fetch(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'], cursor: null }),
    ).toThrow(
      /^Qoo10 does not accept the API key \(code -90001: invalid or expired\)\. The API key expires after a year .* of shop "Qoo10 デモ店"$/,
    );
  });

  test('missing credentials name the field', () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, { credentials: { apiKey: 'k', userId: 'u' } });
    expect(() => qoo10Connector.fetch(ctx, { from: 0, to: 1, statuses: ['SHIPPING_REQUESTED'], cursor: null })).toThrow(
      /Qoo10 デモ店.*password/,
    );
  });

  test('a key rejected twice is reported, not retried forever', () => {
    const { world, mall } = qoo10World();
    const ctx = qoo10Ctx(world);
    const client = new Qoo10Client(ctx, { ...QOO10_SANDBOX_CREDENTIALS });
    client.keyIssuedAt();
    mall.control('expire', {});
    // every key the sandbox issues from now on is expired at once
    const env = (() => {
      const orig = mall.handle.bind(mall);
      mall.handle = (req) => {
        const res = orig(req);
        mall.control('expire', {});
        return res;
      };
      return client.call('ShippingBasic.GetShippingInfo_v3', {
        ShippingStatus: '2',
        SearchStartDate: '20261120',
        SearchEndDate: '20261121',
      });
    })();
    expect(env.code).toBe(-90001);
    expect(keyCalls(world.http.sent)).toHaveLength(2);
  });

  test('a wrong or expired key (-90001) is re-issued once, then reported plainly as an invalid key', () => {
    const { world, mall } = qoo10World();
    const ctx = qoo10Ctx(world);
    const now = world.clock.now();
    fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    // the yearly API key lapsed (Qoo10 gives no notice): the cached seller key and a new one both fail
    mall.control('rotateApiKey', {});
    expect(() => fetchAll(qoo10Ctx(world), { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] })).toThrow(
      /^Qoo10 が API キーを受け付けません（コード -90001: 無効か期限切れ）。.*QSM で API キーを確認・再発行/,
    );
    expect(keyCalls(world.http.sent)).toHaveLength(2);
  });

  test("the API key issue date: the shown expiry is a year after it when that comes before the seller key's", () => {
    const { world } = qoo10World();
    const ctx = qoo10Ctx(world, { credentials: { ...QOO10_SANDBOX_CREDENTIALS, apiKeyIssuedOn: '2026-03-01' } });
    const now = world.clock.now();
    fetchAll(ctx, { from: now - DAY, to: now, statuses: ['SHIPPING_REQUESTED'] });
    expect(ctx.expiry.value).toBe(Date.UTC(2027, 2, 1) - 9 * 3_600_000);
  });
});
