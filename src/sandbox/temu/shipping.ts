import { z } from 'zod';
import { CARRIERS, type SandboxChild, type SandboxOrder, STATUS, WAREHOUSES } from './data';

/**
 * Self-fulfilled shipping as the sandbox enforces it (docs/malls/temu.md §1.2–§1.4, the Order Fulfillment
 * Guide and the split-and-ship examples):
 * - bg.logistics.shipment.v2.confirm: sendType 0 = the rest of one parent in one package; 1 = part of one
 *   parent (partial fulfilment allowed), one or more packages, `subSendRequests` for extra packages of a
 *   line; 2 = several whole parents in one package with one tracking number (same address). Every child
 *   sent ships its full quantity in that call; a tracking number succeeds once (unless declared together).
 * - bg.logistics.shipment.v2.get: the packages holding one child order.
 * - bg.logistics.shipment.shippingtype.update: a new tracking number for a package.
 */

const Sub = z.object({
  carrierId: z.union([z.number(), z.string()]).optional(),
  trackingNumber: z.string().optional(),
  selfShippingWarehouseId: z.string().optional(),
});

const ConfirmSchema = z.object({
  sendType: z.number().int(),
  sendRequestList: z
    .array(
      Sub.extend({
        orderSendInfoList: z
          .array(z.object({ parentOrderSn: z.string(), orderSn: z.string(), quantity: z.number().int() }))
          .min(1),
        subSendRequests: z.array(Sub).optional(),
      }),
    )
    .min(1),
});

const EditSchema = z.object({
  editPackageRequestList: z
    .array(
      z.object({
        packageSn: z.string().min(1),
        trackingNumber: z.string().optional(),
        shipCompanyId: z.union([z.number(), z.string()]),
        selfShippingWarehouseId: z.string().optional(),
      }),
    )
    .min(1),
});

export interface PackageLine {
  parentOrderSn: string;
  orderSn: string;
  quantity: number;
}

export interface ReceivedPackage {
  packageSn: string;
  carrierId: string;
  trackingNumber: string;
  warehouseId: string;
  lines: PackageLine[];
  /** extra packages of the same lines (subSendRequests) */
  subPackages: { packageSn: string; carrierId: string; trackingNumber: string }[];
}

export interface Shipment {
  /** the first parent of the call; parentOrderSns lists all of them (several for sendType 2) */
  parentOrderSn: string;
  parentOrderSns: string[];
  /** 0 / 1 / 2 from v2.confirm; 'seller-center' for a shipment made outside the API (control 'ship') */
  sendType: number | 'seller-center';
  packages: ReceivedPackage[];
  /** epoch seconds */
  at: number;
}

export interface TrackingEdit {
  packageSn: string;
  from: string;
  to: string;
  at: number;
}

export type DeskOutcome = { ok: true; result: unknown } | { ok: false; code: number; msg: string };

const fail = (code: number, msg: string): DeskOutcome => ({ ok: false, code, msg });
const INVALID_PARAMS = 120011020;
/** docs/malls/temu.md §1.4: at most 10 extra packages per package */
const MAX_SUB_PACKAGES = 10;

type Sent = { carrierId?: number | string; trackingNumber?: string; selfShippingWarehouseId?: string };

export class ShippingDesk {
  readonly shipments: Shipment[] = [];
  readonly edits: TrackingEdit[] = [];
  /** tracking numbers of successful fulfilments: each succeeds once */
  private readonly used = new Set<string>();
  private packageSeq = 0;

  constructor(
    private readonly orders: Map<string, SandboxOrder>,
    private readonly now: () => number,
  ) {}

