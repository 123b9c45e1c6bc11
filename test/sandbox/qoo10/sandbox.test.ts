import { ShopBaseSchema } from '../../../src/engine/settings/schema';
import { qoo10Connector } from '../../../src/malls/qoo10';
import { answered } from '../../../src/sandbox/controls';
import {
  createQoo10Sandbox,
  demoQoo10Shop,
  QOO10_SANDBOX_CREDENTIALS,
  type Qoo10CartView,
  type Qoo10StateView,
} from '../../../src/sandbox/qoo10';
import { Sandbox } from '../../../src/sandbox/sandbox';
import type { MallSandbox } from '../../../src/sandbox/types';
import { SANDBOX_URL } from '../../support/worlds';

const PATH = '/GMKT.INC.Front.QAPIService/ebayjapan.qapi/';
const DAY = 86_400_000;

function world(orders = 30) {
  let t = Date.UTC(2026, 10, 22);
  const mall = createQoo10Sandbox({ now: () => t, seed: 3, orders });
  const tick = (ms = 1000) => (t += ms);
  /** one QAPI call; the clock moves a second each time so the rate limit stays out of the way */
  const call = (method: string, params: Record<string, string>, key: string, headers: Record<string, string> = {}) => {
    tick();
    const res = mall.handle({
      method: 'POST',
      path: PATH + method,
      query: {},
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        giosiscertificationkey: key,
        qapiversion: '1.0',
        ...headers,
      },
      body: new URLSearchParams(params).toString(),
    });
    return {
      status: res.status,
      body: res.status === 200 ? (JSON.parse(res.body) as Record<string, unknown>) : res.body,
    };
  };
  const issue = () =>
    call(
      'CertificationAPI.CreateCertificationKey',
      { user_id: QOO10_SANDBOX_CREDENTIALS.userId, pwd: QOO10_SANDBOX_CREDENTIALS.password },
      QOO10_SANDBOX_CREDENTIALS.apiKey,
    ).body as { ResultObject: string };
  /** GetShippingInfo_v3's rows of one status, 1–22 Nov 2026, as a list whatever shape the envelope gives them */
  const shippingRows = <T>(key: string, status: string): T[] => {
    const obj = (
      call(
        'ShippingBasic.GetShippingInfo_v3',
        { ShippingStatus: status, SearchStartDate: '20261101', SearchEndDate: '20261122' },
        key,
      ).body as { ResultObject: unknown }
    ).ResultObject;
    return (Array.isArray(obj) ? obj : obj ? [obj] : []) as T[];
  };
  return { mall, call, issue, tick, shippingRows, now: () => t };
}

const REJECTED = { ErrorCode: -90001, ErrorMsg: '存在しないAPIです。' };
const orders = (mall: MallSandbox) => answered<{ orders: Qoo10CartView[] }>(mall.control('orders', {})).orders;

