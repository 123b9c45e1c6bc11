import type { Fault } from '../faults';
import { json, type SandboxRequest, type SandboxResponse } from '../types';
import { QOO10_SANDBOX_CREDENTIALS } from './credentials';
import { claimInfo, orderInfo, result, setSendingInfo, shippingInfo } from './shipping-api';
import type { Qoo10State } from './state';

/**
 * A local Qoo10 QAPI (docs/malls/qoo10.md): path-style methods under ebayjapan.qapi, form-encoded POST (or GET
 * query), the GiosisCertificationKey header, both envelopes, English status labels with the code in
 * parentheses, 8/14-digit JST dates with the 90-day cap, claims, and SetSendingInfo's result codes.
 */

const QAPI_PREFIX = '/GMKT.INC.Front.QAPIService/ebayjapan.qapi';
const KEY_LIFETIME = 365 * 86_400_000;

/**
 * What a wrong or expired key gets, for methods that exist (docs/malls/qoo10.md §2): this envelope at HTTP 200.
 * The 'expire' control can also answer the method tables' -90004 (ResultCode) or -90005 (ErrorCode).
 */
const KEY_REJECTED = { ErrorCode: -90001, ErrorMsg: '存在しないAPIです。' } as const;

type Answer = Record<string, unknown>;
type Method = (s: Qoo10State, p: Record<string, string>, now: number) => Answer;

/** The methods a seller key opens. */
const METHODS: Record<string, Method> = {
  'ShippingBasic.GetShippingInfo_v3': shippingInfo,
  'ShippingBasic.GetClaimInfo_V3': claimInfo,
  'ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2': orderInfo,
  'ShippingBasic.SetSendingInfo': setSendingInfo,
};

const TOO_MANY: SandboxResponse = { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' };

export function handlesQoo10(req: SandboxRequest): boolean {
  return req.path === QAPI_PREFIX || req.path.startsWith(`${QAPI_PREFIX}/`);
}

export function handleQoo10(s: Qoo10State, req: SandboxRequest): SandboxResponse {
  const method = req.path.slice(QAPI_PREFIX.length + 1) || req.query.method || '';
  const fault = s.faults.take({ path: req.path, type: method });
  if (fault) return faultResponse(fault);
  const now = s.opts.now();
  if (s.overRate('seller', s.ratePerSecond, now)) return TOO_MANY;
  const params =
    req.method === 'GET'
      ? req.query
      : /x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')
        ? parseForm(req.body)
        : {};
  const answer = route(s, method, params, req, now);
  s.calls.push({ method, orderNo: params.OrderNo, code: Number(answer.ResultCode ?? answer.ErrorCode) });
  return json(200, answer);
}

function faultResponse(f: Fault): SandboxResponse {
  if (f.kind === 429) return TOO_MANY;
  if (f.kind === 'malformed')
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ResultCode":0,"ResultMsg":"SUCC' };
  return { status: Number(f.kind), body: '<html>Service Unavailable</html>' };
}

function route(s: Qoo10State, method: string, p: Record<string, string>, req: SandboxRequest, now: number): Answer {
  if ((req.headers.qapiversion ?? p.v) !== '1.0') return result(-90001, 'The API does not exist');
  const key = req.headers.giosiscertificationkey ?? p.key ?? '';
  if (method === 'CertificationAPI.CreateCertificationKey') return createKey(s, key, p, now);
  const run = Object.hasOwn(METHODS, method) ? METHODS[method] : null;
  if (!run) return result(-90001, 'The API does not exist');
  const k = s.keys.get(key);
  // the API key where the seller key belongs is a known client mistake, answered as such (§2)
  if (!k) return key === QOO10_SANDBOX_CREDENTIALS.apiKey ? result(-10000, 'Login IDは必須です') : { ...KEY_REJECTED };
  if (k.expired || now - k.issuedAt > KEY_LIFETIME) {
    const msg = 'Seller authorization key is expired. Use a new key.';
    return s.expiredForm === 'error'
      ? { ErrorCode: -90005, ErrorMsg: msg }
      : s.expiredForm === 'result'
        ? result(-90004, msg)
        : { ...KEY_REJECTED };
  }
  return run(s, p, now);
}

/** §2 Flow: API key in the header, user_id and pwd in the body; ResultObject is the new key. */
function createKey(s: Qoo10State, apiKey: string, p: Record<string, string>, now: number): Answer {
  if (apiKey !== s.apiKey) return { ...KEY_REJECTED };
  if (!p.user_id) return result(-10001, 'Login IDは必須です');
  if (p.user_id !== QOO10_SANDBOX_CREDENTIALS.userId || p.pwd !== QOO10_SANDBOX_CREDENTIALS.password) {
    return result(-10001, 'Not exists seller info');
  }
  const key = `SAK${String(++s.keysIssued).padStart(4, '0')}${(s.opts.seed >>> 0).toString(36)}x${(now % 1e9).toString(36)}`;
  s.keys.set(key, { issuedAt: now, expired: false });
  return { ResultCode: 0, ResultMsg: '成功', ResultObject: key };
}

function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const dec = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text; // a broken escape reads as the raw text, as a lenient server would
    }
  };
  for (const part of body.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    out[dec(i < 0 ? part : part.slice(0, i))] = i < 0 ? '' : dec(part.slice(i + 1));
  }
  return out;
}
