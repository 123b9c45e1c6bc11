import type { PropertiesPort } from '../../ports';
import { fingerprint } from '../run/seen-lines';

/**
 * Which rows of a shop once held a 同梱 key, as 8-character fingerprints of (注文番号, 明細番号) in the
 * document properties `combine:<shop>` (and `combine#1:<shop>`, … past 8,000 characters; docs/contract.md
 * §3 Combined shipments). A remembered row whose cell is blank was cleared by the seller and is never
 * proposed again. Only rows that may still ship are kept, so the set stays as small as the shop's open
 * groups.
 */

// the part number comes before the shop's name, so no shop's name can make another shop's key
const KEY = (shop: string, part: number) => (part === 0 ? `combine:${shop}` : `combine#${part}:${shop}`);
const WIDTH = 8;
/** characters per property value (Apps Script allows ~9 KB per value, docs/apps-script.md §C1) */
const PART_CHARS = 8000;
/** 48 KB per shop at most (500 KB for all properties of a document) */
export const MAX_REMEMBERED = 6000;

export const lineFingerprint = (orderId: string, lineId: string) => fingerprint('line', [orderId, lineId]);

/** The parts as stored: `combine:<shop>`, then `combine#1:<shop>`, … while they follow on. */
function readParts(props: PropertiesPort, shop: string): string[] {
  const parts: string[] = [];
  for (let i = 0; ; i++) {
    const v = props.get(KEY(shop, i));
    if (v === null) return parts;
    parts.push(v);
  }
}

export function readOffered(props: PropertiesPort, shop: string): Set<string> {
  const raw = readParts(props, shop).join('');
  const out = new Set<string>();
  for (let i = 0; i + WIDTH <= raw.length; i += WIDTH) out.add(raw.slice(i, i + WIDTH));
  return out;
}

/** Writes the set where it changed; false (nothing written) when it is beyond MAX_REMEMBERED. */
export function saveOffered(props: PropertiesPort, shop: string, set: ReadonlySet<string>): boolean {
  if (set.size > MAX_REMEMBERED) return false;
  const value = [...set].sort().join('');
  const before = readParts(props, shop);
  const parts = Math.ceil(value.length / PART_CHARS);
  for (let i = 0; i < parts; i++) {
    const part = value.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
    if (before[i] !== part) props.set(KEY(shop, i), part);
  }
  for (let i = parts; i < before.length; i++) props.delete(KEY(shop, i));
  return true;
}

/** The last group key given in this document: a key the seller saw once is never given to another group. */
const LAST_KEY = 'combineLastKey';

export function readLastKey(props: PropertiesPort): string | null {
  return props.get(LAST_KEY);
}

export function saveLastKey(props: PropertiesPort, keys: readonly string[]): void {
  const last = [...keys, readLastKey(props) ?? ''].sort().pop();
  if (last && last !== readLastKey(props)) props.set(LAST_KEY, last);
}