  confirm(params: Record<string, unknown>): DeskOutcome {
    const parsed = ConfirmSchema.safeParse(params);
    if (!parsed.success)
      return fail(
        INVALID_PARAMS,
        `Invalid request parameters: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`,
      );
    const { sendType, sendRequestList } = parsed.data;
    if (sendType !== 0 && sendType !== 1 && sendType !== 2) return fail(INVALID_PARAMS, 'sendType must be 0, 1 or 2');

    const inCall = new Set<string>();
    for (const p of sendRequestList) {
      const subs = p.subSendRequests ?? [];
      if (subs.length > 0 && sendType !== 1)
        return fail(INVALID_PARAMS, 'subSendRequests split one line over several packages: sendType 1 only');
      if (subs.length > MAX_SUB_PACKAGES)
        return fail(120011098, 'A package is allowed to add a maximum of only 10 sub tracking numbers.');
      for (const s of [p, ...subs]) {
        const bad = checkPackage(s);
        if (bad) return bad;
        const tn = s.trackingNumber ?? '';
        if (inCall.has(tn)) return fail(120014003, 'Duplicate tracking number');
        inCall.add(tn);
      }
    }
    if (sendType !== 1 && sendRequestList.length !== 1)
      return fail(INVALID_PARAMS, `sendType ${sendType} ships one package with one tracking number`);

    const lines = sendRequestList.flatMap((p) => p.orderSendInfoList);
    const parentSns = [...new Set(lines.map((l) => l.parentOrderSn))];
    if (sendType !== 2 && parentSns.length !== 1)
      return fail(120012016, `sendType ${sendType} ships exactly one parent order per call`);
    if (sendType === 2 && parentSns.length < 2)
      return fail(INVALID_PARAMS, 'sendType 2 combines several parent orders');

    const quantities = new Map<string, number>();
    for (const l of lines) quantities.set(l.orderSn, (quantities.get(l.orderSn) ?? 0) + l.quantity);
    const parents: SandboxOrder[] = [];
    for (const sn of parentSns) {
      const order = this.orders.get(sn);
      if (!order) return fail(120012007, 'The parentOrder or Order is invalid.');
      const problem = this.checkParent(
        order,
        lines.filter((l) => l.parentOrderSn === sn),
        quantities,
        sendType,
      );
      if (problem) return problem;
      parents.push(order);
    }
    if (sendType === 2 && new Set(parents.map((o) => addressKey(o))).size > 1) {
      return fail(120012015, 'Combined delivery failed since the delivery addresses for PO orders are different.');
    }
    for (const tn of inCall) if (this.used.has(tn)) return fail(120014004, 'Tracking number has been used');

    this.record(
      parentSns,
      sendType,
      sendRequestList.map((p) => this.newPackage(p, p.orderSendInfoList, p.subSendRequests ?? [])),
    );
    return { ok: true, result: { assistantAgreementText: null, warningMessage: [] } };
  }

  /** One parent's part of a confirm call, or why it is refused. */
  private checkParent(
    order: SandboxOrder,
    lines: PackageLine[],
    quantities: Map<string, number>,
    sendType: number,
  ): DeskOutcome | null {
    if (order.status === STATUS.CANCELED) return fail(120012007, 'The parentOrder or Order is invalid.');
    if (order.status === STATUS.PENDING) return fail(120012007, 'The parent order is not awaiting shipment yet');
    const live = order.children.filter((c) => c.status !== STATUS.CANCELED);
    for (const l of lines) {
      const child = live.find((c) => c.orderSn === l.orderSn);
      if (!child) return fail(120012016, `orderSn ${l.orderSn} does not match the parent order`);
      if (isShipped(child))
        return fail(120012004, 'The order has been shipped. This submission is not effective for the shipped order.');
      if (quantities.get(l.orderSn) !== child.quantity) {
        return fail(
          120012016,
          `Each order ships its full quantity in one call (orderSn ${l.orderSn}: ${quantities.get(l.orderSn)} of ${child.quantity})`,
        );
      }
    }
    const sent = new Set(lines.map((l) => l.orderSn));
    const unsentOpen = live.filter((c) => !isShipped(c) && !sent.has(c.orderSn));
    if (sendType === 0 && unsentOpen.length > 0) {
      return fail(
        120012016,
        `sendType 0 ships all products of the parent order in one package; ${unsentOpen[0].orderSn} is missing (use sendType 1 for part of it)`,
      );
    }
    if (sendType === 2 && (unsentOpen.length > 0 || live.some(isShipped))) {
      return fail(
        120015539,
        `Combination failed: every order of ${order.parentOrderSn} must ship together when parent orders are combined`,
      );
    }
    return null;
  }

