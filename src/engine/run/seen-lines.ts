import { z } from 'zod';
import type { PropertiesPort } from '../../ports';

/**
 * What the last complete poll of a shop returned, as short fingerprints in document properties, so a
 * timer poll that gets back only what is already in 受注一覧 needs neither a read of the tab nor a write
 * (docs/contract.md §2: an empty poll costs almost nothing). Incremental windows overlap the previous
 * poll (run/fetch.ts OVERLAP_MS) and Qoo10 has no update filter at all: without this, every poll would
 * upsert rows it wrote before. A fingerprint covers the whole line (key and every engine value), so any
 * change of the mall's data is fresh again.
 *
 * The lines' set is replaced by each complete poll (bounded by what one poll returns) and dropped after
 * an incomplete one; once a day it starts over, so a row the seller deleted by hand comes back at the
 * latest then, as before. Status updates (Qoo10's claims, read only now and then) are kept from poll to
 * poll until a poll writes a line: a line written after an update may have undone what it set.
 */

const KEY = (shop: string) => `seen:${shop}`;
const PART = (shop: string, i: number) => `seen:${shop}:${i}`;
const HeadSchema = z.object({ since: z.number(), parts: z.number().int().min(0) });

/** 40 bits in 8 base-36 characters: a false match is ~1 in 10^12 per line. */
const WIDTH = 8;
/** characters per property value (Apps Script allows ~9 KB per value, docs/apps-script.md §C1) */
const PART_CHARS = 8000;
/** beyond this many fingerprints a shop is not remembered (500 KB for all properties of a document) */
export const MAX_SEEN = 6000;
/** the set starts over this often: what it skipped is upserted again */
export const SEEN_TTL_MS = 86_400_000;

type Kind = 'line' | 'update' | 'version';

export class SeenLines {
  private readonly next = { line: new Set<string>(), update: new Set<string>(), version: new Set<string>() };

  private constructor(
    private readonly props: PropertiesPort,
    private readonly shop: string,
    private readonly known: Record<Kind, ReadonlySet<string>>,
    /** when this set started over (a manual fetch, the daily restart) */
    private readonly since: number,
  ) {}

  /** `filter` false (a manual fetch, a user's range): nothing is skipped, but what comes back is remembered. */
  static load(props: PropertiesPort, shop: string, now: number, filter: boolean): SeenLines {
    const head = readHead(props, shop);
    if (!filter || !head || now - head.since >= SEEN_TTL_MS)
      return new SeenLines(props, shop, { line: new Set(), update: new Set(), version: new Set() }, now);
    const joined = Array.from({ length: head.parts }, (_, i) => props.get(PART(shop, i)) ?? '').join('');
    const [lines, updates, versions] = joined.split(SEPARATOR);
    return new SeenLines(
      props,
      shop,
      { line: split(lines ?? ''), update: split(updates ?? ''), version: split(versions ?? '') },
      head.since,
    );
  }

  /** The rows not returned as they are by the last complete poll; every row is remembered for the next. */
  fresh<T>(kind: Kind, rows: readonly T[]): T[] {
    return rows.filter((r) => {
      const f = fingerprint(kind, r);
      this.next[kind].add(f);
      return !this.known[kind].has(f);
    });
  }

  /** true when the last complete poll remembered this connector version (FetchRequest.unchanged) */
  knows(version: string): boolean {
    return this.known.version.has(fingerprint('version', version));
  }

  /** Remembers rows (or versions) without skipping any. */
  remember(kind: Kind, rows: readonly unknown[]): void {
    for (const r of rows) this.next[kind].add(fingerprint(kind, r));
  }

  /**
   * After the rows reached the sheet: a complete poll's rows become the set; an incomplete one forgets it
   * (the next poll reads the tab). `wroteLines`: some line of the shop was written by this poll. Writes
   * only what changed.
   */
  save(complete: boolean, wroteLines: boolean): void {
    const head = readHead(this.props, this.shop);
    const updates = wroteLines || this.next.update.size > 0 ? this.next.update : this.known.update;
    const keep = complete && this.next.line.size + updates.size + this.next.version.size <= MAX_SEEN;
    const sets = [this.next.line, updates, this.next.version];
    const joined = keep ? sets.map((set) => [...set].sort().join('')).join(SEPARATOR) : '';
    const parts = Math.ceil(joined.length / PART_CHARS);
    for (let i = 0; i < parts; i++)
      this.props.set(PART(this.shop, i), joined.slice(i * PART_CHARS, (i + 1) * PART_CHARS));
    for (let i = parts; i < (head?.parts ?? 0); i++) this.props.delete(PART(this.shop, i));
    if (!keep) {
      if (head) this.props.delete(KEY(this.shop));
      return;
    }
    this.props.set(KEY(this.shop), JSON.stringify({ since: this.since, parts }));
  }
}

const SEPARATOR = '|';

function split(joined: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + WIDTH <= joined.length; i += WIDTH) out.add(joined.slice(i, i + WIDTH));
  return out;
}

function readHead(props: PropertiesPort, shop: string): z.infer<typeof HeadSchema> | null {
  try {
    const parsed = HeadSchema.safeParse(JSON.parse(props.get(KEY(shop)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** cyrb53 (a public-domain string hash) of the row's JSON, cut to 40 bits. */
export function fingerprint(kind: Kind, row: unknown): string {
  const s = `${kind}\u0000${JSON.stringify(row)}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = (h2 >>> 0) * 256 + ((h1 >>> 0) & 0xff);
  return n.toString(36).padStart(WIDTH, '0');
}
