import { HttpTimeoutError } from '../../src/engine/errors';
import { GasHttp, type UrlFetchApi } from '../../src/gas/http';

function response(status: number, body: string, headers: Record<string, string | string[]>) {
  return { getResponseCode: () => status, getContentText: () => body, getAllHeaders: () => headers };
}

describe('GasHttp', () => {
  test('fetch mutes HTTP exceptions, passes headers, contentType and the payload exactly; headers come back lower-cased', () => {
    const calls: [string, Record<string, unknown>][] = [];
    const api = {
      fetch: (url: string, params: Record<string, unknown>) => {
        calls.push([url, params]);
        return response(429, '{"error":"slow"}', { 'Retry-After': '2', 'Set-Cookie': ['a=1', 'b=2'] });
      },
      fetchAll: () => [],
    } as unknown as UrlFetchApi;
    const body = '{"sign":"ABC","note":"日本語 + & ="}';
    const res = new GasHttp(api).fetch({
      url: 'https://openapi-b-global.temu.com/openapi/router',
      method: 'post',
      headers: { 'X-Token': 't' },
      contentType: 'application/json',
      body,
    });
    expect(res).toEqual({
      status: 429,
      body: '{"error":"slow"}',
      headers: { 'retry-after': '2', 'set-cookie': 'a=1, b=2' },
    });
    expect(calls[0][1]).toEqual({
      method: 'post',
      muteHttpExceptions: true,
      headers: { 'X-Token': 't' },
      contentType: 'application/json',
      payload: body,
    });
  });

  test('a GET has no payload; fetchAll sends one batch and keeps request order', () => {
    let batch: Record<string, unknown>[] = [];
    const api = {
      fetch: () => {
        throw new Error('fetch must not be used');
      },
      fetchAll: (reqs: Record<string, unknown>[]) => {
        batch = reqs;
        return reqs.map((r, i) => response(200, String(r.url), { 'Content-Type': `t${i}` }));
      },
    } as unknown as UrlFetchApi;
    const res = new GasHttp(api).fetchAll([
      { url: 'https://a.example/1', method: 'get' },
      { url: 'https://a.example/2', method: 'get' },
    ]);
    expect(res.map((r) => r.body)).toEqual(['https://a.example/1', 'https://a.example/2']);
    expect(res[1].headers).toEqual({ 'content-type': 't1' });
    expect(batch[0]).toEqual({ url: 'https://a.example/1', method: 'get', muteHttpExceptions: true, headers: {} });
  });

  test("UrlFetchApp's timeout becomes an HttpTimeoutError; other failures stay as they are", () => {
    const failing = (message: string) =>
      ({
        fetch: () => {
          throw new Error(message);
        },
        fetchAll: () => [],
      }) as unknown as UrlFetchApi;
    const req = { url: 'https://a.example/1', method: 'get' as const };
    expect(() => new GasHttp(failing('Timeout: https://a.example/1')).fetch(req)).toThrow(HttpTimeoutError);
    let other: unknown;
    try {
      new GasHttp(failing('Address unavailable: https://a.example/1')).fetch(req);
    } catch (e) {
      other = e;
    }
    expect(other).toBeInstanceOf(Error);
    expect(other).not.toBeInstanceOf(HttpTimeoutError);
  });
});
