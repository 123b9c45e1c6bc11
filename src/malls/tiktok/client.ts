import type { z } from 'zod';
import type { ShopContext } from '../../engine/connector';
import type { HttpRequest, HttpResponse } from '../../ports';
import { defaultClassify, MallHttp, MallHttpError, parseJsonKeepingBigInts, type Verdict } from '../shared/http';
import {
  describeCode,
  INVALID_REQUEST,
  REAUTHORIZE_CODES,
  TikTokApiError,
  TOKEN_EXPIRED,
  TRANSIENT_CODES,
} from './errors';
import { type AuthorizedShop, type Envelope, EnvelopeSchema, ShopsDataSchema, TokenDataSchema } from './schemas';
import { encodeQuery, type Query, signRequest } from './sign';

export const API_HOST = 'https://open-api.tiktokglobalshop.com';
export const AUTH_HOST = 'https://auth.tiktok-shops.com';
/** Default 50 QPS per API, counted per app + shop (docs/malls/tiktok-shop.md §5). */
const QPS = 50;
const JSON_TYPE = 'application/json';
/** Refresh this long before the access token's stated expiry. */
const REFRESH_MARGIN_S = 30 * 60;

export interface TikTokCredentials {
  appKey: string;
  appSecret: string;
  refreshToken: string;
  accessToken?: string;
  shopCipher?: string;
}

/** Document-property keys under the shop's prefix. Expiries are absolute Unix seconds, as the mall gives them. */
export const STORE = {
  accessToken: 'tiktok.accessToken',
  accessTokenExpiresAt: 'tiktok.accessTokenExpiresAt',
  refreshToken: 'tiktok.refreshToken',
  refreshTokenExpiresAt: 'tiktok.refreshTokenExpiresAt',
  /** the shop cipher Get Authorized Shops gave for this authorization (when settings name none) */
  shopCipher: 'tiktok.shopCipher',
  /** md5 of the settings' refresh token the stored tokens descend from: a new one in settings starts over */
  origin: 'tiktok.refreshTokenOrigin',
} as const;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** shop-scoped APIs carry shop_cipher; /authorization/* must not (docs/malls/tiktok-shop.md §1.4) */
  shopScoped?: boolean;
}

export interface ApiCall {
  path: string;
  opts?: CallOptions;
}

/** The stored tokens as this client knows them: read once per client (run), changed only by a refresh. */
interface Session {
  accessToken: string | null;
  /** Unix seconds; null when unknown (a token from settings), NaN when the stored value is damaged */
  accessExpiresAt: number | null;
  refreshToken: string | null;
  /** true once this client refreshed: a token just issued is not refreshed again for a 36009004 */
  fresh: boolean;
}

/** One shop's session: tokens, shop cipher, signing, throttling, the envelope. */
export class TikTokClient {
  private readonly lanes = new Map<string, MallHttp>();
  private cipher: string | null = null;
  private session: Session | null = null;

  constructor(
    private readonly ctx: ShopContext,
    private readonly creds: TikTokCredentials,
  ) {}

  /** Calls the Open API; returns the envelope whatever its code (export reads fulfillment codes itself). */
  request(api: string, method: 'get' | 'post', path: string, opts: CallOptions = {}): Envelope {
    const [answer] = this.requestAll(api, method, [{ path, opts }]);
    if (answer instanceof TikTokApiError) throw answer;
    return answer;
  }

