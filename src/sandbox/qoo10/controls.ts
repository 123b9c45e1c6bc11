import { z } from 'zod';
import { Count, command, defineControls, Id, noArgs } from '../controls';
import { QOO10_SANDBOX_CREDENTIALS } from './credentials';
import { generateLines, type SandboxLine } from './data';
import { FINAL_CLAIMS } from './shipping-api';
import type { Qoo10State } from './state';

/** The sandbox Qoo10's controls: QSM's side of the seller (claims, statuses, keys, rate) and what it was sent. */

/** A cart (PackNo) as the 'orders' control lists it. */
export interface Qoo10CartView {
  packNo: string;
  orderNos: string[];
  status: number;
  claim: string | null;
  orderDate: number;
}

/** What the 'state' control answers: the shipments received, every method call with its code, keys issued. */
export type Qoo10StateView = ReturnType<typeof stateView>;
const stateView = (s: Qoo10State) => ({
  shipments: s.shipments,
  calls: s.calls,
  keysIssued: s.keysIssued,
  ratePerSecond: s.ratePerSecond,
});

function carts(lines: SandboxLine[]): Qoo10CartView[] {
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
}

/** The lines a control names: one order line (orderNo) or a whole cart (packNo). */
const LineArgs = z.object({ orderNo: Id.optional(), packNo: Id.optional() });
const named = (s: Qoo10State, a: z.output<typeof LineArgs>) =>
  s.lines.filter(
    (l) => (a.orderNo !== undefined && l.orderNo === a.orderNo) || (a.packNo !== undefined && l.packNo === a.packNo),
  );

const expireAll = (s: Qoo10State) => {
  for (const k of s.keys.values()) k.expired = true;
};

export function qoo10Controls(s: Qoo10State) {
  return defineControls({
    state: command(noArgs, () => stateView(s)),
    orders: command(noArgs, () => ({ orders: carts(s.lines) })),
    // a claim on the lines: '3' (cancelled) and '16' are final, other codes are requests in progress
    cancel: command(LineArgs.extend({ stat: Id.default('3') }), (a) => {
      const at = s.opts.now();
      const lines = named(s, a);
      for (const l of lines)
        l.claim = { stat: a.stat, requestDate: at, doneDate: FINAL_CLAIMS.has(a.stat) ? at : null };
      return { changed: lines.length };
    }),
    // new paid carts placed now (the steady-state benchmark's arrivals): the generator's next ones
    arrive: command(z.object({ count: Count }), ({ count }) => {
      const at = s.opts.now();
      const fresh = generateLines(s.opts.seed, s.initial + s.arrived + count, at).filter(
        (l) => !s.byOrderNo.has(l.orderNo),
      );
      s.arrived += count;
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
        s.lines.push(l);
        s.byOrderNo.set(l.orderNo, l);
      }
      return { orders: [...new Set(fresh.map((l) => l.packNo))] };
    }),
    advance: command(LineArgs.extend({ status: z.number().int().min(1).max(5) }), (a) => {
      const lines = named(s, a);
      for (const l of lines) l.status = a.status;
      return { changed: lines.length };
    }),
    // every seller key issued so far expires; `envelope` picks how an expired key is answered
    expire: command(z.object({ envelope: z.enum(['key', 'result', 'error']).default('key') }), ({ envelope }) => {
      s.expiredForm = envelope;
      expireAll(s);
      return { expired: s.keys.size };
    }),
    // the old API key stops working, and every seller key it issued with it
    rotateApiKey: command(
      z.object({ apiKey: z.string().default(`${QOO10_SANDBOX_CREDENTIALS.apiKey}-renewed`) }),
      ({ apiKey }) => {
        s.apiKey = apiKey;
        expireAll(s);
        return { apiKey };
      },
    ),
    rate: command(z.object({ perSecond: z.number().default(5) }), ({ perSecond }) => {
      s.ratePerSecond = Math.max(1, perSecond);
      return { ratePerSecond: s.ratePerSecond };
    }),
    fault: s.faults.control(),
  });
}
