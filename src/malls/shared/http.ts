import { HttpTimeoutError, MallUnreachableError } from '../../engine/errors';
import type { ClockPort, HttpPort, HttpRequest, HttpResponse, LoggerPort } from '../../ports';

/**
 * The one request path every connector uses (Octokit's idea): throttling and retry are layers around
 * HttpPort, and the connector only says how to read an answer (classify).
 */

export type Verdict =
  | { kind: 'ok' }
  /** transient (rate limit, 5xx, "system busy"): try again after a backoff, or afterMs when the mall says */
  | { kind: 'retry'; afterMs?: number; reason: string }
  /** a final answer the caller will turn into an error message */
  | { kind: 'final' };

export interface MallHttpOptions {
  /** label used in messages, e.g. 'Temu' */
  mall: string;
  /** requests per second allowed for rateKey (sliding one-second window, plus a jitter margin) */
  ratePerSecond: number;
  /** what the limit is counted per: an app key, a shop */
  rateKey: string;
  /** minimum spacing between two sends (Qoo10: ~300 ms known-safe practice) */
  minIntervalMs?: number;
  /** attempts per request, the first included */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  classify?: (res: HttpResponse) => Verdict;
}

/** Thrown when no usable answer came: network failure or retries exhausted on a transient error. */
export class MallHttpError extends MallUnreachableError {
  constructor(
    mall: string,
    reason: string,
    readonly lastResponse: HttpResponse | null,
  ) {
    super(mall, reason);
    this.name = 'MallHttpError';
  }
}

export interface MallHttpDeps {
  http: HttpPort;
  clock: ClockPort;
  log: LoggerPort;
  /** epoch ms: no backoff sleeps past it */
  deadline: number;
}

export function defaultClassify(res: HttpResponse): Verdict {
  if (res.status === 429) return { kind: 'retry', afterMs: retryAfterMs(res), reason: 'HTTP 429' };
  if (res.status >= 500) return { kind: 'retry', reason: `HTTP ${res.status}` };
  return res.status >= 200 && res.status < 300 ? { kind: 'ok' } : { kind: 'final' };
}

