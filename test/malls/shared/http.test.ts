import { HttpTimeoutError } from '../../../src/engine/errors';
import { MemoryLogger, VirtualClock } from '../../../src/engine/memory-ports';
import { MallHttp, MallHttpError, parseJsonKeepingBigInts } from '../../../src/malls/shared/http';
import type { HttpPort, HttpRequest, HttpResponse } from '../../../src/ports';

function scripted(answers: (HttpResponse | Error)[]): HttpPort {
  let i = 0;
  const next = (): HttpResponse => {
    const a = answers[Math.min(i++, answers.length - 1)];
    if (a instanceof Error) throw a;
    return a;
  };
  return {
    fetch: () => next(),
    fetchAll: (reqs: HttpRequest[]) => reqs.map(() => next()),
  };
}

const ok: HttpResponse = { status: 200, body: '{}', headers: {} };
const req: HttpRequest = { url: 'http://127.0.0.1/x', method: 'post', body: '{}' };

describe('MallHttp', () => {
  test('retries 503 and 429 with backoff, then returns the answer', () => {
    const clock = new VirtualClock(0);
    const http = scripted([
      { status: 503, body: '', headers: {} },
      { status: 429, body: '', headers: { 'retry-after': '2' } },
      ok,
    ]);
    const client = new MallHttp(
      { http, clock, log: new MemoryLogger(), deadline: 60_000 },
      { mall: 'X', ratePerSecond: 10, rateKey: 'k1' },
    );
    expect(client.call(req).status).toBe(200);
    expect(clock.now()).toBe(500 + 2000);
  });

  test('gives up with a MallHttpError after maxAttempts network failures', () => {
    const clock = new VirtualClock(0);
    const http = scripted([new Error('ECONNREFUSED')]);
    const client = new MallHttp(
      { http, clock, log: new MemoryLogger(), deadline: 60_000 },
      { mall: 'X', ratePerSecond: 10, rateKey: 'k2', maxAttempts: 3 },
    );
    expect(() => client.call(req)).toThrow(MallHttpError);
  });

  test('never sleeps past the deadline', () => {
    const clock = new VirtualClock(0);
    const http = scripted([{ status: 500, body: '', headers: {} }]);
    const client = new MallHttp(
      { http, clock, log: new MemoryLogger(), deadline: 100 },
      { mall: 'X', ratePerSecond: 10, rateKey: 'k3' },
    );
    expect(() => client.call(req)).toThrow(/HTTP 500/);
    expect(clock.now()).toBe(0);
  });

  test('callAll sends in waves no larger than the rate limit', () => {
    const clock = new VirtualClock(0);
    const waves: number[] = [];
    const fetchAll = (r: readonly unknown[]) => {
      waves.push(clock.now());
      return r.map(() => ok);
    };
    const http: HttpPort = { fetch: () => ok, fetchAll };
    const client = new MallHttp(
      { http, clock, log: new MemoryLogger(), deadline: 60_000 },
      { mall: 'X', ratePerSecond: 20, rateKey: 'k4' },
    );
    expect(client.callAll(new Array(50).fill(req))).toHaveLength(50);
    expect(waves).toEqual([0, 1050, 2100]);
  });

  test('when fetchAll fails as a whole, the per-request re-sends still keep to the rate limit', () => {
    const clock = new VirtualClock(0);
    const times: number[] = [];
    const http: HttpPort = {
      fetch: () => {
        times.push(clock.now());
        return ok;
      },
      fetchAll: () => {
        throw new Error('Address unavailable');
      },
    };
    const client = new MallHttp(
      { http, clock, log: new MemoryLogger(), deadline: 60_000 },
      { mall: 'X', ratePerSecond: 2, rateKey: 'k6' },
    );
    expect(client.callAll([req, req])).toHaveLength(2);
    expect(times).toEqual([0, 1050]);
  });

  test('minIntervalMs spaces single sends', () => {
    const clock = new VirtualClock(0);
    const times: number[] = [];
    const fetch = () => {
      times.push(clock.now());
      return ok;
    };
    const http: HttpPort = { fetch, fetchAll: (r) => r.map(() => ok) };
    const client = new MallHttp(
      { http, clock, log: new MemoryLogger(), deadline: 60_000 },
      { mall: 'X', ratePerSecond: 100, rateKey: 'k5', minIntervalMs: 300 },
    );
    client.callAll([req, req, req]);
    expect(times).toEqual([0, 300, 600]);
  });
});

describe('MallHttp and a mall that never answers', () => {
  /** Every send costs the whole timeout on the virtual clock, then throws as HttpPort does. */
  function hanging(clock: VirtualClock, sends: number[]): HttpPort {
    const hang = (): never => {
      sends.push(clock.now());
      clock.sleep(60_000);
      throw new HttpTimeoutError('no answer within 60000 ms', 60_000);
    };
    return { fetch: hang, fetchAll: hang };
  }

  test('is tried twice, not maxAttempts times', () => {
    const clock = new VirtualClock(0);
    const sends: number[] = [];
    const client = new MallHttp(
      { http: hanging(clock, sends), clock, log: new MemoryLogger(), deadline: 10 * 60_000 },
      { mall: 'X', ratePerSecond: 10, rateKey: 'h1' },
    );
    expect(() => client.call(req)).toThrow(MallHttpError);
    expect(sends).toHaveLength(2);
  });

  test('is not retried when another hang would end past the run budget', () => {
    const clock = new VirtualClock(0);
    const sends: number[] = [];
    const client = new MallHttp(
      { http: hanging(clock, sends), clock, log: new MemoryLogger(), deadline: 90_000 },
      { mall: 'X', ratePerSecond: 10, rateKey: 'h2' },
    );
    expect(() => client.call(req)).toThrow(/no answer/);
    expect(sends).toHaveLength(1);
    expect(clock.now()).toBeLessThanOrEqual(90_000);
  });
});

describe('parseJsonKeepingBigInts', () => {
  test('keeps IDs beyond 2^53 exact, leaves small numbers and strings alone', () => {
    const v = parseJsonKeepingBigInts(
      '{"id":576461413038785752,"n":12,"f":1.5,"s":"a:1234567890123456789,","neg":-5764614130387857520}',
    ) as Record<string, unknown>;
    expect(v).toEqual({
      id: '576461413038785752',
      n: 12,
      f: 1.5,
      s: 'a:1234567890123456789,',
      neg: '-5764614130387857520',
    });
  });
});
