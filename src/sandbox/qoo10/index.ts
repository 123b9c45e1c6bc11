import { demoShop } from '../demo-shop';
import { rateWindow } from '../rate-window';
import { json, type MallSandbox, type SandboxOptions, type SandboxRequest, type SandboxResponse } from '../types';
import { generateLines, qoo10Phone, type SandboxLine } from './data';

/**
 * A local Qoo10 QAPI (docs/malls/qoo10.md): path-style methods under ebayjapan.qapi, form-encoded POST (or GET
 * query), the GiosisCertificationKey header, both envelopes, English status labels with the code in
 * parentheses, 8/14-digit JST dates with the 90-day cap, claims, and SetSendingInfo's result codes.
 */

const PREFIX = '/GMKT.INC.Front.QAPIService/ebayjapan.qapi';
const DAY = 86_400_000;
const JST = 9 * 3_600_000;
const KEY_LIFETIME = 365 * DAY;

export const QOO10_SANDBOX_CREDENTIALS = {
  apiKey: 'qoo10-sandbox-api-key',
  userId: 'sandbox-seller',
  password: 'sandbox-Pa55!',
} as const;

/** §3 Status values: v2/v3 labels */
const STATUS_LABELS: Record<number, string> = {
  1: 'Awaiting shipping(1)',
  2: 'On request(2)',
  3: 'Seller confirm(3)',
  4: 'On delivery(4)',
  5: 'Delivered(5)',
};
const FINAL_CLAIMS = new Set(['3', '16']);

type Fault = '500' | '503' | '429' | 'malformed';

/**
 * What a wrong or expired key gets, for methods that exist (docs/malls/qoo10.md §2): this envelope at HTTP 200.
 * The 'expire' control can also answer the method tables' -90004 (ResultCode) or -90005 (ErrorCode).
 */
const KEY_REJECTED = { ErrorCode: -90001, ErrorMsg: '存在しないAPIです。' } as const;
type ExpiredForm = 'key' | 'result' | 'error';

interface IssuedKey {
  issuedAt: number;
  expired: boolean;
}

