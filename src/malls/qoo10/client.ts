import type { ShopContext } from '../../engine/connector';
import type { HttpResponse } from '../../ports';
import { MallHttp, MallHttpError, parseJsonKeepingBigInts, type Verdict } from '../shared/http';
import { jstDate, jstDay, oneYearLater } from './dates';
import { Qoo10Error, resultMessage } from './errors';
import {
  type Envelope,
  formEncode,
  KEY_HEADER,
  KEY_LIFETIME_MS,
  KEY_REFRESH_AFTER_MS,
  KEY_REJECTED,
  METHODS,
  MIN_INTERVAL_MS,
  QAPI_PATH,
  QAPI_VERSION,
  QOO10_HOST,
  REISSUE_CODES,
  readEnvelope,
} from './protocol';
import { CertificationKeySchema } from './schemas';

/** Store keys under the shop's own prefix (document properties). */
const STORE = { key: 'qoo10.sak', issuedAt: 'qoo10.sakIssuedAt', owner: 'qoo10.sakOwner' } as const;

export interface Qoo10Credentials {
  apiKey: string;
  userId: string;
  password: string;
  /** YYYY-MM-DD, optional: the API key expires a year later (docs/malls/qoo10.md §2) */
  apiKeyIssuedOn?: string;
}

/**
 * One QAPI session: form-encoded POSTs through MallHttp (spaced ~300 ms), both envelopes read, and the
 * seller auth key issued, cached and re-issued per docs/malls/qoo10.md §2.
 */
/** the seller auth key as a client holds it; recorded: its expiry went to setExpiry */
interface SellerKey {
  value: string;
  issuedAt: number;
  recorded: boolean;
}

export class Qoo10Client {
  private readonly http: MallHttp;
  /** the seller auth key as this client knows it (see sellerKey) */
  private key: SellerKey | null = null;

  constructor(
    private readonly ctx: ShopContext,
    private readonly creds: Qoo10Credentials,
  ) {
    this.http = new MallHttp(
      { http: ctx.http, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline },
      { mall: 'Qoo10', ratePerSecond: 4, rateKey: `qoo10:${creds.userId}`, minIntervalMs: MIN_INTERVAL_MS, classify },
    );
  }

  /**
   * Calls a method with the seller auth key. A -10000/-90004/-90005 answer or the ErrorCode envelope
   * means the key is bad or expired: a new key is issued and the call retried once (§2 Design).
   */
  call(method: string, params: Record<string, string>): Envelope {
    const first = this.send(method, params, this.sellerKey(false).value);
    if (!needsNewKey(first)) return first;
    this.ctx.log.info(`Qoo10 ${this.ctx.shop.name}: seller auth key rejected (${first.code}); issuing a new one`);
    return this.send(method, params, this.sellerKey(true).value);
  }

  /** Like call, but a non-zero ResultCode becomes a Qoo10Error with a readable message. */
  callOk(method: string, params: Record<string, string>): Envelope {
    const env = this.call(method, params);
    if (env.code !== 0) throw new Qoo10Error(resultMessage(this.ctx, method, env.code, env.msg), env.code);
    return env;
  }

  /** Issue date of the cached key (epoch ms), issuing one first when there is none. */
  keyIssuedAt(): number {
    return this.sellerKey(false).issuedAt;
  }

  /**
   * The stored key, read from document properties once per client: every call needs it, and each property
   * call costs tens of ms in Apps Script. Its expiry is recorded once here, and again on issue.
   */
  private sellerKey(forceNew: boolean): SellerKey {
    if (!this.key) {
      const { store } = this.ctx;
      const cached = store.get(STORE.key);
      const issuedAt = Number(store.get(STORE.issuedAt) ?? NaN);
      if (cached && Number.isFinite(issuedAt) && store.get(STORE.owner) === this.owner())
        this.key = { value: cached, issuedAt, recorded: false };
    }
    const key = this.key;
    if (forceNew || !key || this.ctx.clock.now() - key.issuedAt >= KEY_REFRESH_AFTER_MS) return this.issueKey();
    if (!key.recorded) {
      this.recordExpiry(key.issuedAt);
      key.recorded = true;
    }
    return key;
  }

