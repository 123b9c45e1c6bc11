import { z } from 'zod';
import { Count, command, defineControls, Id, noArgs, refused } from '../controls';
import { generateOrders, type SbOrder } from './data';
import type { TikTokState } from './state';

/** The sandbox TikTok Shop's controls: Seller Center's side of the shop (cancel, hold, shops…) and what it was sent. */

/** An order as the 'orders' control lists it. */
export type TikTokOrderView = ReturnType<typeof orderView>;
const orderView = (o: SbOrder) => ({
  id: o.id,
  status: o.status,
  createTime: o.createTime,
  lineItemIds: o.items.map((x) => x.id),
  skus: o.items.map((x) => x.skuId),
  deliveryOptionId: o.deliveryOptionId,
  tracking: o.packages.map((p) => p.tracking),
  packages: o.packages.map((p) => ({ id: p.id, tracking: p.tracking, lineItemIds: p.lineItemIds })),
});

/** What the 'state' control answers: what the shop received, and how often tokens were refreshed or calls throttled. */
export type TikTokStateView = ReturnType<typeof stateView>;
const stateView = (s: TikTokState) => ({
  shipments: s.shipments,
  updates: s.updates,
  refreshes: s.refreshes,
  throttled: s.throttled,
});

const OrderArgs = z.object({ orderId: Id });

export function tiktokControls(s: TikTokState) {
  const order = (orderId: string) => s.byId.get(orderId) ?? refused(`no order ${orderId}`);
  return defineControls({
    state: command(noArgs, () => stateView(s)),
    orders: command(noArgs, () => ({ orders: s.orders.map(orderView) })),
    cancel: command(OrderArgs, ({ orderId }) => {
      const o = order(orderId);
      if ('error' in o) return o;
      o.status = 'CANCELLED';
      for (const x of o.items) if (!x.packageId) x.cancelled = true;
      o.updateTime = s.nowS();
      return { id: o.id, status: o.status };
    }),
    // a shipping label bought or printed through TikTok: the seller's own number is refused for this order
    platformLabel: command(
      OrderArgs.extend({ kind: z.enum(['printed', 'purchased']).default('printed') }),
      ({ orderId, kind }) => {
        const o = order(orderId);
        if ('error' in o) return o;
        o.platformLabel = kind;
        return { id: o.id, platformLabel: kind };
      },
    ),
    // new paid orders placed now (the steady-state benchmark's arrivals): the generator's next ones
    arrive: command(z.object({ count: Count }), ({ count }) => {
      const now = s.nowS();
      const fresh = generateOrders(s.opts.seed, s.initial + s.arrived + count, now).filter((o) => !s.byId.has(o.id));
      s.arrived += count;
      for (const o of fresh) {
        Object.assign(o, { status: 'AWAITING_SHIPMENT', createTime: now, updateTime: now, packages: [] });
        for (const x of o.items) Object.assign(x, { cancelled: false, packageId: '' });
        s.orders.push(o);
        s.byId.set(o.id, o);
      }
      return { orders: fresh.map((o) => o.id) };
    }),
    // ON_HOLD → AWAITING_SHIPMENT (the hold hour ends), for one order or all
    advance: command(z.object({ orderId: Id.optional() }), ({ orderId }) => {
      const targets = s.orders.filter((o) => o.status === 'ON_HOLD' && (orderId === undefined || o.id === orderId));
      for (const o of targets) {
        o.status = 'AWAITING_SHIPMENT';
        o.updateTime = s.nowS();
      }
      return { released: targets.map((o) => o.id) };
    }),
    // the seller removed the app in Seller Center (or, with off: true, authorized it again): refresh finds no authorization (36004005)
    deauthorize: command(z.object({ off: z.boolean().default(false) }), ({ off }) => {
      s.deauthorized = !off;
      return { deauthorized: s.deauthorized };
    }),
    // every access token issued so far, by this process or an earlier one
    expire: command(noArgs, () => {
      s.expiredUpTo = s.opts.now();
      s.issuedSinceExpire.clear();
      return { expiredUpTo: s.expiredUpTo };
    }),
    // the seller's shops: the first (which holds the sample orders) and count - 1 empty ones; 0 for none
    shops: command(z.object({ count: Count }), ({ count }) => {
      s.shops.splice(1);
      for (let i = 2; i <= count; i++)
        s.shops.push({
          id: `749404964264244${1620 + i}`,
          name: `Sandbox Shop ${i}`,
          cipher: `ROW_sbxJPshop${i}`,
          code: `JPLCSBX0${i}`,
        });
      if (count === 0) s.shops.splice(0, 1);
      return { shops: s.shops.map((x) => x.cipher) };
    }),
    fault: s.faults.control(),
  });
}
