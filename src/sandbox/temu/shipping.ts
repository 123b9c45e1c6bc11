import { z } from 'zod';
import { CARRIERS, STATUS, WAREHOUSES, type SandboxOrder } from './data';

/**
 * bg.logistics.shipment.v2.confirm as the sandbox enforces it (docs/malls/temu.md §1.2, §1.3 and the Order Fulfillment
 * Guide rules): one parent per call for sendType 0/1, all its live child orders with their full quantity,
 * a known carrier and warehouse, tracking numbers Temu accepts, never reused for another parent.
 */

const ConfirmSchema = z.object({
  sendType: z.number().int(),
  sendRequestList: z
    .array(
      z.object({
        carrierId: z.union([z.number(), z.string()]).optional(),
        trackingNumber: z.string().optional(),
        selfShippingWarehouseId: z.string().optional(),
        orderSendInfoList: z.array(z.object({ parentOrderSn: z.string(), orderSn: z.string(), quantity: z.number().int() })).min(1),
      }),
    )
    .min(1),
});

export interface ReceivedPackage {
  carrierId: string;
  trackingNumber: string;
  warehouseId: string;
  lines: { orderSn: string; quantity: number }[];
}

export interface Shipment {
  parentOrderSn: string;
  sendType: number;
  packages: ReceivedPackage[];
  /** epoch seconds */
  at: number;
}

export type ConfirmOutcome = { ok: true } | { ok: false; code: number; msg: string };

export class ShippingDesk {
  readonly shipments: Shipment[] = [];
  /** tracking number → the parent it shipped */
  private readonly used = new Map<string, string>();

  confirm(params: Record<string, unknown>, orders: Map<string, SandboxOrder>, nowS: number): ConfirmOutcome {
    const fail = (code: number, msg: string): ConfirmOutcome => ({ ok: false, code, msg });
    const parsed = ConfirmSchema.safeParse(params);
    if (!parsed.success) return fail(7000000, `Invalid request: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
    const { sendType, sendRequestList } = parsed.data;
    if (sendType !== 0 && sendType !== 1) return fail(7000000, 'The sandbox supports sendType 0 and 1');

    const seen = new Set<string>();
    for (const p of sendRequestList) {
      const tn = p.trackingNumber ?? '';
      if (tn.trim() === '') return fail(120014001, 'Tracking number is blank');
      if (/[^0-9A-Za-z]/.test(tn)) return fail(120014020, 'Tracking number cannot be recognized, please remove symbols such as -, %, #');
      if (!CARRIERS.some((c) => String(c.logisticsServiceProviderId) === String(p.carrierId ?? ''))) return fail(120014022, 'Incorrect trackingNumber/carrierId');
      if (!p.selfShippingWarehouseId) return fail(120015527, 'selfShippingWarehouseId is required');
      if (!WAREHOUSES.some((w) => w.warehouseId === p.selfShippingWarehouseId)) return fail(120011085, 'Invalid selfShippingWarehouseId');
      if (seen.has(tn)) return fail(120014003, 'Duplicate tracking number');
      seen.add(tn);
    }

    const parents = new Set(sendRequestList.flatMap((p) => p.orderSendInfoList.map((l) => l.parentOrderSn)));
    if (parents.size !== 1) return fail(120012016, 'sendType 0/1 ships exactly one parent order per call');
    const parentSn = [...parents][0];
    const order = orders.get(parentSn);
    if (!order) return fail(120012007, 'parentOrderSn is invalid');
    if (order.status === STATUS.SHIPPED || order.status === STATUS.RECEIPTED || this.shipments.some((s) => s.parentOrderSn === parentSn)) {
      return fail(120012004, 'The order has been shipped, this submission has no effect');
    }
    if (order.status !== STATUS.UN_SHIPPING) return fail(120012007, 'The parent order is not awaiting shipment');
    if (sendType === 0 && sendRequestList.length !== 1) return fail(120012016, 'sendType 0 takes exactly one package');
    if (sendType === 1 && sendRequestList.length < 2) return fail(120012016, 'sendType 1 takes several packages');

    const shipped = new Map<string, number>();
    for (const l of sendRequestList.flatMap((p) => p.orderSendInfoList)) {
      const child = order.children.find((c) => c.orderSn === l.orderSn);
      if (!child || child.status === STATUS.CANCELED) return fail(120012016, `orderSn ${l.orderSn} does not match the parent order`);
      shipped.set(l.orderSn, (shipped.get(l.orderSn) ?? 0) + l.quantity);
    }
    for (const c of order.children) {
      if (c.status === STATUS.CANCELED) continue;
      if ((shipped.get(c.orderSn) ?? 0) !== c.quantity) {
        return fail(120012016, `All orders of the parent must ship together with their full quantity (orderSn ${c.orderSn})`);
      }
    }
    for (const tn of seen) {
      const other = this.used.get(tn);
      if (other && other !== parentSn) return fail(120014004, 'Tracking number has been used');
    }

    for (const tn of seen) this.used.set(tn, parentSn);
    this.shipments.push({
      parentOrderSn: parentSn,
      sendType,
      at: nowS,
      packages: sendRequestList.map((p) => ({
        carrierId: String(p.carrierId),
        trackingNumber: p.trackingNumber ?? '',
        warehouseId: p.selfShippingWarehouseId ?? '',
        lines: p.orderSendInfoList.map((l) => ({ orderSn: l.orderSn, quantity: l.quantity })),
      })),
    });
    order.status = STATUS.SHIPPED;
    for (const c of order.children) if (c.status !== STATUS.CANCELED) c.status = STATUS.SHIPPED;
    order.updatedAt = nowS;
    return { ok: true };
  }
}
