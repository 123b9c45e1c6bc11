/**
 * Resolves what the carrier table gives for a mall (docs/contract.md §4: a name, matched case-insensitively, or
 * an id) against the mall's own carrier list. Used by every connector whose mall has a carrier list.
 */
export interface MallCarrier {
  id: string;
  /** every name the mall gives this carrier (e.g. provider name and brand name) */
  names: string[];
}

export type CarrierMatch = { ok: true; carrier: MallCarrier } | { ok: false; candidates: string[] };

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function matchCarrier(value: string, list: readonly MallCarrier[]): CarrierMatch {
  const v = norm(value);
  if (v) {
    const byId = list.find((c) => norm(c.id) === v);
    if (byId) return { ok: true, carrier: byId };
    const byName = list.filter((c) => c.names.some((n) => norm(n) === v));
    if (byName.length === 1) return { ok: true, carrier: byName[0] };
  }
  return { ok: false, candidates: list.flatMap((c) => c.names.slice(0, 1)).slice(0, 10) };
}