export function createQoo10Sandbox(opts: SandboxOptions): MallSandbox {
  const initial = opts.orders ?? 25;
  const lines = generateLines(opts.seed, initial, opts.now());
  const byOrderNo = new Map(lines.map((l) => [l.orderNo, l]));
  let arrived = 0;
  const keys = new Map<string, IssuedKey>();
  let keyCounter = 0;
  let expiredForm: ExpiredForm = 'key';
  const faults: Fault[] = [];
  let ratePerSecond = 5; // no official limit (§5); 5–10/s was seen safe, the sandbox enforces the low end
  const overRate = rateWindow(); // one window for the whole sandbox seller
  const shipments: { orderNo: string; packNo: string; shippingCorp: string; trackingNo: string; at: number }[] = [];
  const calls: { method: string; orderNo?: string; code: number }[] = [];

  function handle(req: SandboxRequest): SandboxResponse {
    const fault = faults.shift();
    if (fault === '429') return { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' };
    if (fault === '500' || fault === '503') return { status: Number(fault), body: '<html>Service Unavailable</html>' };
    if (fault === 'malformed')
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"ResultCode":0,"ResultMsg":"SUCC',
      };

    const now = opts.now();
    if (overRate('seller', ratePerSecond, now))
      return { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' };

    const method = req.path.slice(PREFIX.length + 1) || req.query.method || '';
    const params =
      req.method === 'GET'
        ? req.query
        : /x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')
          ? parseForm(req.body)
          : {};
    const answer = route(method, params, req, now);
    calls.push({ method, orderNo: params.OrderNo, code: Number(answer.ResultCode ?? answer.ErrorCode) });
    return json(200, answer);
  }

  function route(method: string, p: Record<string, string>, req: SandboxRequest, now: number): Record<string, unknown> {
    if ((req.headers.qapiversion ?? p.v) !== '1.0') return result(-90001, 'The API does not exist');
    const key = req.headers.giosiscertificationkey ?? p.key ?? '';
    if (method === 'CertificationAPI.CreateCertificationKey') return createKey(key, p, now);
    const known = [
      'ShippingBasic.GetShippingInfo_v3',
      'ShippingBasic.GetClaimInfo_V3',
      'ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2',
      'ShippingBasic.SetSendingInfo',
    ];
    if (!known.includes(method)) return result(-90001, 'The API does not exist');
    const k = keys.get(key);
    // the API key where the seller key belongs is a known client mistake, answered as such (§2)
    if (!k)
      return key === QOO10_SANDBOX_CREDENTIALS.apiKey ? result(-10000, 'Login IDは必須です') : { ...KEY_REJECTED };
    if (k.expired || now - k.issuedAt > KEY_LIFETIME) {
      const msg = 'Seller authorization key is expired. Use a new key.';
      return expiredForm === 'error'
        ? { ErrorCode: -90005, ErrorMsg: msg }
        : expiredForm === 'result'
          ? result(-90004, msg)
          : { ...KEY_REJECTED };
    }
    if (method === 'ShippingBasic.GetShippingInfo_v3') return shippingInfo(p);
    if (method === 'ShippingBasic.GetClaimInfo_V3') return claimInfo(p);
    if (method === 'ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2') return orderInfo(p);
    return setSendingInfo(p, now);
  }

  /** §2 Flow: API key in the header, user_id and pwd in the body; ResultObject is the new key. */
  /** the 'rotateApiKey' control: the yearly API key expired and the seller issued a new one in QSM */
  let apiKeyNow: string = QOO10_SANDBOX_CREDENTIALS.apiKey;

  function createKey(apiKey: string, p: Record<string, string>, now: number): Record<string, unknown> {
    if (apiKey !== apiKeyNow) return { ...KEY_REJECTED };
    if (!p.user_id) return result(-10001, 'Login IDは必須です');
    if (p.user_id !== QOO10_SANDBOX_CREDENTIALS.userId || p.pwd !== QOO10_SANDBOX_CREDENTIALS.password) {
      return result(-10001, 'Not exists seller info');
    }
    const key = `SAK${String(++keyCounter).padStart(4, '0')}${(opts.seed >>> 0).toString(36)}x${(now % 1e9).toString(36)}`;
    keys.set(key, { issuedAt: now, expired: false });
    return { ResultCode: 0, ResultMsg: '成功', ResultObject: key };
  }

  /** §3 GetShippingInfo_v3: one status per call (0/empty = 1–3), dates on SearchCondition, no paging. */
  function shippingInfo(p: Record<string, string>): Record<string, unknown> {
    const st = p.ShippingStatus ?? '';
    if (!/^[0-5]?$/.test(st)) return result(-10001, 'Please check the ShippingStatus');
    const statuses = st === '' || st === '0' ? [1, 2, 3] : [Number(st)];
    const range = searchRange(p.SearchStartDate, p.SearchEndDate);
    if (typeof range === 'string')
      return range === 'period'
        ? result(-10003, 'Searching period exceeds to 90 days.')
        : result(-10002, 'Please check the search date');
    const dateOf: Record<string, (l: SandboxLine) => number | null> = {
      '1': (l) => l.orderDate,
      '2': (l) => l.paymentDate,
      '3': (l) => l.shippingDate,
      '4': (l) => l.deliveredDate,
    };
    const pickDate = dateOf[p.SearchCondition || '1'];
    if (!pickDate) return result(-10002, 'Please check the SearchCondition');
    const rows = lines
      .filter((l) => !(l.claim && FINAL_CLAIMS.has(l.claim.stat))) // cancelled lines vanish (§3 Cancellations)
      .filter((l) => statuses.includes(l.status) && inRange(pickDate(l), range))
      .map(v3Row);
    return { ResultCode: 0, ResultMsg: 'SUCCESS', ResultObject: shaped(rows) };
  }

  /** §3 Cancellations: GetClaimInfo_V3 with the v2 parameter names; camelCase rows; ResultCode as text. */
  function claimInfo(p: Record<string, string>): Record<string, unknown> {
    const range = searchRange(p.search_Sdate, p.search_Edate);
    if (range === 'period') return result(-10003, 'Searching period exceeds to 90 days.');
    if (range === 'date') return result(-10002, 'Search Date Error');
    const cond = p.search_condition || '1';
    const rows = lines
      .filter((l) => l.claim && (!p.ClaimStat || l.claim.stat === p.ClaimStat))
      .filter((l) =>
        inRange(cond === '1' ? l.orderDate : cond === '2' ? l.claim!.requestDate : l.claim!.doneDate, range),
      )
      .map((l) => ({
        // the ClaimStat code as a numeric string, as clients written against the real API read it (§1)
        claimStatus: l.claim!.stat,
        requestDate: jstText(l.claim!.requestDate),
        cancelRefundDate: l.claim!.doneDate ? jstText(l.claim!.doneDate) : '',
        reason: '=お客様都合',
        orderDate: jstText(l.orderDate),
        orderNo: Number(l.orderNo),
        packNo: Number(l.packNo),
        itemTitle: l.title,
        sellerItemCode: l.sellerItemCode,
        orderQty: l.qty,
        currency: 'JPY',
        paymentAmount: l.price * l.qty - l.discount,
        receiver: l.buyer.name,
      }));
    return { ResultCode: 0, ResultMsg: 'SUCCESS', ResultObject: shaped(rows) };
  }

  function orderInfo(p: Record<string, string>): Record<string, unknown> {
    if (!/^\d+$/.test(p.OrderNo ?? '')) return result(-10001, 'Please check the OrderNo');
    const l = byOrderNo.get(p.OrderNo);
    if (!l) return result(-10002, 'Not exists order info');
    return {
      ResultCode: 0,
      ResultMsg: 'SUCCESS',
      ResultObject: [
        {
          orderNo: Number(l.orderNo),
          packNo: Number(l.packNo),
          shippingStatus: STATUS_LABELS[l.status],
          trackingNo: l.trackingNo,
          deliveryCompany: l.deliveryCompany,
          claimStatus: l.claim?.stat ?? '',
        },
      ],
    };
  }

  /** §4 SetSendingInfo: one OrderNo; codes per the method's table; no ResultObject. */
  function setSendingInfo(p: Record<string, string>, now: number): Record<string, unknown> {
    const orderNo = p.OrderNo ?? '';
    if (!/^\d+$/.test(orderNo)) return result(-10001, 'Please check the OrderNo');
    const corp = (p.ShippingCorp ?? '').trim();
    if (!corp || corp.length > 200) return result(-10002, 'Please check the ShippingCorp');
    const tracking = (p.TrackingNo ?? '').trim();
    if (!tracking || tracking.length > 50) return result(-10003, 'Please check the TrackingNo');
    const l = byOrderNo.get(orderNo);
    if (!l) return result(-10004, 'Not exists order info of this seller');
    // no documented "already shipped" code: the generic update failures (§4, inferred)
    if (l.claim) return result(-10100, 'Update failed (claim)');
    if (l.status !== 2 && l.status !== 3) return result(-10010, 'Update failed');
    l.status = 4;
    l.deliveryCompany = corp;
    l.trackingNo = tracking;
    l.shippingDate = now;
    shipments.push({ orderNo, packNo: l.packNo, shippingCorp: corp, trackingNo: tracking, at: now });
    return { ResultCode: 0, ResultMsg: 'SUCCESS' };
  }

  function control(command: string, args: Record<string, unknown>): unknown {
    const target = (): SandboxLine[] =>
      lines.filter(
        (l) =>
          (args.orderNo !== undefined && l.orderNo === String(args.orderNo)) ||
          (args.packNo !== undefined && l.packNo === String(args.packNo)),
      );
    switch (command) {
      case 'state':
        return { shipments, calls, keysIssued: keyCounter, ratePerSecond };
      case 'orders':
        return [...new Set(lines.map((l) => l.packNo))].map((packNo) => {
          const ls = lines.filter((l) => l.packNo === packNo);
          return {
            packNo,
            orderNos: ls.map((l) => l.orderNo),
            status: ls[0].status,
            claim: ls[0].claim?.stat ?? null,
            orderDate: ls[0].orderDate,
          };
        });
      case 'cancel': {
        const stat = String(args.stat ?? '3');
        const at = opts.now();
        for (const l of target()) l.claim = { stat, requestDate: at, doneDate: FINAL_CLAIMS.has(stat) ? at : null };
        return target().length;
      }
      case 'arrive': {
        // new paid carts placed now (the steady-state benchmark's arrivals): the generator's next ones
        const n = Math.max(0, Math.floor(Number(args.count ?? 1)));
        const at = opts.now();
        const fresh = generateLines(opts.seed, initial + arrived + n, at).filter((l) => !byOrderNo.has(l.orderNo));
        arrived += n;
        for (const l of fresh) {
          Object.assign(l, {
            status: 2,
            orderDate: at,
            paymentDate: at,
            estShipDate: null,
            shippingDate: null,
            deliveredDate: null,
            claim: null,
            deliveryCompany: '',
            trackingNo: '',
          });
          lines.push(l);
          byOrderNo.set(l.orderNo, l);
        }
        return [...new Set(fresh.map((l) => l.packNo))];
      }
      case 'advance': {
        const status = Number(args.status);
        for (const l of target()) l.status = status;
        return target().length;
      }
      case 'expire':
        expiredForm = args.envelope === 'error' || args.envelope === 'result' ? args.envelope : 'key';
        for (const k of keys.values()) k.expired = true;
        return keys.size;
      case 'fault': {
        const kind = String(args.kind ?? '500') as Fault;
        for (let i = 0; i < Number(args.count ?? 1); i++) faults.push(kind);
        return faults.length;
      }
      case 'rotateApiKey':
        // the old API key stops working, and every seller key it issued with it
        apiKeyNow = String(args.apiKey ?? `${QOO10_SANDBOX_CREDENTIALS.apiKey}-renewed`);
        for (const k of keys.values()) k.expired = true;
        return { apiKey: apiKeyNow };
      case 'rate':
        ratePerSecond = Math.max(1, Number(args.perSecond ?? 5));
        return ratePerSecond;
      default:
        return { error: `unknown control ${command}` };
    }
  }

  return { id: 'qoo10', handles: (req) => req.path === PREFIX || req.path.startsWith(`${PREFIX}/`), handle, control };
}

function result(code: number, msg: string): Record<string, unknown> {
  return { ResultCode: code, ResultMsg: msg, ResultObject: null };
}

/** §1: an empty result is null, one row may come as the object itself. */
function shaped(rows: unknown[]): unknown {
  return rows.length === 0 ? null : rows.length === 1 ? rows[0] : rows;
}

/**
 * yyyyMMdd (whole day) or yyyyMMddHHmmss, JST; 'period' when the bounds touch more than 90 JST calendar days
 * (§3). The docs say 90 days without saying how they are counted; counting the days touched is the strict
 * reading, and the one under which production clients' move to 89-day windows makes sense.
 */
function searchRange(start?: string, end?: string): { from: number; to: number } | 'date' | 'period' {
  const s = parseStamp(start ?? '', false);
  const e = parseStamp(end ?? '', true);
  if (s === null || e === null || s > e) return 'date';
  const days = Math.floor((e + JST) / DAY) - Math.floor((s + JST) / DAY) + 1;
  return days > 90 ? 'period' : { from: s, to: e };
}

function parseStamp(v: string, endOfDay: boolean): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = m[4]
    ? Date.UTC(y, mo - 1, d, Number(m[4]), Number(m[5]), Number(m[6]))
    : Date.UTC(y, mo - 1, d) + (endOfDay ? DAY - 1000 : 0);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t - JST;
}

