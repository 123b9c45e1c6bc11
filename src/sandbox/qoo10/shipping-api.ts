import { qoo10Phone, type SandboxLine } from './data';
import { inRange, jstText, searchRange } from './jst-dates';
import type { Qoo10State } from './state';

/** The ShippingBasic methods (docs/malls/qoo10.md §3, §4): order lines, claims, one order's status, and shipping. */

type Answer = Record<string, unknown>;

/** §3 Status values: v2/v3 labels */
const STATUS_LABELS: Record<number, string> = {
  1: 'Awaiting shipping(1)',
  2: 'On request(2)',
  3: 'Seller confirm(3)',
  4: 'On delivery(4)',
  5: 'Delivered(5)',
};

/** Claim statuses after which a line is gone (cancelled), not merely claimed. */
export const FINAL_CLAIMS = new Set(['3', '16']);

export function result(code: number, msg: string): Answer {
  return { ResultCode: code, ResultMsg: msg, ResultObject: null };
}

/** §1: an empty result is null, one row may come as the object itself. */
function shaped(rows: unknown[]): unknown {
  return rows.length === 0 ? null : rows.length === 1 ? rows[0] : rows;
}

/** §3 GetShippingInfo_v3: one status per call (0/empty = 1–3), dates on SearchCondition, no paging. */
export function shippingInfo(s: Qoo10State, p: Record<string, string>): Answer {
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
  const rows = s.lines
    .filter((l) => !(l.claim && FINAL_CLAIMS.has(l.claim.stat))) // cancelled lines vanish (§3 Cancellations)
    .filter((l) => statuses.includes(l.status) && inRange(pickDate(l), range))
    .map(v3Row);
  return { ResultCode: 0, ResultMsg: 'SUCCESS', ResultObject: shaped(rows) };
}

/** §3 Cancellations: GetClaimInfo_V3 with the v2 parameter names; camelCase rows; ResultCode as text. */
export function claimInfo(s: Qoo10State, p: Record<string, string>): Answer {
  const range = searchRange(p.search_Sdate, p.search_Edate);
  if (range === 'period') return result(-10003, 'Searching period exceeds to 90 days.');
  if (range === 'date') return result(-10002, 'Search Date Error');
  const cond = p.search_condition || '1';
  const rows = s.lines.flatMap((l) => {
    const claim = l.claim;
    if (!claim || (p.ClaimStat && claim.stat !== p.ClaimStat)) return [];
    if (!inRange(cond === '1' ? l.orderDate : cond === '2' ? claim.requestDate : claim.doneDate, range)) return [];
    return [
      {
        // the ClaimStat code as a numeric string, as clients written against the real API read it (§1)
        claimStatus: claim.stat,
        requestDate: jstText(claim.requestDate),
        cancelRefundDate: claim.doneDate ? jstText(claim.doneDate) : '',
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
      },
    ];
  });
  return { ResultCode: 0, ResultMsg: 'SUCCESS', ResultObject: shaped(rows) };
}

/** GetShippingAndClaimInfoByOrderNo_V2: one order's status, tracking and claim. */
export function orderInfo(s: Qoo10State, p: Record<string, string>): Answer {
  if (!/^\d+$/.test(p.OrderNo ?? '')) return result(-10001, 'Please check the OrderNo');
  const l = s.byOrderNo.get(p.OrderNo);
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
export function setSendingInfo(s: Qoo10State, p: Record<string, string>, now: number): Answer {
  const orderNo = p.OrderNo ?? '';
  if (!/^\d+$/.test(orderNo)) return result(-10001, 'Please check the OrderNo');
  const corp = (p.ShippingCorp ?? '').trim();
  if (!corp || corp.length > 200) return result(-10002, 'Please check the ShippingCorp');
  const tracking = (p.TrackingNo ?? '').trim();
  if (!tracking || tracking.length > 50) return result(-10003, 'Please check the TrackingNo');
  const l = s.byOrderNo.get(orderNo);
  if (!l) return result(-10004, 'Not exists order info of this seller');
  // no documented "already shipped" code: the generic update failures (§4, inferred)
  if (l.claim) return result(-10100, 'Update failed (claim)');
  if (l.status !== 2 && l.status !== 3) return result(-10010, 'Update failed');
  l.status = 4;
  l.deliveryCompany = corp;
  l.trackingNo = tracking;
  l.shippingDate = now;
  s.shipments.push({ orderNo, packNo: l.packNo, shippingCorp: corp, trackingNo: tracking, at: now });
  return { ResultCode: 0, ResultMsg: 'SUCCESS' };
}

function v3Row(l: SandboxLine): Answer {
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