function retryAfterMs(res: HttpResponse): number | undefined {
  const v = res.headers['retry-after'] ?? res.headers['Retry-After'];
  const s = v === undefined ? NaN : Number(v);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

/**
 * A mall counts its one-second window by arrival time; requests leave and arrive with some jitter, so a
 * wave sent exactly one second after the previous one can land inside the mall's window. Keep a margin.
 */
const WINDOW_MS = 1000 + 50;

/** Tries of one request that got no answer at all (the first included). */
const TIMEOUT_ATTEMPTS = 2;

/** Send times per rate key, shared by every client of one execution (limits are per app key). */
const sendLog = new Map<string, number[]>();

export class MallHttp {
  private readonly rate: number;
  private readonly maxAttempts: number;
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly classify: (res: HttpResponse) => Verdict;

  constructor(
    private readonly deps: MallHttpDeps,
    private readonly opts: MallHttpOptions,
  ) {
    this.rate = Math.max(1, Math.floor(opts.ratePerSecond));
    this.maxAttempts = opts.maxAttempts ?? 4;
    this.baseDelay = opts.baseDelayMs ?? 500;
    this.maxDelay = opts.maxDelayMs ?? 8000;
    this.classify = opts.classify ?? defaultClassify;
  }

  /** One request, throttled and retried. Returns the final answer (ok or final); throws MallHttpError otherwise. */
  call(req: HttpRequest): HttpResponse {
    return this.callAll([req])[0];
  }

  /**
   * Many requests through fetchAll, in waves no larger than the rate limit allows; transient failures are
   * retried in later waves. Answers come back in request order.
   */
  callAll(reqs: HttpRequest[]): HttpResponse[] {
    const out: (HttpResponse | undefined)[] = new Array(reqs.length);
    const attempts = new Array<number>(reqs.length).fill(0);
    let pending = reqs.map((_, i) => i);
    while (pending.length > 0) {
      const retry: number[] = [];
      let waitMs = 0;
      let lastReason = '';
      let lastRes: HttpResponse | null = null;
      let hangMs = 0;
      for (let start = 0; start < pending.length; ) {
        const chunkSize = this.opts.minIntervalMs ? 1 : this.rate;
        const chunk = pending.slice(start, start + chunkSize);
        start += chunk.length;
        this.acquire(chunk.length);
        const answers = this.send(chunk.map((i) => reqs[i]));
        chunk.forEach((i, j) => {
          attempts[i]++;
          const a = answers[j];
          const verdict: Verdict = a instanceof Error ? { kind: 'retry', reason: a.message } : this.classify(a);
          if (verdict.kind !== 'retry') {
            out[i] = a as HttpResponse;
            return;
          }
          lastReason = verdict.reason;
          lastRes = a instanceof Error ? null : a;
          // a mall that hung once gets one more chance, not maxAttempts: each try costs the whole limit
          const limit = a instanceof HttpTimeoutError ? Math.min(this.maxAttempts, TIMEOUT_ATTEMPTS) : this.maxAttempts;
          if (attempts[i] >= limit) throw new MallHttpError(this.opts.mall, verdict.reason, lastRes);
          if (a instanceof HttpTimeoutError) hangMs = Math.max(hangMs, a.timeoutMs);
          retry.push(i);
          waitMs = Math.max(waitMs, verdict.afterMs ?? this.backoff(attempts[i]));
        });
      }
      if (retry.length > 0) {
        const now = this.deps.clock.now();
        // a retry that could hang again must still end inside the run's budget
        if (now + waitMs + hangMs > this.deps.deadline) throw new MallHttpError(this.opts.mall, lastReason, lastRes);
        this.deps.log.warn(`${this.opts.mall}: ${lastReason}; retrying ${retry.length} request(s) in ${waitMs} ms`);
        this.deps.clock.sleep(waitMs);
      }
      pending = retry;
    }
    return out as HttpResponse[];
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxDelay, this.baseDelay * 2 ** (attempt - 1));
  }

  /** fetchAll, except that a network failure of the batch is retried per request to learn which failed. */
  private send(batch: HttpRequest[]): (HttpResponse | Error)[] {
    try {
      return batch.length === 1 ? [this.deps.http.fetch(batch[0])] : this.deps.http.fetchAll(batch);
    } catch (e) {
      if (batch.length === 1) return [asError(e)];
      return batch.map((r, i) => {
        // the batch's slots are spent: each re-send waits for a slot of its own, or the mall's limit trips
        if (i > 0) this.acquire(1);
        try {
          return this.deps.http.fetch(r);
        } catch (e2) {
          return asError(e2);
        }
      });
    }
  }

  /** Waits until n more sends fit in the one-second window (and the minimum spacing) of this rate key. */
  private acquire(n: number): void {
    const { clock } = this.deps;
    const key = this.opts.rateKey;
    let now = clock.now();
    // drop stale entries and any from a clock that went backwards (tests with fake clocks)
    let log = (sendLog.get(key) ?? []).filter((t) => t > now - WINDOW_MS && t <= now);
    const spacing = this.opts.minIntervalMs ?? 0;
    if (spacing > 0 && log.length > 0) {
      const wait = log[log.length - 1] + spacing - now;
      if (wait > 0) clock.sleep(wait);
      now = clock.now();
    }
    if (log.length + n > this.rate) {
      const oldestThatMustExpire = log[log.length + n - this.rate - 1];
      const wait = oldestThatMustExpire + WINDOW_MS - now;
      if (wait > 0) clock.sleep(wait);
      now = clock.now();
      log = log.filter((t) => t > now - WINDOW_MS);
    }
    for (let i = 0; i < n; i++) log.push(now);
    sendLog.set(key, log);
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Parses JSON text, turning integers of 16 or more digits (outside strings) into strings first, so that
 * IDs beyond 2^53 (TikTok's) survive exactly.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      // a '-' without digits is not JSON: passed on for JSON.parse to reject
      const num = m ? m[0] : c;
      const bigInteger = m !== null && !m[1] && !m[2] && num.replace('-', '').length >= 16;
      out += bigInteger ? `"${num}"` : num;
      i += num.length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}
