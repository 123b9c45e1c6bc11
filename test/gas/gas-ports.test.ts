import { createHash, createHmac } from 'node:crypto';
import {
  GasLock,
  GasProperties,
  gasCrypto,
  signedBytesToHex,
  toastProgress,
  type UtilitiesApi,
} from '../../src/gas/gas-ports';

/** Node's digest as Apps Script returns it: Java's signed bytes (-128..127). */
const signed = (buf: Buffer) => [...buf].map((b) => (b > 127 ? b - 256 : b));

/** A Utilities stub that, like live Apps Script, hashes non-ASCII as '?' unless UTF-8 is asked for (docs/apps-script.md §C7). */
function stubUtilities() {
  const charsets: unknown[] = [];
  const encode = (s: string, charset: unknown) =>
    charset === 'UTF_8' ? Buffer.from(s, 'utf8') : Buffer.from(s.replace(/[^\x00-\x7f]/g, '?'), 'ascii');
  const u = {
    DigestAlgorithm: { MD5: 'MD5' },
    Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
    computeDigest: (alg: unknown, s: string, charset?: unknown) => {
      charsets.push(charset);
      if (alg !== 'MD5') throw new Error('only MD5 stubbed');
      return signed(createHash('md5').update(encode(s, charset)).digest());
    },
    computeHmacSha256Signature: (message: string, key: string, charset?: unknown) => {
      charsets.push(charset);
      return signed(createHmac('sha256', encode(key, charset)).update(encode(message, charset)).digest());
    },
    sleep: () => undefined,
  };
  return { u: u as unknown as UtilitiesApi, charsets };
}

describe('gasCrypto', () => {
  test('signed bytes become lowercase hex through & 0xff', () => {
    expect(signedBytesToHex([0, 1, 127, -128, -1, -16])).toBe('00017f80fff0');
  });

  test('MD5 and HMAC-SHA256 of Japanese text match node:crypto over UTF-8, with UTF_8 passed every time', () => {
    const { u, charsets } = stubUtilities();
    const c = gasCrypto(u);
    const text = 'ヤマト運輸 伝票=123&amp';
    expect(c.md5Hex(text)).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
    expect(c.hmacSha256Hex('秘密key', text)).toBe(
      createHmac('sha256', Buffer.from('秘密key', 'utf8')).update(text, 'utf8').digest('hex'),
    );
    expect(charsets).toEqual(['UTF_8', 'UTF_8']);
  });
});

describe('GasProperties, GasLock, toastProgress', () => {
  test('properties go to the given (document) store', () => {
    const data: Record<string, string> = {};
    const store = {
      getProperty: (k: string) => data[k] ?? null,
      setProperty: (k: string, v: string) => {
        data[k] = v;
        return store;
      },
      deleteProperty: (k: string) => {
        delete data[k];
        return store;
      },
      getKeys: () => Object.keys(data),
    };
    const p = new GasProperties(store as never);
    p.set('shop:A:token', 'x');
    expect(p.get('shop:A:token')).toBe('x');
    expect(p.keys()).toEqual(['shop:A:token']);
    p.delete('shop:A:token');
    expect(p.get('shop:A:token')).toBeNull();
  });

  test('tryLock passes the timeout through and answers false when the document lock is held', () => {
    const seen: number[] = [];
    let held = true;
    const tryLock = (ms: number) => {
      seen.push(ms);
      return !held;
    };
    const lock = new GasLock({ tryLock, releaseLock: () => undefined });
    expect(lock.tryLock(500)).toBe(false);
    held = false;
    expect(lock.tryLock(0)).toBe(true);
    expect(seen).toEqual([500, 0]);
  });

  test('a toast that fails (no UI in a trigger run) does not fail the run', () => {
    const progress = toastProgress({
      toast: () => {
        throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
      },
    });
    expect(() => progress.progress('取得中')).not.toThrow();
  });
});
