import { z } from 'zod';
import { Count, command, defineControls, Id, noArgs, refused } from '../controls';
import { REGION_ID, type SandboxOrder, STATUS, sampleOrders } from './data';
import type { TemuState } from './state';

/** The sandbox Temu's controls: Seller Center's side of the store (cancel, ship, scopes…) and what it was sent. */

/** An order as the 'orders' control lists it. */
export interface TemuOrderView {
  parentOrderSn: string;
  status: number;
  createdAt: number;
  buyer: string;
  children: { orderSn: string; status: number; quantity: number }[];
}

const orderView = (o: SandboxOrder): TemuOrderView => ({
  parentOrderSn: o.parentOrderSn,
  status: o.status,
  createdAt: o.createdAt,
  buyer: `${o.buyer.name} ${o.buyer.postalCode} ${o.buyer.line1}`,
  children: o.children.map((c) => ({ orderSn: c.orderSn, status: c.status, quantity: c.quantity })),
});

const setStatus = (o: SandboxOrder, status: number, now: number, keepCancelled: boolean) => {
  o.status = status;
  for (const c of o.children) if (!keepCancelled || c.status !== STATUS.CANCELED) c.status = status;
  o.updatedAt = now;
};

/** What the 'state' control answers: what the store received and how often each API was called. */
export type TemuStateView = ReturnType<typeof stateView>;
const stateView = (s: TemuState) => ({
  shipments: s.desk.shipments,
  edits: s.desk.edits,
  requests: s.requests,
  requestsByType: s.requestsByType,
  orders: s.orders.length,
});

export function temuControls(s: TemuState) {
  return defineControls({
    state: command(noArgs, () => stateView(s)),
    orders: command(noArgs, () => ({ orders: s.orders.map(orderView) })),
    // new paid orders placed now (the steady-state benchmark's arrivals): the generator's next ones
    arrive: command(z.object({ count: Count }), ({ count }) => {
      const fresh = sampleOrders(s.opts.seed, s.initial + s.arrived + count, s.opts.now()).filter(
        (o) => !s.bySn.has(o.parentOrderSn),
      );
      s.arrived += count;
      const now = s.nowS();
      for (const o of fresh) {
        Object.assign(o, { createdAt: now, shipBy: now + 3 * 86_400 });
        setStatus(o, STATUS.UN_SHIPPING, now, false);
        s.bySn.set(o.parentOrderSn, o);
      }
      // the list is kept newest first (its default order)
      s.orders.unshift(...fresh.reverse());
      return { orders: fresh.map((o) => o.parentOrderSn) };
    }),
    cancel: command(z.object({ parentOrderSn: Id }), ({ parentOrderSn }) => {
      const o = s.bySn.get(parentOrderSn);
      if (!o) return refused('unknown parentOrderSn');
      setStatus(o, STATUS.CANCELED, s.nowS(), false);
      return {};
    }),
    // order updates made in Seller Center: a PENDING order becomes UN_SHIPPING, or any order a given status
    advance: command(
      z.object({ status: z.string().default('UN_SHIPPING'), parentOrderSn: Id.optional() }),
      ({ status, parentOrderSn }) => {
        if (!Object.hasOwn(STATUS, status)) return refused(`unknown status ${status}`);
        const code = STATUS[status as keyof typeof STATUS];
        const targets = parentOrderSn
          ? [s.bySn.get(parentOrderSn)].filter((o) => o !== undefined)
          : s.orders.filter((o) => o.status === STATUS.PENDING);
        for (const o of targets) setStatus(o, code, s.nowS(), true);
        return { changed: targets.length };
      },
    ),
    expire: command(noArgs, () => {
      s.token.expired = true;
      return {};
    }),
    expiry: command(z.object({ inDays: z.number().default(180) }), ({ inDays }) => {
      s.expiredTime = s.nowS() + Math.round(inDays * 86_400);
      s.token.expired = false;
      return { expiredTime: s.expiredTime };
    }),
    scopes: command(z.object({ apiScopeList: z.array(z.string()).optional() }), ({ apiScopeList }) => {
      s.scopes = apiScopeList ?? null;
      return {};
    }),
    suspend: command(z.object({ suspended: z.boolean().default(true) }), ({ suspended }) => {
      s.app.suspended = suspended;
      return {};
    }),
    region: command(z.object({ regionId: z.number().int().default(REGION_ID) }), ({ regionId }) => {
      s.regionId = regionId;
      return { regionId };
    }),
    // shipped in Seller Center: the mall shows the children shipped, MallSheet exported nothing
    ship: command(
      z.object({
        parentOrderSn: Id,
        orderSns: z.array(Id).optional(),
        trackingNumber: z.string().default('SC0000000001'),
      }),
      ({ parentOrderSn, orderSns, trackingNumber }) => {
        const out = s.desk.shipOutside(parentOrderSn, orderSns ?? null, trackingNumber);
        return out.ok ? {} : refused(out.error);
      },
    ),
    'deny-amounts': command(z.object({ deny: z.boolean().default(true) }), ({ deny }) => {
      s.amountsDenied = deny;
      return {};
    }),
    fault: s.faults.control(),
  });
}
