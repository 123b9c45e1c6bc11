import type { PropertiesPort } from '../../ports';
import { fingerprint } from '../run/seen-lines';

/**
 * Which rows of a shop once held a 同梱 key, as 8-character fingerprints of (注文番号, 明細番号) in the
 * document property `combine:<shop>` (docs/contract.md §3 Combined shipments). A remembered row whose cell
 * is blank was cleared by the seller and is never proposed again. Only rows that may still ship are kept,
 * so the set stays as small as the shop's open groups.
 */

const KEY = (shop: string) => `combine:${shop}`;
const WIDTH = 8;
/** one property value (Apps Script allows ~9 KB per value, docs/apps-script.md §C1) */
export const MAX_REMEMBERED = 1000;

export const lineFingerprint = (orderId: string, lineId: string) => fingerprint('line', [orderId, lineId]);

export function readOffered(props: PropertiesPort, shop: string): Set<string> {
  const raw = props.get(KEY(shop)) ?? '';
  const out = new Set<string>();
  for (let i = 0; i + WIDTH <= raw.length; i += WIDTH) out.add(raw.slice(i, i + WIDTH));
  return out;
}

/** Writes the set when it changed; false (nothing written) when it is beyond what one value holds. */
export function saveOffered(props: PropertiesPort, shop: string, set: ReadonlySet<string>): boolean {
  if (set.size > MAX_REMEMBERED) return false;
  const value = [...set].sort().join('');
  const before = props.get(KEY(shop));
  if (value === '') {
    if (before !== null) props.delete(KEY(shop));
  } else if (before !== value) props.set(KEY(shop), value);
  return true;
}

/** The last group key given in this document: a key the seller saw once is never given to another group. */
const LAST_KEY = 'combine:lastKey';

export function readLastKey(props: PropertiesPort): string | null {
  return props.get(LAST_KEY);
}

export function saveLastKey(props: PropertiesPort, keys: readonly string[]): void {
  const last = [...keys, readLastKey(props) ?? ''].sort().pop();
  if (last && last !== readLastKey(props)) props.set(LAST_KEY, last);
}
