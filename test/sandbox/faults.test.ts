import { FaultQueue } from '../../src/sandbox/faults';

describe('FaultQueue: the fault injection every sandbox mall shares', () => {
  test('faults are taken in order, each for its count, by the requests they match', () => {
    const q = new FaultQueue([500, 503, 429, 'malformed', 'code']);
    const fault = q.control();
    expect(fault.run({ kind: 503, count: 2, path: '/order/' })).toEqual({ ok: true, queued: 2 });
    expect(fault.run({ kind: 'code', code: 4000004, type: 'bg.order.list.v2.get' })).toEqual({ ok: true, queued: 3 });
    expect(q.take({ path: '/fulfillment/x' })).toBeNull();
    expect(q.take({ path: '/order/search' })).toMatchObject({ kind: 503 });
    expect(q.take({ path: '/openapi/router', type: 'bg.order.list.v2.get' })).toMatchObject({
      kind: 'code',
      code: 4000004,
    });
    expect(q.take({ path: '/openapi/router', type: 'bg.order.list.v2.get' })).toBeNull();
    expect(q.take({ path: '/order/detail' })).toMatchObject({ kind: 503 });
    expect(q.take({ path: '/order/detail' })).toBeNull();
  });

  test('a kind the mall cannot render, a code fault without a code or a count of 0 is refused and queues nothing', () => {
    const q = new FaultQueue([500, 503, 429, 'malformed']);
    const fault = q.control();
    expect(fault.run({ kind: 'data', data: {} })).toEqual({
      ok: false,
      error: "kind data is not one of this mall's faults (500, 503, 429, malformed)",
    });
    expect(new FaultQueue(['code']).control().run({ kind: 'code' })).toEqual({
      ok: false,
      error: 'kind code needs a code',
    });
    expect(fault.run({ kind: 500, count: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/^count: /) });
    expect(q.take({ path: '/' })).toBeNull();
  });
});
