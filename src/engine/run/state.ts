import { z } from 'zod';
import type { PropertiesPort } from '../../ports';

/**
 * What the engine remembers per shop between runs, in document properties under `state:<shop>`
 * (Apps Script keeps nothing else between executions).
 */
const ShopStateSchema = z.object({
  /** end of the last fetch that completed every window (docs/contract.md §3: shown as 最終取得日時) */
  lastFetchAt: z.number().optional(),
  /** start of the last complete fetch that read the shop's whole `days` window by creation time */
  lastFullAt: z.number().optional(),
  /** when the last fetch of this shop started, successful or not */
  lastAttemptAt: z.number().optional(),
  /** token / key expiry the connector recorded (shown as 有効期限) */
  expiresAt: z.number().nullable().optional(),
  /** fetches in a row whose first step, from the stored cursor, failed (a cursor the mall no longer takes) */
  resumeFailures: z.number().int().optional(),
  /** timer polls in a row that found nothing new (no Log row each; the next real row says how many) */
  quietPolls: z.number().int().optional(),
  /** when the last poll of this shop ended, empty or not (shown in the sidebar and the check) */
  lastCheckedAt: z.number().optional(),
  /** an export ran out of time with rows still to send: the continuation (timer) run exports this shop */
  exportPending: z.boolean().optional(),
  /** an unfinished window: the next run resumes it (the cursor covers only rows already written) */
  resume: z
    .object({
      from: z.number(),
      to: z.number(),
      cursor: z.unknown(),
      /** incremental windows bound the update time (absent in states written before incremental sync) */
      by: z.enum(['created', 'updated']).optional(),
      createdFrom: z.number().optional(),
    })
    .optional(),
});
export type ShopState = z.infer<typeof ShopStateSchema>;

export const stateKey = (shop: string) => `state:${shop}`;

/** A damaged value reads as no state: the next fetch starts its window afresh (nothing is lost, upserts are keyed). */
export function readState(props: PropertiesPort, shop: string): ShopState {
  const raw = props.get(stateKey(shop));
  if (raw === null) return {};
  try {
    const parsed = ShopStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Writes the shop's state with the patch applied; a patch that changes nothing costs no write. */
export function updateState(props: PropertiesPort, shop: string, patch: Partial<ShopState>): ShopState {
  const before = readState(props, shop);
  const next: ShopState = { ...before, ...patch };
  for (const k of Object.keys(next) as (keyof ShopState)[]) if (next[k] === undefined) delete next[k];
  const same = (s: ShopState) => JSON.stringify(Object.entries(s).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (props.get(stateKey(shop)) !== null && same(before) === same(next)) return next;
  props.set(stateKey(shop), JSON.stringify(next));
  return next;
}