  /**
   * Several calls of one API sent together through fetchAll, in waves the API's quota allows (docs/malls/tiktok-shop.md §5).
   * Each answer is its envelope, or a readable error when that one answer was unreadable; an expired token
   * is refreshed once and only the calls it refused are sent again. A stored token answered 36009004 (which
   * also means "invalid x-tts-access-token", docs/malls/tiktok-shop.md §5) gets the same one refresh: a
   * token revoked or replaced elsewhere is not expired, yet a fresh one works. Throws when no answer came.
   */
  requestAll(api: string, method: 'get' | 'post', calls: readonly ApiCall[]): (Envelope | TikTokApiError)[] {
    const out: (Envelope | TikTokApiError)[] = new Array(calls.length);
    let pending = calls.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      // the cipher first: looking it up may refresh the token these requests must then carry
      const ciphers = pending.map((i) => (calls[i].opts?.shopScoped === false ? null : this.shopCipher()));
      const token = this.accessToken();
      const stale = (code: number) => code === TOKEN_EXPIRED || (code === INVALID_REQUEST && !this.session?.fresh);
      const reqs = pending.map((i, j) => this.build(method, calls[i].path, calls[i].opts ?? {}, ciphers[j], token));
      const answers = this.sendAll(api, reqs);
      const expired: number[] = [];
      pending.forEach((i, j) => {
        const env = this.envelopeOrError(answers[j]);
        if (attempt === 0 && !(env instanceof TikTokApiError) && stale(env.code)) expired.push(i);
        else out[i] = env;
      });
      if (expired.length > 0) this.refresh();
      pending = expired;
    }
    return out;
  }

  /** As request, but a non-zero code throws a readable TikTokApiError; the data is checked by schema. */
  data<S extends z.ZodType>(
    api: string,
    method: 'get' | 'post',
    path: string,
    schema: S,
    opts: CallOptions = {},
  ): z.infer<S> {
    const env = this.request(api, method, path, opts);
    if (env.code !== 0) throw this.apiError(env);
    const parsed = schema.safeParse(env.data ?? {});
    if (!parsed.success) throw this.unexpected(api, parsed.error, env.request_id);
    return parsed.data;
  }

  apiError(env: Envelope): TikTokApiError {
    return new TikTokApiError(this.redact(describeCode(this.ctx.t, env.code, env.message, env.request_id)), env.code);
  }

  /** An answer whose data does not read: names the field and the request_id support would ask for. */
  unexpected(api: string, error: z.ZodError, requestId: string | null | undefined): TikTokApiError {
    const detail = `${error.issues[0]?.path.join('.') ?? ''}${requestId ? `, request_id ${requestId}` : ''}`;
    return new TikTokApiError(this.ctx.t('tiktok.err.unexpected', { api, detail }), -1);
  }

  /** The shop cipher from settings, or the only shop this authorization covers (docs/malls/tiktok-shop.md §1.4). */
  shopCipher(): string {
    if (!this.cipher) this.cipher = this.findCipher();
    return this.cipher;
  }

  private findCipher(): string {
    if (this.creds.shopCipher) return this.creds.shopCipher;
    this.accessToken(); // settles the stored tokens (and drops a cipher looked up for an older authorization)
    const stored = this.ctx.store.get(STORE.shopCipher);
    if (stored) return stored;
    const shops = this.authorizedShops();
    if (shops.length === 0) throw new TikTokApiError(this.ctx.t('tiktok.shop.none'), -1);
    if (shops.length > 1) {
      const list = shops.map((s) => `${s.name || s.id} = ${s.cipher}`).join(', ');
      throw new TikTokApiError(this.ctx.t('tiktok.shop.several', { count: shops.length, shops: list }), -1);
    }
    this.ctx.store.set(STORE.shopCipher, shops[0].cipher);
    return shops[0].cipher;
  }

  authorizedShops(): AuthorizedShop[] {
    return this.data('shops', 'get', '/authorization/202309/shops', ShopsDataSchema, { shopScoped: false }).shops;
  }

  /** A valid access token: the stored one unless it is about to expire, else a fresh one (docs/malls/tiktok-shop.md §1.3). */
  accessToken(): string {
    const s = this.stored();
    const nowS = this.ctx.clock.now() / 1000;
    if (s.accessToken && (s.accessExpiresAt === null || s.accessExpiresAt - nowS > REFRESH_MARGIN_S))
      return s.accessToken;
    return this.refresh();
  }

  /**
   * The stored tokens, read from document properties once per client: every request needs them, and each
   * property call costs tens of ms in Apps Script. The expiry is recorded for the Settings tab
   * once here and again after a refresh, not on every request.
   */
  private stored(): Session {
    if (!this.session) this.session = this.readSession();
    return this.session;
  }

  private readSession(): Session {
    const { store } = this.ctx;
    const origin = this.ctx.crypto.md5Hex(this.creds.refreshToken);
    if (store.get(STORE.origin) !== origin) {
      for (const k of Object.values(STORE)) store.delete(k);
      store.set(STORE.origin, origin);
      if (this.creds.accessToken) store.set(STORE.accessToken, this.creds.accessToken);
      return { accessToken: this.creds.accessToken ?? null, accessExpiresAt: null, refreshToken: null, fresh: false };
    }
    const refreshExpiry = Number(store.get(STORE.refreshTokenExpiresAt));
    if (refreshExpiry > 0) this.ctx.setExpiry(refreshExpiry * 1000);
    const expiresAt = store.get(STORE.accessTokenExpiresAt);
    return {
      accessToken: store.get(STORE.accessToken),
      accessExpiresAt: expiresAt === null ? null : Number(expiresAt),
      refreshToken: store.get(STORE.refreshToken),
      fresh: false,
    };
  }

  /** Get Refresh Token on the auth host (docs/malls/tiktok-shop.md §1.3): unsigned GET, app_secret in the query. Stores what comes back. */
  refresh(): string {
    const { store } = this.ctx;
    const query: Query = {
      app_key: this.creds.appKey,
      app_secret: this.creds.appSecret,
      refresh_token: this.stored().refreshToken ?? this.creds.refreshToken,
      grant_type: 'refresh_token',
    };
    const url = `${this.authHost()}/api/v2/token/refresh?${encodeQuery(query)}`;
    const env = this.envelope(this.send('auth', { url, method: 'get', contentType: JSON_TYPE }));
    if (env.code !== 0) {
      const detail = this.redact(describeCode(this.ctx.t, env.code, env.message, env.request_id));
      const key = REAUTHORIZE_CODES.has(env.code) ? 'tiktok.auth.reauthorize' : 'tiktok.auth.refreshFailed';
      throw new TikTokApiError(this.ctx.t(key, { detail }), env.code);
    }
    const parsed = TokenDataSchema.safeParse(env.data);
    if (!parsed.success) throw this.unexpected('token/refresh', parsed.error, env.request_id);
    const d = parsed.data;
    store.set(STORE.accessToken, d.access_token);
    store.set(STORE.accessTokenExpiresAt, String(d.access_token_expire_in));
    store.set(STORE.refreshToken, d.refresh_token);
    store.set(STORE.refreshTokenExpiresAt, String(d.refresh_token_expire_in));
    this.session = {
      accessToken: d.access_token,
      accessExpiresAt: d.access_token_expire_in,
      refreshToken: d.refresh_token,
      fresh: true,
    };
    this.ctx.setExpiry(d.refresh_token_expire_in * 1000);
    return d.access_token;
  }

  /** Replaces every secret this client knows with *** (mall messages and network errors may echo a URL). */
  redact(text: string): string {
    // the stored tokens as last read or refreshed: a request can only have carried those
    const secrets = [
      this.creds.appSecret,
      this.creds.refreshToken,
      this.creds.accessToken,
      this.session?.accessToken,
      this.session?.refreshToken,
    ];
    return secrets.reduce<string>(
      (s, secret) => (secret && secret.length >= 4 ? s.split(secret).join('***') : s),
      text,
    );
  }

  private apiHost(): string {
    return this.ctx.shop.endpoints?.api ?? API_HOST;
  }

  private authHost(): string {
    return this.ctx.shop.endpoints?.auth ?? AUTH_HOST;
  }

  /** One signed request; the exact string signed is the string sent (docs/malls/tiktok-shop.md §2.2 step 5, pitfall 10). */
  private build(
    method: 'get' | 'post',
    path: string,
    opts: CallOptions,
    cipher: string | null,
    token: string,
  ): HttpRequest {
    const query: Query = {
      app_key: this.creds.appKey,
      timestamp: String(Math.floor(this.ctx.clock.now() / 1000)),
      ...opts.query,
    };
    if (cipher !== null) query.shop_cipher = cipher;
    const body = opts.body === undefined ? '' : JSON.stringify(opts.body);
    query.sign = signRequest(this.ctx.crypto, this.creds.appSecret, path, query, body);
    return {
      url: `${this.apiHost()}${path}?${encodeQuery(query)}`,
      method,
      headers: { 'x-tts-access-token': token },
      // content-type is required on every API, GET included (docs/malls/tiktok-shop.md §2.1)
      contentType: JSON_TYPE,
      ...(method === 'post' ? { body } : {}),
    };
  }

  private send(api: string, req: HttpRequest): HttpResponse {
    return this.sendAll(api, [req])[0];
  }

  private sendAll(api: string, reqs: HttpRequest[]): HttpResponse[] {
    try {
      return this.lane(api).callAll(reqs);
    } catch (e) {
      if (!(e instanceof MallHttpError)) throw e;
      throw new TikTokApiError(this.redact(this.ctx.t('tiktok.err.unavailable', { detail: e.reason })), -1);
    }
  }

  private envelopeOrError(res: HttpResponse): Envelope | TikTokApiError {
    try {
      return this.envelope(res);
    } catch (e) {
      if (e instanceof TikTokApiError) return e;
      throw e;
    }
  }

  private envelope(res: HttpResponse): Envelope {
    let raw: unknown;
    try {
      raw = parseJsonKeepingBigInts(res.body);
    } catch {
      raw = undefined;
    }
    const env = EnvelopeSchema.safeParse(raw);
    if (!env.success) throw new TikTokApiError(this.ctx.t('tiktok.err.malformed', { status: res.status }), -1);
    return env.data;
  }

  /** One throttled request path per API, since the quota is per API per shop (docs/malls/tiktok-shop.md §5). */
  private lane(api: string): MallHttp {
    let lane = this.lanes.get(api);
    if (!lane) {
      const { ctx } = this;
      lane = new MallHttp(
        { http: ctx.http, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline },
        {
          mall: 'TikTok Shop',
          ratePerSecond: QPS,
          rateKey: `tiktok:${this.creds.appKey}:${ctx.shop.name}:${api}`,
          classify,
        },
      );
      this.lanes.set(api, lane);
    }
    return lane;
  }
}

/** HTTP 429/5xx, and the transient codes even on HTTP 200 (docs/malls/tiktok-shop.md §5); a garbled 2xx body is retried too. */
export function classify(res: HttpResponse): Verdict {
  const http = defaultClassify(res);
  if (http.kind === 'retry') return http;
  let code: unknown;
  try {
    // only the small top-level code is read here, so the fast native parser is enough
    code = (JSON.parse(res.body) as { code?: unknown } | null)?.code;
  } catch {
    return res.status < 300 ? { kind: 'retry', reason: `HTTP ${res.status}, malformed JSON` } : { kind: 'final' };
  }
  if (TRANSIENT_CODES.has(Number(code))) return { kind: 'retry', reason: `TikTok ${String(code)}` };
  return http;
}
