import { signingString, signParams, withoutEmpty } from '../../../src/malls/temu/sign';
import { nodeCrypto } from '../../../src/node/crypto';
import { TEMU_V1, TEMU_V2 } from '../../support/temu-sign-vectors';

const md5 = nodeCrypto.md5Hex;

describe('Temu signing (docs/malls/temu.md §6.3, appendix vectors)', () => {
  test("V1: the doc confirm example, nested objects in the signing string's own order → 4CCF2199…", () => {
    expect(signParams(TEMU_V1.params, TEMU_V1.secret, md5)).toBe(TEMU_V1.sign);
  });

  test('V2: v2.confirm split-and-ship example (top-level keys unsorted in the object) → 78D86872…', () => {
    expect(signParams(TEMU_V2.params, TEMU_V2.secret, md5)).toBe(TEMU_V2.sign);
  });

  test('nested key order matters (the doc body order gives another sign), top-level order does not', () => {
    const a = { b: 1, a: [{ x: 1, y: 2 }] };
    const reordered = { a: [{ y: 2, x: 1 }], b: 1 };
    const sameNested = { a: [{ x: 1, y: 2 }], b: 1 };
    expect(signingString(a)).toBe('a[{"x":1,"y":2}]b1');
    expect(signParams(a, 's', md5)).toBe(signParams(sameNested, 's', md5));
    expect(signParams(a, 's', md5)).not.toBe(signParams(reordered, 's', md5));
  });

  test('strings are raw: non-ASCII, "/" and "&" unescaped, quotes removed; a number and its string sign alike', () => {
    expect(signingString({ n: '山田&/x', t: 1711009072 })).toBe('n山田&/xt1711009072');
    expect(signParams({ t: '1711009072' }, 's', md5)).toBe(signParams({ t: 1711009072 }, 's', md5));
  });

  test('withoutEmpty drops null, undefined and empty strings only', () => {
    expect(withoutEmpty({ a: null, b: undefined, c: '', d: 0, e: false, f: 'x' })).toEqual({ d: 0, e: false, f: 'x' });
  });
});