  /** A shipment made in Seller Center (control 'ship'): the mall shows it shipped, MallSheet sent nothing. */
  shipOutside(
    parentOrderSn: string,
    orderSns: string[] | null,
    trackingNumber: string,
  ): { ok: true } | { ok: false; error: string } {
    const order = this.orders.get(parentOrderSn);
    if (!order) return { ok: false, error: 'unknown parentOrderSn' };
    const children = order.children.filter(
      (c) => c.status !== STATUS.CANCELED && !isShipped(c) && (!orderSns || orderSns.includes(c.orderSn)),
    );
    if (children.length === 0) return { ok: false, error: 'nothing left to ship' };
    const lines = children.map((c) => ({ parentOrderSn, orderSn: c.orderSn, quantity: c.quantity }));
    this.record([parentOrderSn], 'seller-center', [
      this.newPackage(
        {
          carrierId: CARRIERS[0].logisticsServiceProviderId,
          trackingNumber,
          selfShippingWarehouseId: WAREHOUSES[0].warehouseId,
        },
        lines,
        [],
      ),
    ]);
    return { ok: true };
  }

  /** bg.logistics.shipment.v2.get: both numbers are required; an unshipped order has no packages. */
  shipmentInfo(params: Record<string, unknown>): DeskOutcome {
    const order = this.orders.get(String(params.parentOrderSn ?? ''));
    const child = order?.children.find((c) => c.orderSn === String(params.orderSn ?? ''));
    if (!order || !child) return fail(120012007, 'The parentOrder or Order is invalid.');
    const dto = this.packages()
      .filter((p) => p.lines.some((l) => l.orderSn === child.orderSn))
      .map((p) => ({
        carrierId: Number(p.carrierId),
        carrierName:
          CARRIERS.find((c) => String(c.logisticsServiceProviderId) === p.carrierId)?.logisticsServiceProviderName ??
          '',
        trackingNumber: p.trackingNumber,
        skuId: child.skuId,
        quantity: p.lines.filter((l) => l.orderSn === child.orderSn).reduce((s, l) => s + l.quantity, 0),
        packageSn: p.packageSn,
        packageDeliveryType: 1,
        trackingWarningLabel: 0,
        subPackageShipmentInfoList: p.subPackages.map((s) => ({
          ...s,
          carrierId: Number(s.carrierId),
          packageDeliveryType: 1,
        })),
      }));
    return { ok: true, result: { shipmentInfoDTO: dto } };
  }

  /**
   * bg.logistics.shipment.shippingtype.update. When Temu stops accepting edits is not documented; the
   * sandbox refuses them once an order of the package is delivered (120015529).
   */
  editTracking(params: Record<string, unknown>): DeskOutcome {
    const parsed = EditSchema.safeParse(params);
    if (!parsed.success)
      return fail(
        INVALID_PARAMS,
        `Invalid request parameters: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`,
      );
    const edits = parsed.data.editPackageRequestList;
    const targets: ReceivedPackage[] = [];
    for (const e of edits) {
      const pkg = this.packages().find((p) => p.packageSn === e.packageSn);
      if (!pkg)
        return fail(
          120018027,
          'The packageSn is invalid. Please check the request area or if the packageSn is nonexistent etc.',
        );
      const bad = checkPackage({
        carrierId: e.shipCompanyId,
        trackingNumber: e.trackingNumber,
        selfShippingWarehouseId: e.selfShippingWarehouseId,
      });
      if (bad) return bad;
      if (pkg.lines.some((l) => this.orders.get(l.parentOrderSn)?.status === STATUS.RECEIPTED)) {
        return fail(120015529, 'The current package does not meet the modification conditions and cannot be edited.');
      }
      if (this.used.has(e.trackingNumber!) && pkg.trackingNumber !== e.trackingNumber)
        return fail(120014004, 'Tracking number has been used');
      targets.push(pkg);
    }
    edits.forEach((e, i) => {
      const pkg = targets[i];
      this.edits.push({ packageSn: pkg.packageSn, from: pkg.trackingNumber, to: e.trackingNumber!, at: this.now() });
      pkg.trackingNumber = e.trackingNumber!;
      pkg.carrierId = String(e.shipCompanyId);
      pkg.warehouseId = e.selfShippingWarehouseId!;
      this.used.add(pkg.trackingNumber);
    });
    return { ok: true, result: true };
  }