describe('Qoo10 sandbox: auth', () => {
  test('CreateCertificationKey checks the API key header and the login', () => {
    const { call, issue } = world();
    expect(
      call(
        'CertificationAPI.CreateCertificationKey',
        { user_id: 'sandbox-seller', pwd: 'x' },
        QOO10_SANDBOX_CREDENTIALS.apiKey,
      ).body,
    ).toMatchObject({ ResultCode: -10001 });
    // a wrong API key: the ErrorCode envelope at HTTP 200, worded as if the API did not exist (docs/malls/qoo10.md §2)
    expect(
      call(
        'CertificationAPI.CreateCertificationKey',
        { user_id: 'sandbox-seller', pwd: QOO10_SANDBOX_CREDENTIALS.password },
        'other',
      ),
    ).toEqual({ status: 200, body: REJECTED });
    expect(issue()).toMatchObject({ ResultCode: 0, ResultObject: expect.stringMatching(/^SAK/) });
  });

  test('methods need a seller key in GiosisCertificationKey: not the API key, not a made-up one', () => {
    const { call, issue } = world();
    const p = { ShippingStatus: '2', SearchStartDate: '20261120', SearchEndDate: '20261121' };
    expect(call('ShippingBasic.GetShippingInfo_v3', p, 'SAK-made-up')).toEqual({ status: 200, body: REJECTED });
    expect(call('ShippingBasic.GetShippingInfo_v3', p, QOO10_SANDBOX_CREDENTIALS.apiKey).body).toMatchObject({
      ResultCode: -10000,
      ResultMsg: 'Login IDは必須です',
    });
    const key = issue().ResultObject;
    expect(call('ShippingBasic.GetShippingInfo_v3', p, key).body).toMatchObject({ ResultCode: 0 });
    expect(call('ShippingBasic.GetShippingInfo_v3', p, key, { qapiversion: '1.1' }).body).toMatchObject({
      ResultCode: -90001,
    });
    expect(call('ShippingBasic.NoSuchMethod', p, key).body).toMatchObject({ ResultCode: -90001 });
  });

  test("keys expire after a year of the sandbox clock (-90001), or on command in the method tables' codes", () => {
    const { call, issue, tick, mall } = world();
    const p = { ShippingStatus: '2', SearchStartDate: '20261120', SearchEndDate: '20261121' };
    const key = issue().ResultObject;
    tick(364 * DAY);
    expect(call('ShippingBasic.GetShippingInfo_v3', p, key).body).toMatchObject({ ResultCode: 0 });
    tick(2 * DAY);
    expect(call('ShippingBasic.GetShippingInfo_v3', p, key).body).toEqual(REJECTED);
    const k2 = issue().ResultObject;
    mall.control('expire', { envelope: 'error' });
    expect(call('ShippingBasic.GetShippingInfo_v3', p, k2).body).toEqual({
      ErrorCode: -90005,
      ErrorMsg: expect.any(String),
    });
    const k3 = issue().ResultObject;
    mall.control('expire', { envelope: 'result' });
    expect(call('ShippingBasic.GetShippingInfo_v3', p, k3).body).toMatchObject({ ResultCode: -90004 });
  });

  test("'rotateApiKey': the old API key and the seller keys it issued stop working", () => {
    const { call, issue, mall } = world();
    const p = { ShippingStatus: '2', SearchStartDate: '20261120', SearchEndDate: '20261121' };
    const key = issue().ResultObject;
    const { apiKey } = answered<{ apiKey: string }>(mall.control('rotateApiKey', {}));
    expect(call('ShippingBasic.GetShippingInfo_v3', p, key).body).toEqual(REJECTED);
    expect(issue()).toEqual(REJECTED);
    const login = { user_id: QOO10_SANDBOX_CREDENTIALS.userId, pwd: QOO10_SANDBOX_CREDENTIALS.password };
    expect(call('CertificationAPI.CreateCertificationKey', login, apiKey).body).toMatchObject({ ResultCode: 0 });
  });
});

