import type { ClockPort, CryptoPort, LockPort, LoggerPort, ProgressPort, PropertiesPort } from '../ports';

/** Small Apps Script adapters; each takes its service so tests can hand in stubs. */

export type PropertiesApi = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperty' | 'setProperty' | 'deleteProperty' | 'getKeys' | 'getProperties'
>;

/** Document properties (docs/apps-script.md §C4: per-sheet store, never Script properties for sellers' tokens). */
export class GasProperties implements PropertiesPort {
  constructor(private readonly store: PropertiesApi) {}
  get(key: string): string | null {
    return this.store.getProperty(key);
  }
  set(key: string, value: string): void {
    this.store.setProperty(key, value);
  }
  delete(key: string): void {
    this.store.deleteProperty(key);
  }
  keys(): string[] {
    return this.store.getKeys();
  }
  getAll(): Record<string, string> {
    return this.store.getProperties();
  }
}

export type LockApi = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'>;

/** The document lock; tryLock so a second run logs "busy" instead of queueing (docs/apps-script.md §C4). */
export class GasLock implements LockPort {
  constructor(private readonly lock: LockApi | null) {}
  tryLock(timeoutMs: number): boolean {
    // getDocumentLock() is null outside a bound script: there is nothing to share, so the run may go on
    return this.lock === null ? true : this.lock.tryLock(timeoutMs);
  }
  release(): void {
    this.lock?.releaseLock();
  }
}

export type UtilitiesApi = Pick<
  GoogleAppsScript.Utilities.Utilities,
  'computeDigest' | 'computeHmacSha256Signature' | 'sleep' | 'DigestAlgorithm' | 'Charset'
>;

/** Apps Script returns Java's signed bytes (-128..127); & 0xff makes them 0..255 (docs/apps-script.md §C7). */
export function signedBytesToHex(bytes: number[]): string {
  return bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
}

/** Always UTF-8: without a charset Apps Script hashes non-ASCII text as '?' (docs/apps-script.md §C7 charset trap). */
export function gasCrypto(u: UtilitiesApi): CryptoPort {
  return {
    md5Hex: (s) => signedBytesToHex(u.computeDigest(u.DigestAlgorithm.MD5, s, u.Charset.UTF_8)),
    hmacSha256Hex: (key, message) => signedBytesToHex(u.computeHmacSha256Signature(message, key, u.Charset.UTF_8)),
  };
}

export function gasClock(u: Pick<UtilitiesApi, 'sleep'>): ClockPort {
  return { now: () => Date.now(), sleep: (ms) => u.sleep(Math.max(0, Math.round(ms))) };
}

export const consoleLogger: LoggerPort = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/** Toasts on the spreadsheet; a run started by a trigger has no one watching, so a failed toast is ignored. */
export function toastProgress(book: { toast(msg: string, title: string, timeoutSeconds: number): void }): ProgressPort {
  return {
    progress(msg) {
      try {
        book.toast(msg, 'MallSheet', 5);
      } catch {
        // no UI in a time-driven run: progress is a courtesy, never a reason to fail
      }
    },
  };
}
