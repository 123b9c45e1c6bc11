import type { PropertiesPort } from '../ports';

/**
 * Document properties as one run sees them: each key is read from the store at most once (all of them in
 * one call when the store has getAll), writes go straight through. PropertiesService charges every
 * getProperty (~30 ms, docs/apps-script.md §C1), and a run reads its settings' secrets, each shop's state
 * and the stored tokens many times over; an empty timer poll must cost almost nothing.
 * withRun calls reload() once it holds the lock, so what another run wrote before is seen.
 */
export class CachedProperties implements PropertiesPort {
  /** null = not read yet; a value of null = read, absent */
  private values = new Map<string, string | null>();
  private allKeys: Set<string> | null = null;

  constructor(private readonly inner: PropertiesPort) {}

  /** Forgets what was read: the next reads go to the store again. */
  reload(): void {
    this.values = new Map();
    this.allKeys = null;
  }

  get(key: string): string | null {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    if (this.allKeys === null && this.inner.getAll) {
      this.loadAll(this.inner.getAll());
      return this.values.get(key) ?? null;
    }
    if (this.allKeys !== null && !this.allKeys.has(key)) return null;
    const v = this.inner.get(key);
    this.values.set(key, v);
    return v;
  }

  set(key: string, value: string): void {
    if (this.values.get(key) === value) return;
    this.inner.set(key, value);
    this.values.set(key, value);
    this.allKeys?.add(key);
  }

  delete(key: string): void {
    // a key known to be absent needs no call (settings delete every blank secret on each read)
    if (this.values.has(key) && this.values.get(key) === null) return;
    if (this.allKeys !== null && !this.allKeys.has(key)) return;
    this.inner.delete(key);
    this.values.set(key, null);
    this.allKeys?.delete(key);
  }

  keys(): string[] {
    const all = this.allKeys ?? (this.inner.getAll ? this.loadAll(this.inner.getAll()) : new Set(this.inner.keys()));
    this.allKeys = all;
    return [...all];
  }

  getAll(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of this.keys()) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }

  /** Takes every key and value the store returned; returns (and keeps) the set of its keys. */
  private loadAll(all: Record<string, string>): Set<string> {
    this.allKeys = new Set(Object.keys(all));
    for (const [k, v] of Object.entries(all)) if (!this.values.has(k)) this.values.set(k, v);
    return this.allKeys;
  }
}
