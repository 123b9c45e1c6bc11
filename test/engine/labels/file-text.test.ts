import { stringify } from 'csv-stringify/sync';
import { isUtf8, labelCsvText } from '../../../src/engine/labels/file-text';

/** The engine's label-file text against the libraries the CLI uses for the same job. */

test('labelCsvText writes what csv-stringify writes for the CLI (all quoted, quotes doubled, CRLF)', () => {
  const rows = [
    ['お客様管理番号', '品名', ''],
    ['L26120100001', 'マグ "350ml", 白', '=SUM(1,2)'],
    ['', '改行\r\nあり', '〓①～'],
  ];
  expect(labelCsvText(rows)).toBe(stringify(rows, { quoted: true, quoted_empty: true, record_delimiter: 'windows' }));
});

test('isUtf8 agrees with a fatal TextDecoder: text, Shift-JIS bytes, overlongs, surrogates, cut sequences, random bytes', () => {
  const fatal = (b: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  };
  const cases: number[][] = [
    [...Buffer.from('お客様管理番号,伝票番号 😀', 'utf8')],
    [0x82, 0xa8, 0x8b, 0x71], // お客 in Shift-JIS
    [0xc0, 0xaf], // overlong '/'
    [0xed, 0xa0, 0x80], // a UTF-16 surrogate
    [0xe3, 0x81], // cut short
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed & 0xff;
  };
  for (let i = 0; i < 2000; i++) cases.push(Array.from({ length: 1 + (i % 9) }, next));
  for (const c of cases) {
    const bytes = Uint8Array.from(c);
    expect([c, isUtf8(bytes)]).toEqual([c, fatal(bytes)]);
    // Java's signed bytes, as Utilities.base64Decode returns them
    expect(isUtf8(c.map((b) => (b > 127 ? b - 256 : b)))).toBe(fatal(bytes));
  }
});
