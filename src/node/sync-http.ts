import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { HttpTimeoutError } from '../engine/errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../ports';

/**
 * The worker that does the real (async) fetches. Kept as plain JS source so it runs the same from ts-jest
 * and from the bundled dist-node (started with eval: true; there is no separate file to find).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
async function one(r, timeoutMs) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const headers = {};
    for (const [k, v] of Object.entries(r.headers || {})) {
      if (!(r.contentType !== undefined && k.toLowerCase() === 'content-type')) headers[k] = v;
    }
    if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    const init = { method: r.method.toUpperCase(), headers, signal: ac.signal };
    if (r.body !== undefined && r.method !== 'get') init.body = r.body;
    const res = await fetch(r.url, init);
    const body = await res.text();
    const h = {};
    res.headers.forEach((v, k) => { h[k.toLowerCase()] = v; });
    return { status: res.status, body, headers: h };
  } catch (e) {
    if (ac.signal.aborted) return { error: 'no answer within ' + timeoutMs + ' ms', timeout: true };
    const cause = e && e.cause ? (e.cause.code || e.cause.message) : '';
    return { error: String((e && e.message) || e) + (cause ? ' (' + cause + ')' : '') };
  } finally {
    clearTimeout(timer);
  }
}
parentPort.on('message', async ({ reqs, timeoutMs, signal, port }) => {
  const results = await Promise.all(reqs.map((r) => one(r, timeoutMs)));
  port.postMessage(results);
  port.close();
  const flag = new Int32Array(signal);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** UrlFetchApp gives up on a request after about a minute (docs/apps-script.md §C3). */
export const APPS_SCRIPT_FETCH_LIMIT_MS = 60_000;

type Answer = HttpResponse | { error: string; timeout?: boolean };

/**
 * HttpPort made synchronous for the core: the request goes to a worker thread, the main thread blocks in
 * Atomics.wait until the worker flags the answer, then takes it with receiveMessageOnPort.
 */
export class SyncHttp implements HttpPort {
  private readonly worker: Worker;
  private readonly timeoutMs: number;

  /** The default is Apps Script's own limit for one UrlFetch call, so both runtimes wait alike. */
  constructor(opts: { timeoutMs?: number } = {}) {
    this.timeoutMs = opts.timeoutMs ?? APPS_SCRIPT_FETCH_LIMIT_MS;
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    // the worker never keeps the process alive on its own
    this.worker.unref();
  }

  fetch(req: HttpRequest): HttpResponse {
    return this.fetchAll([req])[0];
  }

  /** In parallel, answers in request order; throws (like UrlFetchApp.fetchAll) when any request got no answer. */
  fetchAll(reqs: HttpRequest[]): HttpResponse[] {
    if (reqs.length === 0) return [];
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const plain = reqs.map((r) => ({
      url: r.url,
      method: r.method,
      headers: r.headers,
      contentType: r.contentType,
      body: r.body,
    }));
    this.worker.postMessage({ reqs: plain, timeoutMs: this.timeoutMs, signal, port: port2 }, [port2]);
    // the worker enforces the per-request timeout; the extra second covers its start-up
    Atomics.wait(new Int32Array(signal), 0, 0, this.timeoutMs + 1000);
    const msg = receiveMessageOnPort(port1);
    port1.close();
    if (!msg)
      throw new HttpTimeoutError(
        `HTTP: no answer within ${this.timeoutMs} ms (${hostOf(reqs[0].url)})`,
        this.timeoutMs,
      );
    const answers = msg.message as Answer[];
    return answers.map((a, i) => {
      if (!('error' in a)) return a;
      const text = `HTTP ${reqs[i].method.toUpperCase()} ${hostOf(reqs[i].url)}: ${a.error}`;
      throw a.timeout ? new HttpTimeoutError(text, this.timeoutMs) : new Error(text);
    });
  }

  /** Stops the worker (the CLI calls it when done; an unref'd worker would not hold the process anyway). */
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Only scheme://host:port in messages: query strings carry signatures and tokens. */
function hostOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
