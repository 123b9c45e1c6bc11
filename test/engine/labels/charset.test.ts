import iconv from 'iconv-lite';
import { carry, cutToBytes, isCarried, sjisBytes } from '../../../src/engine/labels/charset';

describe('what Shift-JIS (Windows-31J) carries: the engine table against iconv-lite', () => {
  test('every BMP character: carried exactly when iconv-lite encodes it and decodes it back (user-defined area aside)', () => {
    const disagree: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const ch = String.fromCharCode(cp);
      const lib = cp < 0xe000 || cp > 0xf8ff ? iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch : false;
      if (lib !== isCarried(ch)) disagree.push(cp.toString(16));
    }
    expect(disagree).toEqual([]);
  });

  test('byte lengths are the encoded lengths', () => {
    for (const s of ['abc', 'ｱｲｳ', '東京都渋谷区', '①Ⅱ㈱', 'A-1 ﾋﾞﾙ 3F'])
      expect(sjisBytes(s)).toBe(iconv.encode(s, 'cp932').length);
    expect(cutToBytes('東京都a', 5)).toBe('東京');
  });

  test('twins map silently, emoji and others become 〓 once and are named', () => {
    expect(carry('1〜2−3')).toEqual({ text: '1～2－3', replaced: [] });
    const r = carry('山田🎁👍🏽さん𠮷野家');
    expect(r.text).toBe('山田〓〓さん〓野家');
    expect(r.replaced).toEqual(['🎁', '👍', '𠮷']);
    // what comes out always encodes and decodes back unchanged
    expect(iconv.decode(iconv.encode(r.text, 'cp932'), 'cp932')).toBe(r.text);
  });
});