describe('Qoo10 sandbox: searches', () => {
  test('dates: 8 or 14 digits only, start before end, at most 90 days', () => {
    const { call, issue } = world();
    const key = issue().ResultObject;
    const q = (s: string, e: string) =>
      (
        call('ShippingBasic.GetShippingInfo_v3', { ShippingStatus: '2', SearchStartDate: s, SearchEndDate: e }, key)
          .body as { ResultCode: number }
      ).ResultCode;
    expect(q('2026-11-01', '2026-11-20')).toBe(-10002);
    expect(q('20261120', '20261101')).toBe(-10002);
    expect(q('20261332', '20261401')).toBe(-10002);
    expect(q('20260801', '20261120')).toBe(-10003);
    expect(q('20260824', '20261121')).toBe(0); // 89 days + the whole last day
    expect(q('20261101000000', '20261121235959')).toBe(0);
    // 90 days less a second, but touching 91 JST calendar days: over the cap; 89 days is within it
    expect(q('20260823100000', '20261121095959')).toBe(-10003);
    expect(q('20260824100000', '20261121095959')).toBe(0);
    const claims = call(
      'ShippingBasic.GetClaimInfo_V3',
      { ClaimStat: '3', search_Sdate: '20260101', search_Edate: '20261120' },
      key,
    ).body;
    expect(claims).toMatchObject({ ResultCode: -10003 });
  });

  test('a JSON body is not read as form fields', () => {
    const { mall, issue, tick } = world();
    const key = issue().ResultObject;
    tick();
    const res = mall.handle({
      method: 'POST',
      path: `${PATH}ShippingBasic.GetShippingInfo_v3`,
      query: {},
      headers: { 'content-type': 'application/json', giosiscertificationkey: key, qapiversion: '1.0' },
      body: JSON.stringify({ ShippingStatus: '2', SearchStartDate: '20261120', SearchEndDate: '20261121' }),
    });
    expect(JSON.parse(res.body)).toMatchObject({ ResultCode: -10002 });
  });

  test('one status per call, labels carry the code, cancelled lines vanish; 0 means 1–3', () => {
    const { issue, mall, shippingRows } = world(60);
    const key = issue().ResultObject;
    const rows = (st: string) => shippingRows<{ ShippingStatus: string; OrderNo: number }>(key, st);
    const two = rows('2');
    expect(two.length).toBeGreaterThan(0);
    expect(two.every((r) => r.ShippingStatus === 'On request(2)')).toBe(true);
    const cancelled = orders(mall)
      .filter((o) => o.claim === '3')
      .flatMap((o) => o.orderNos);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(two.some((r) => cancelled.includes(String(r.OrderNo)))).toBe(false);
    expect(rows('0').length).toBe(rows('1').length + two.length + rows('3').length);
  });

  test('envelope shapes: null when empty, one object alone, ResultCode numeric, claim status as a numeric string', () => {
    const { call, issue, mall } = world(60);
    const key = issue().ResultObject;
    const empty = call(
      'ShippingBasic.GetShippingInfo_v3',
      { ShippingStatus: '2', SearchStartDate: '20250101', SearchEndDate: '20250102' },
      key,
    ).body;
    expect(empty).toMatchObject({ ResultCode: 0, ResultObject: null });
    const target = orders(mall).find((o) => o.status === 2 && !o.claim && o.orderNos.length === 1)!;
    mall.control('cancel', { packNo: target.packNo, stat: '16' });
    const claim = call(
      'ShippingBasic.GetClaimInfo_V3',
      { ClaimStat: '16', search_Sdate: '20261122', search_Edate: '20261122', search_condition: '2' },
      key,
    ).body as Record<string, unknown>;
    expect(claim.ResultCode).toBe(0);
    expect(claim.ResultObject).toMatchObject({
      orderNo: Number(target.orderNos[0]),
      packNo: Number(target.packNo),
      claimStatus: '16',
    });
    const cart = orders(mall).find((o) => o.orderNos.length > 1 && o.status === 2 && !o.claim)!;
    const lines = call(
      'ShippingBasic.GetShippingInfo_v3',
      { ShippingStatus: '2', SearchStartDate: '20261101', SearchEndDate: '20261122' },
      key,
    ).body as { ResultObject: { OrderNo: number; RelatedOrder: string }[] };
    // "12345432, 12343212" as documented
    expect(lines.ResultObject.find((r) => String(r.OrderNo) === cart.orderNos[0])?.RelatedOrder).toBe(
      cart.orderNos.join(', '),
    );
  });
});

describe('Qoo10 sandbox: controls', () => {
  test("'advance' moves a cart to another status, as the seller's confirmation in QSM would", () => {
    const { issue, mall, shippingRows } = world(60);
    const key = issue().ResultObject;
    const target = orders(mall).find((o) => o.status === 2 && !o.claim)!;
    const ids = (st: string) => shippingRows<{ OrderNo: number }>(key, st).map((r) => String(r.OrderNo));
    expect(ids('2')).toEqual(expect.arrayContaining(target.orderNos));
    expect(mall.control('advance', { packNo: target.packNo, status: 3 })).toEqual({
      ok: true,
      changed: target.orderNos.length,
    });
    expect(ids('2')).not.toEqual(expect.arrayContaining([target.orderNos[0]]));
    expect(ids('3')).toEqual(expect.arrayContaining(target.orderNos));
  });
});

