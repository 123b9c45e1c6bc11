import { z } from 'zod';
import { type Control, Count, command, refused } from './controls';

/**
 * Fault injection, alike for every sandbox mall: the 'fault' control queues faults, and each request takes the
 * first queued one that matches it. What a fault looks like on the wire is the mall's own (its routes render it).
 */

export const FAULT_KINDS = [500, 503, 429, 'malformed', 'code', 'data'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const FaultArgs = z.object({
  /** an HTTP status, a cut-off JSON body, an error code in the mall's envelope, or a success with `data` */
  kind: z.union([z.literal(500), z.literal(503), z.literal(429), z.enum(['malformed', 'code', 'data'])]),
  /** how many requests in a row get it */
  count: Count.pipe(z.number().min(1)),
  /** for kind 'code': the mall's error code */
  code: z.number().int().optional(),
  /** for kind 'data': what a success answer carries instead (e.g. a warning the mall adds) */
  data: z.unknown().optional(),
  /** only requests whose path starts with this */
  path: z.string().optional(),
  /** only requests of this API (Temu's `type`, Qoo10's method) */
  type: z.string().optional(),
});

export type Fault = Omit<z.output<typeof FaultArgs>, 'count'>;

/** What a request is matched on. */
export interface FaultTarget {
  path: string;
  type?: string;
}

export class FaultQueue {
  private readonly queued: { fault: Fault; remaining: number }[] = [];

  /** `kinds`: the faults this mall can render (a 'data' fault needs a success envelope that carries data) */
  constructor(private readonly kinds: readonly FaultKind[]) {}

  /** The 'fault' control: `{ kind, count?, code?, data?, path?, type? }`, answered with how many are queued. */
  control(): Control {
    return command(FaultArgs, ({ count, ...fault }) => {
      if (!this.kinds.includes(fault.kind))
        return refused(`kind ${fault.kind} is not one of this mall's faults (${this.kinds.join(', ')})`);
      if (fault.kind === 'code' && fault.code === undefined) return refused('kind code needs a code');
      this.queued.push({ fault, remaining: count });
      return { queued: this.queued.reduce((n, q) => n + q.remaining, 0) };
    });
  }

  /** The first queued fault that matches this request, used up by one; null when none does. */
  take(req: FaultTarget): Fault | null {
    const i = this.queued.findIndex(
      ({ fault: f }) => (!f.path || req.path.startsWith(f.path)) && (!f.type || f.type === req.type),
    );
    if (i < 0) return null;
    const q = this.queued[i];
    if (--q.remaining === 0) this.queued.splice(i, 1);
    return q.fault;
  }
}
