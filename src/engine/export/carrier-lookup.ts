import type { CarrierEntry } from '../settings/schema';
import { looseKey } from '../text/sheet-text';

const KNOWN_MALL_KEYS = ['temu', 'tiktok', 'qoo10'];

/**
 * 配送業者 → its carrier-table row, matched by name (NFKC, case-insensitive). A name not in the table is
 * passed through as typed for every mall (the mall then says whether it knows it).
 */
export function lookupCarrier(typed: string, carriers: readonly CarrierEntry[]): CarrierEntry {
  const key = looseKey(typed);
  const hit = carriers.find((c) => looseKey(c.name) === key);
  if (hit) return hit;
  const mallKeys = new Set([
    ...KNOWN_MALL_KEYS,
    ...carriers.flatMap((c) => Object.keys(c).filter((k) => k !== 'name')),
  ]);
  const entry: CarrierEntry = { name: typed.trim() };
  for (const k of mallKeys) entry[k] = typed.trim();
  return entry;
}