  private packages(): ReceivedPackage[] {
    return this.shipments.flatMap((s) => s.packages);
  }

  private newPackage(p: Sent, lines: PackageLine[], subs: Sent[]): ReceivedPackage {
    const sn = () => `PK-${String(++this.packageSeq).padStart(19, '0')}`;
    return {
      packageSn: sn(),
      carrierId: String(p.carrierId),
      trackingNumber: p.trackingNumber ?? '',
      warehouseId: p.selfShippingWarehouseId ?? '',
      lines: lines.map((l) => ({ parentOrderSn: l.parentOrderSn, orderSn: l.orderSn, quantity: l.quantity })),
      subPackages: subs.map((s) => ({
        packageSn: sn(),
        carrierId: String(s.carrierId),
        trackingNumber: s.trackingNumber ?? '',
      })),
    };
  }

  private record(parentSns: string[], sendType: Shipment['sendType'], packages: ReceivedPackage[]): void {
    const at = this.now();
    this.shipments.push({ parentOrderSn: parentSns[0], parentOrderSns: parentSns, sendType, packages, at });
    for (const p of packages)
      for (const tn of [p.trackingNumber, ...p.subPackages.map((s) => s.trackingNumber)]) this.used.add(tn);
    const shippedSns = new Set(packages.flatMap((p) => p.lines.map((l) => l.orderSn)));
    for (const sn of parentSns) {
      const order = this.orders.get(sn)!;
      for (const c of order.children) if (shippedSns.has(c.orderSn)) c.status = STATUS.SHIPPED;
      const live = order.children.filter((c) => c.status !== STATUS.CANCELED);
      order.status = live.every(isShipped) ? STATUS.SHIPPED : STATUS.PARTIALLY_SHIPPED;
      order.updatedAt = at;
    }
  }
}

function isShipped(c: SandboxChild): boolean {
  return c.status === STATUS.SHIPPED || c.status === STATUS.RECEIPTED;
}

function addressKey(o: SandboxOrder): string {
  const b = o.buyer;
  return [b.name, b.postalCode, b.prefecture, b.city, b.line1, b.line2].join('\u0000');
}

/** The checks every package (or sub-package, or edit) passes: tracking number, carrier, warehouse. */
function checkPackage(s: Sent): DeskOutcome | null {
  const tn = s.trackingNumber ?? '';
  if (tn.trim() === '') return fail(120014001, 'Tracking number is blank.');
  if (/[^0-9A-Za-z]/.test(tn))
    return fail(
      120014020,
      'Delivery failed because the tracking number cannot be recognized. Please delete specific symbol such as -, %, # etc.',
    );
  if (!CARRIERS.some((c) => String(c.logisticsServiceProviderId) === String(s.carrierId ?? '')))
    return fail(120014022, 'Incorrect trackingNumber/carrierId. Please check and retry.');
  if (!s.selfShippingWarehouseId) return fail(120015527, 'Missing required parameter selfShippingWarehouseId');
  if (!WAREHOUSES.some((w) => w.warehouseId === s.selfShippingWarehouseId))
    return fail(120011085, 'selfShippingWarehouseId is invalid, please have a check');
  return null;
}