  /** CertificationAPI.CreateCertificationKey: API key in the header, QSM login in the body (§2 Flow 2). */
  private issueKey(): SellerKey {
    const env = this.send(
      METHODS.createKey,
      { user_id: this.creds.userId, pwd: this.creds.password },
      this.creds.apiKey,
    );
    const key = env.code === 0 ? CertificationKeySchema.safeParse(env.obj) : null;
    // the API key itself is wrong or expired (docs/malls/qoo10.md §1, §2): it lapses yearly without notice
    if (env.code === KEY_REJECTED)
      throw new Qoo10Error(
        this.ctx.t('qoo10.err.apiKeyRejected', { code: env.code, shop: this.ctx.shop.name }),
        env.code,
      );
    if (!key?.success) {
      const detail = env.code === 0 ? 'ResultObject' : resultMessage(this.ctx, METHODS.createKey, env.code, env.msg);
      throw new Qoo10Error(
        this.ctx.t('qoo10.err.keyIssue', { code: env.code, detail, shop: this.ctx.shop.name }),
        env.code,
      );
    }
    const now = this.ctx.clock.now();
    const issued = { value: key.data, issuedAt: now, recorded: true };
    this.key = issued;
    this.ctx.store.set(STORE.key, key.data);
    this.ctx.store.set(STORE.issuedAt, String(now));
    this.ctx.store.set(STORE.owner, this.owner());
    this.recordExpiry(now);
    this.ctx.log.info(`Qoo10 ${this.ctx.shop.name}: seller auth key issued ${jstDay(now)}`);
    return issued;
  }

  /**
   * The expiry shown as 有効期限: the seller auth key's, or the API key's when that comes first. The auth key
   * is re-issued by itself; the API key only the seller can renew, so its date is the one to be warned of.
   */
  private recordExpiry(keyIssuedAt: number): void {
    const apiKey = apiKeyExpiresAt(this.creds.apiKeyIssuedOn);
    const key = keyIssuedAt + KEY_LIFETIME_MS;
    this.ctx.setExpiry(apiKey === null ? key : Math.min(apiKey, key));
  }

  /** A key belongs to the API key and login that issued it: changing either in settings issues a new one. */
  private owner(): string {
    return this.ctx.crypto.md5Hex(`${this.creds.apiKey}\n${this.creds.userId}`);
  }

  private send(method: string, params: Record<string, string>, key: string): Envelope {
    const base =
      (method === METHODS.createKey ? this.ctx.shop.endpoints?.auth : undefined) ??
      this.ctx.shop.endpoints?.api ??
      QOO10_HOST;
    let res: HttpResponse;
    try {
      res = this.http.call({
        url: `${base}${QAPI_PATH}${method}`,
        method: 'post',
        contentType: 'application/x-www-form-urlencoded',
        headers: { [KEY_HEADER]: key, QAPIVersion: QAPI_VERSION },
        body: formEncode({ ...params, returnType: 'application/json' }),
      });
    } catch (e) {
      if (e instanceof MallHttpError) {
        const answer = e.lastResponse;
        const message =
          answer === null
            ? this.ctx.t('http.network', { mall: 'Qoo10', detail: e.reason })
            : answer.status === 200
              ? this.ctx.t('qoo10.err.malformed', { method, detail: answer.body.slice(0, 80) })
              : this.ctx.t('qoo10.err.http', { status: answer.status, method });
        throw new Qoo10Error(message);
      }
      throw e;
    }
    if (res.status !== 200) throw new Qoo10Error(this.ctx.t('qoo10.err.http', { status: res.status, method }));
    const env = readEnvelope(parseBody(res.body));
    if (!env) throw new Qoo10Error(this.ctx.t('qoo10.err.malformed', { method, detail: res.body.slice(0, 80) }));
    return env;
  }
}

/** When the API key expires (epoch ms), if the settings give its issue date. */
export function apiKeyExpiresAt(issuedOn: string | undefined): number | null {
  const issued = jstDate(issuedOn ?? '');
  return issued === null ? null : oneYearLater(issued);
}

function needsNewKey(env: Envelope): boolean {
  return env.form === 'error' || REISSUE_CODES.has(env.code);
}

function parseBody(body: string): unknown {
  try {
    // OrderNo/PackNo are 9–10+ digits today (§3 Numbers); keep any that outgrow 2^53 exact
    return parseJsonKeepingBigInts(body.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
}

/** Transient answers are retried by MallHttp: 429, 5xx, and an HTTP 200 whose body is not JSON (gateway garbage). */
function classify(res: HttpResponse): Verdict {
  if (res.status === 429 || res.status >= 500) {
    const after = Number(res.headers['retry-after']);
    return {
      kind: 'retry',
      reason: `HTTP ${res.status}`,
      afterMs: Number.isFinite(after) && after >= 0 ? after * 1000 : undefined,
    };
  }
  if (res.status === 200 && parseBody(res.body) === null) return { kind: 'retry', reason: 'malformed JSON' };
  return res.status === 200 ? { kind: 'ok' } : { kind: 'final' };
}
