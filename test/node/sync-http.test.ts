import { type ChildProcess, spawn } from 'node:child_process';
import { SyncHttp } from '../../src/node/sync-http';

/** A tiny server in a child process (this test's thread blocks in Atomics.wait, so it cannot serve). */
const SERVER = `
const http = require('node:http');
// /p requests wait (up to 800 ms) until three are in flight: a client that sends them one after another
// sees a peak of 1, one that sends them together a peak of 3 — however slow the machine is
let active = 0;
let peak = 0;
const waiting = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url.startsWith('/slow')) return setTimeout(() => res.end('late'), 3000);
    if (req.url.startsWith('/peak')) return res.end(JSON.stringify({ peak }));
    const delay = Number(new URL(req.url, 'http://x').searchParams.get('delay') || 0);
    const answer = () => setTimeout(() => {
      res.writeHead(req.url.startsWith('/missing') ? 404 : 200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, ct: req.headers['content-type'], auth: req.headers['x-auth'] || null, body }));
      if (req.url.startsWith('/p?')) active--;
    }, delay);
    if (!req.url.startsWith('/p?')) return answer();
    active++;
    peak = Math.max(peak, active);
    waiting.push(answer);
    const release = () => { while (waiting.length) waiting.shift()(); };
    if (active >= 3) release();
    else setTimeout(release, 800);
  });
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;

let child: ChildProcess;
let base: string;
let http: SyncHttp;

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  http = new SyncHttp({ timeoutMs: 1000 });
});
afterAll(async () => {
  child.kill();
  await http.close();
});

describe('SyncHttp', () => {
  test('a POST goes out with its exact body and content type; the answer comes back synchronously', () => {
    const body = '{"note":"日本語 & =","n":576460752303423489}';
    const res = http.fetch({
      url: `${base}/echo?a=1`,
      method: 'post',
      headers: { 'X-Auth': 'k' },
      contentType: 'application/json',
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-echo']).toBe('yes');
    expect(JSON.parse(res.body)).toEqual({ method: 'POST', url: '/echo?a=1', ct: 'application/json', auth: 'k', body });
  });

  test('an HTTP error status is an answer, not an exception', () => {
    expect(http.fetch({ url: `${base}/missing`, method: 'get' }).status).toBe(404);
  });

  test('fetchAll runs in parallel and keeps request order', () => {
    const res = http.fetchAll([300, 100, 200].map((d) => ({ url: `${base}/p?delay=${d}`, method: 'get' as const })));
    expect(res.map((r) => JSON.parse(r.body).url)).toEqual(['/p?delay=300', '/p?delay=100', '/p?delay=200']);
    expect(JSON.parse(http.fetch({ url: `${base}/peak`, method: 'get' }).body)).toEqual({ peak: 3 });
  });

  test('no answer within the timeout, or nobody listening, throws a message naming the host only', () => {
    expect(() => http.fetch({ url: `${base}/slow?token=SECRET`, method: 'get' })).toThrow(/no answer within 1000 ms/);
    let err: Error | undefined;
    try {
      http.fetch({ url: 'http://127.0.0.1:1/x?access_token=SECRET', method: 'get' });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(/^HTTP GET http:\/\/127\.0\.0\.1:1: /);
    expect(err?.message).not.toContain('SECRET');
  });
});
