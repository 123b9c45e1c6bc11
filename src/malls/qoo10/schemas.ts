import { z } from 'zod';

/**
 * Rows Qoo10 returns, read tolerantly: numbers may come as strings and the reverse, unset text may be
 * null or missing (docs/malls/qoo10.md §3). IDs are kept as text.
 */

const Id = z.union([z.string().trim().min(1), z.number()]).transform(String);
const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? '' : String(v)));
const Num = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v.replace(/,/g, ''));
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `not a number: ${String(v).slice(0, 20)}` });
      return z.NEVER;
    }
    return n;
  });

/** GetShippingInfo_v3: one row = one order line (§3 v3 response fields, PascalCase). */
export const ShippingRowSchema = z.object({
  OrderNo: Id,
  PackNo: Id,
  RelatedOrder: Text,
  ShippingStatus: Text,
  OrderDate: Text,
  PaymentDate: Text,
  EstimatedShippingDate: Text,
  ItemTitle: Text,
  Option: Text,
  OptionCode: Text,
  SellerItemCode: Text,
  OrderQty: Num,
  OrderPrice: Num,
  Total: Num,
  ShippingRate: Num,
  Currency: Text,
  Receiver: Text,
  ZipCode: Text,
  ShippingAddress: Text,
  Address1: Text,
  Address2: Text,
  ReceiverTel: Text,
  ReceiverMobile: Text,
  DeliveryCompany: Text,
  TrackingNo: Text,
});
export type ShippingRow = z.infer<typeof ShippingRowSchema>;

/** GetClaimInfo_V3 rows use camelCase (§3 Cancellations, §6.1). */
export const ClaimRowSchema = z.object({
  orderNo: Id,
  packNo: Id,
});
export type ClaimRow = z.infer<typeof ClaimRowSchema>;

/** GetShippingAndClaimInfoByOrderNo_V2: one order's state, camelCase keys (§3 Cancellations, S8). */
export const OrderInfoSchema = z.object({
  orderNo: Id,
  shippingStatus: Text,
  trackingNo: Text,
  deliveryCompany: Text,
  /** ClaimStat digit when the line is under a claim, else empty */
  claimStatus: Text,
});

/** CreateCertificationKey: ResultObject is the key itself (§2 Flow 3). */
export const CertificationKeySchema = z.string().trim().min(8);