describe('Qoo10 sandbox: SetSendingInfo', () => {
  test('result codes per field and order state; success moves the line to On delivery(4)', () => {
    const { call, issue, mall } = world(60);
    const key = issue().ResultObject;
    const os = orders(mall);
    const ready = os.find((o) => o.status === 2 && !o.claim)!.orderNos[0];
    const unpaid = os.find((o) => o.status === 1 && !o.claim)!.orderNos[0];
    const send = (OrderNo: string, ShippingCorp = 'ヤマト宅急便', TrackingNo = 'T-1') =>
      (call('ShippingBasic.SetSendingInfo', { OrderNo, ShippingCorp, TrackingNo }, key).body as { ResultCode: number })
        .ResultCode;
    expect(send('12x')).toBe(-10001);
    expect(send(ready, '')).toBe(-10002);
    expect(send(ready, 'ヤマト宅急便', '')).toBe(-10003);
    expect(send(ready, 'ヤマト宅急便', 'X'.repeat(51))).toBe(-10003);
    expect(send('1999999999')).toBe(-10004);
    expect(send(unpaid)).toBe(-10010);
    expect(send(ready)).toBe(0);
    expect(send(ready)).toBe(-10010);
    const info = call('ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2', { OrderNo: ready }, key).body as {
      ResultObject: { shippingStatus: string; trackingNo: string }[];
    };
    expect(info.ResultObject[0]).toMatchObject({ shippingStatus: 'On delivery(4)', trackingNo: 'T-1' });
    const cancelled = os.find((o) => o.status === 3 && !o.claim)!;
    mall.control('cancel', { packNo: cancelled.packNo });
    expect(send(cancelled.orderNos[0])).toBe(-10100);
    expect(answered<Qoo10StateView>(mall.control('state', {})).shipments).toHaveLength(1);
  });
});

describe('Qoo10 sandbox: limits, faults, data', () => {
  test('more than the allowed requests in one second get HTTP 429 with Retry-After', () => {
    let t = 0;
    const mall = createQoo10Sandbox({ now: () => t, seed: 1 });
    const req = { method: 'POST', path: `${PATH}ShippingBasic.GetShippingInfo_v3`, query: {}, headers: {}, body: '' };
    const statuses = Array.from({ length: 6 }, () => mall.handle(req).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    t += 1001;
    expect(mall.handle(req).status).toBe(200);
  });

  test('injected faults answer the next requests, then normal service resumes', () => {
    const { mall, issue } = world();
    mall.control('fault', { kind: 503, count: 2 });
    mall.control('fault', { kind: 'malformed', count: 1 });
    const req = { method: 'POST', path: `${PATH}X`, query: {}, headers: {}, body: '' };
    expect(mall.handle(req).status).toBe(503);
    expect(mall.handle(req).status).toBe(503);
    expect(() => JSON.parse(mall.handle(req).body)).toThrow();
    expect(issue()).toMatchObject({ ResultCode: 0 });
  });

  test('sample data is deterministic per seed, hostile, and 10,000 orders on request', () => {
    const a = new Sandbox({ now: () => 0, seed: 5 }).mall('qoo10').control('orders', {});
    const b = new Sandbox({ now: () => 0, seed: 5 }).mall('qoo10').control('orders', {});
    const c = new Sandbox({ now: () => 0, seed: 6 }).mall('qoo10').control('orders', {});
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(answered<{ orders: unknown[] }>(a).orders.length).toBe(25);
    const big = createQoo10Sandbox({ now: () => 0, seed: 9, orders: 10_000 });
    const os = orders(big);
    expect(os).toHaveLength(10_000);
    expect(new Set(os.flatMap((o) => o.orderNos)).size).toBe(os.reduce((n, o) => n + o.orderNos.length, 0));
    expect(os.some((o) => o.claim === '3')).toBe(true);
    expect(os.some((o) => o.orderNos.length > 1)).toBe(true);
  });

  test('the demo shop is valid settings with the sandbox credentials', () => {
    const shop = ShopBaseSchema.parse(demoQoo10Shop(SANDBOX_URL));
    expect(shop).toMatchObject({
      mall: 'qoo10',
      enabled: true,
      defaultCarrier: 'ヤマト運輸',
      endpoints: { api: SANDBOX_URL },
    });
    expect(qoo10Connector.credentialsSchema.safeParse(shop.credentials).success).toBe(true);
    expect(shop.fetch.statuses.every((s) => qoo10Connector.statuses.includes(s))).toBe(true);
  });
});
