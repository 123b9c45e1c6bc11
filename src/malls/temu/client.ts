import type { z } from 'zod';
import type { ShopContext } from '../../engine/connector';
import type { HttpRequest, HttpResponse } from '../../ports';
import { defaultClassify, MallHttp, MallHttpError, parseJsonKeepingBigInts, type Verdict } from '../shared/http';
import { messageKeyFor, RETRY_CODES } from './codes';
import type { TemuCredentials } from './credentials';
import { TemuError } from './errors';
import { routerUrl } from './hosts';
import { EnvelopeSchema } from './schemas';
import { signParams, withoutEmpty } from './sign';

/** Spec §5: 20 requests/second per app key (so shared by every shop of the same app). */
export const TEMU_RATE_PER_SECOND = 20;

export type TemuAnswer = { ok: true; result: unknown } | { ok: false; code: number; message: string };

export interface TemuCall {
  type: string;
  params?: Record<string, unknown>;
}

/** Parsed bodies, so classify and the reader parse each answer once. */
const parsedBodies = new WeakMap<HttpResponse, unknown>();

function parseBody(res: HttpResponse): unknown {
  if (!parsedBodies.has(res)) parsedBodies.set(res, parseJsonKeepingBigInts(res.body));
  return parsedBodies.get(res);
}

/** Transient answers are retried by MallHttp: HTTP 429/5xx, unreadable JSON, and 4000004/4000000/120014006 on HTTP 200. */
export function classifyTemu(res: HttpResponse): Verdict {
  const base = defaultClassify(res);
  if (base.kind === 'retry') return base;
  let body: unknown;
  try {
    body = parseBody(res);
  } catch {
    return res.status >= 200 && res.status < 300 ? { kind: 'retry', reason: 'malformed JSON answer' } : base;
  }
  const env = EnvelopeSchema.safeParse(body);
  if (env.success && !env.data.success && RETRY_CODES.has(env.data.errorCode)) {
    // 4000004 counts per second: waiting one window is enough (docs/malls/temu.md §5)
    return {
      kind: 'retry',
      reason: `${env.data.errorCode} ${env.data.errorMsg ?? ''}`.trim(),
      afterMs: env.data.errorCode === 4000004 ? 1000 : undefined,
    };
  }
  return base;
}

/** Signs, sends and reads Temu router calls for one shop; all HTTP goes through MallHttp. */
export class TemuClient {
  private readonly http: MallHttp;

  constructor(
    private readonly ctx: ShopContext,
    readonly credentials: TemuCredentials,
  ) {
    this.http = new MallHttp(
      { http: ctx.http, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline },
      {
        mall: 'Temu',
        ratePerSecond: TEMU_RATE_PER_SECOND,
        rateKey: `temu:${this.credentials.appKey}`,
        classify: classifyTemu,
      },
    );
  }

  /** Spec §6.3: one flat object (common + business params), signed, and sent as JSON of that same object. */
  request(call: TemuCall): HttpRequest {
    const { appKey, appSecret, accessToken } = this.credentials;
    const params = withoutEmpty({
      type: call.type,
      app_key: appKey,
      access_token: accessToken,
      timestamp: Math.floor(this.ctx.clock.now() / 1000),
      data_type: 'JSON',
      ...call.params,
    });
    const sign = signParams(params, appSecret, this.ctx.crypto.md5Hex);
    return {
      url: routerUrl(this.ctx.shop),
      method: 'post',
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ ...params, sign }),
    };
  }

  call(call: TemuCall): TemuAnswer {
    return this.callAll([call])[0];
  }

  /** Many calls in waves of at most 20 per second; answers in call order. Throws TemuError when Temu is unreachable. */
  callAll(calls: TemuCall[]): TemuAnswer[] {
    let responses: HttpResponse[];
    try {
      responses = this.http.callAll(calls.map((c) => this.request(c)));
    } catch (e) {
      if (e instanceof MallHttpError) throw this.transportError(e, calls[0]?.type ?? '');
      throw e;
    }
    return responses.map((res, i) => this.read(res, calls[i].type));
  }

  /** The result of one call read with its schema, or a TemuError with a readable message. */
  get<T>(call: TemuCall, schema: z.ZodType<T>): T {
    const answer = this.call(call);
    if (!answer.ok) throw new TemuError(answer.message, answer.code);
    return this.parseResult(call.type, answer.result, schema);
  }

  parseResult<T>(type: string, result: unknown, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TemuError(
        this.ctx.t('temu.err.badAnswer', { api: type, detail: `${issue.path.join('.')}: ${issue.message}` }),
        null,
      );
    }
    return parsed.data;
  }

  /** The readable message for a Temu code (shown in 書出結果, the Log, the check). */
  messageFor(code: number, type: string, detail: string): string {
    return this.ctx.t(messageKeyFor(code), { code, api: type, detail: detail.slice(0, 200) });
  }

  private read(res: HttpResponse, type: string): TemuAnswer {
    let body: unknown;
    try {
      body = parseBody(res);
    } catch {
      return { ok: false, code: 0, message: this.ctx.t('temu.err.transport', { detail: `HTTP ${res.status}` }) };
    }
    const env = EnvelopeSchema.safeParse(body);
    if (!env.success)
      return {
        ok: false,
        code: 0,
        message: this.ctx.t('temu.err.badAnswer', { api: type, detail: `HTTP ${res.status}` }),
      };
    if (env.data.success) return { ok: true, result: env.data.result };
    const code = env.data.errorCode;
    return { ok: false, code, message: this.messageFor(code, type, env.data.errorMsg ?? '') };
  }

  private transportError(e: MallHttpError, type: string): TemuError {
    let code: number | null = null;
    if (e.lastResponse) {
      try {
        const env = EnvelopeSchema.safeParse(parseBody(e.lastResponse));
        if (env.success && !env.data.success) code = env.data.errorCode;
      } catch {
        // unreadable body: reported as a transport failure below
      }
    }
    const message =
      code !== null ? this.messageFor(code, type, e.reason) : this.ctx.t('temu.err.transport', { detail: e.reason });
    return new TemuError(message, code);
  }
}