/** inclusive to the second, as the 14-digit bounds are */
function inRange(t: number | null, r: { from: number; to: number }): boolean {
  return t !== null && t >= r.from && t < r.to + 1000;
}

function jstText(t: number): string {
  return new Date(t + JST).toISOString().slice(0, 19).replace('T', ' ');
}

function v3Row(l: SandboxLine): Record<string, unknown> {
  const b = l.buyer;
  const phone = qoo10Phone(b.phone);
  const address1 = `${b.prefecture}${b.city}`;
  const address2 = [b.line1, b.line2].filter(Boolean).join(' ');
  return {
    OrderNo: Number(l.orderNo),
    PackNo: Number(l.packNo),
    RelatedOrder: l.related.join(', '), // "12345432, 12343212" as documented (§3)
    SellerID: 'sandbox-seller',
    ShippingStatus: STATUS_LABELS[l.status],
    OrderDate: jstText(l.orderDate),
    PaymentDate: l.paymentDate ? jstText(l.paymentDate) : '',
    EstimatedShippingDate: l.estShipDate ? jstText(l.estShipDate).slice(0, 10) : '',
    ShippingDate: l.shippingDate ? jstText(l.shippingDate) : '',
    DeliveredDate: l.deliveredDate ? jstText(l.deliveredDate) : '',
    ItemNo: String(900_000_000 + (Number(l.orderNo) % 97)),
    ItemTitle: l.title,
    Option: l.option,
    OptionCode: l.optionCode,
    SellerItemCode: l.sellerItemCode,
    OrderQty: l.qty,
    OrderPrice: l.price,
    Discount: l.discount,
    Total: l.price * l.qty - l.discount,
    ShippingRate: l.shippingRate, // repeated on every line of the cart, as Qoo10 does
    ShippingRateType: l.shippingRate === 0 ? 'Free' : 'Charge',
    Currency: 'JPY',
    PaymentMethod: 'CreditCard',
    Buyer: b.name,
    BuyerKana: '',
    Receiver: b.name,
    ReceiverKana: '',
    ZipCode: b.postalCode,
    ShippingAddress: `${address1} ${address2}`,
    Address1: address1,
    Address2: address2,
    ReceiverTel: l.phoneInTel ? phone : '+81--',
    ReceiverMobile: l.phoneInTel ? '+81--' : phone,
    ShippingMessage: '',
    DeliveryCompany: l.deliveryCompany,
    TrackingNo: l.trackingNo,
  };
}

function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of body.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s; // a broken escape reads as the raw text, as a lenient server would
      }
    };
    out[dec(i < 0 ? part : part.slice(0, i))] = i < 0 ? '' : dec(part.slice(i + 1));
  }
  return out;
}

/** A shop of the settings model (docs/contract.md §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoQoo10Shop(baseUrl: string): Record<string, unknown> {
  return demoShop(
    'Qoo10 デモ店',
    'qoo10',
    {
      credentials: { ...QOO10_SANDBOX_CREDENTIALS },
      fetch: { statuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'], days: 7 },
    },
    baseUrl,
  );
}
