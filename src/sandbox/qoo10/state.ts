import { FaultQueue } from '../faults';
import { rateWindow } from '../rate-window';
import type { SandboxOptions } from '../types';
import { QOO10_SANDBOX_CREDENTIALS } from './credentials';
import { generateLines } from './data';

/** How a wrong or expired seller key is answered (the 'expire' control picks one; docs/malls/qoo10.md §2). */
export type ExpiredForm = 'key' | 'result' | 'error';

export interface IssuedKey {
  issuedAt: number;
  expired: boolean;
}

/** Everything one sandbox Qoo10 seller holds: its order lines, the keys it issued, and what it was sent. */
export function qoo10State(opts: SandboxOptions) {
  const lines = generateLines(opts.seed, opts.orders ?? 25, opts.now());
  return {
    opts,
    lines,
    byOrderNo: new Map(lines.map((l) => [l.orderNo, l])),
    /** the generator's carts so far: the initial ones, then those the 'arrive' control placed */
    initial: opts.orders ?? 25,
    arrived: 0,
    /** seller keys issued by CreateCertificationKey */
    keys: new Map<string, IssuedKey>(),
    keysIssued: 0,
    expiredForm: 'key' as ExpiredForm,
    /** the 'rotateApiKey' control: the yearly API key expired and the seller issued a new one in QSM */
    apiKey: QOO10_SANDBOX_CREDENTIALS.apiKey as string,
    ratePerSecond: 5, // no official limit (§5); 5–10/s was seen safe, the sandbox enforces the low end
    overRate: rateWindow(), // one window for the whole sandbox seller
    faults: new FaultQueue([500, 503, 429, 'malformed']),
    shipments: [] as { orderNo: string; packNo: string; shippingCorp: string; trackingNo: string; at: number }[],
    calls: [] as { method: string; orderNo?: string; code: number }[],
  };
}

export type Qoo10State = ReturnType<typeof qoo10State>;
