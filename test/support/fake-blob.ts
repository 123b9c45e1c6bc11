import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/**
 * Utilities' blobs and CSV as Apps Script has them, for the fake services: bytes are Java's signed bytes,
 * charsets are Java's (docs/apps-script.md §C8). 'Windows-31J' is CP932 (iconv-lite's table, which equals
 * Java's on every code point the engine lets through); 'Shift_JIS' is Java's JIS X 0208-only charset, so a
 * port that named it would lose ①, ～ and － here as it does in Apps Script. An unknown charset throws.
 */

export const signed = (buf: Uint8Array): number[] => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
const unsigned = (bytes: readonly number[]) => Buffer.from(bytes.map((b) => b & 0xff));

type Charset = 'utf8' | 'cp932' | 'sjis';

function charsetOf(name: string): Charset {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n === 'utf8') return 'utf8';
  if (['windows-31j', 'ms932', 'windows-932', 'cswindows31j'].includes(n)) return 'cp932';
  if (['shift-jis', 'sjis', 'ms-kanji', 'x-sjis', 'csshiftjis'].includes(n)) return 'sjis';
  throw new Error(`Unsupported charset: ${name}`);
}

/** Java's Shift_JIS where it differs from CP932 (checked against a JDK over the whole BMP). */
const JIS_ONLY: Record<number, number[]> = {
  8212: [0x81, 0x5c],
  8214: [0x81, 0x61],
  8722: [0x81, 0x7c],
  12316: [0x81, 0x60],
  162: [0x81, 0x91],
  163: [0x81, 0x92],
  172: [0x81, 0xca],
};
const MS_ONLY = new Set([0x2015, 0x2225, 0xff0d, 0xff5e, 0xffe0, 0xffe1, 0xffe2, 0x80]);

export function javaEncode(text: string, charset: string): Buffer {
  const cs = charsetOf(charset);
  if (cs === 'utf8') return Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const jis = cs === 'sjis' ? JIS_ONLY[cp] : undefined;
    if (jis) {
      out.push(...jis);
      continue;
    }
    const b = iconv.encode(ch, 'cp932');
    // NEC specials (row 13: ①, Ⅰ, №) and IBM extensions (髙, 﨑) are CP932's, not JIS X 0208's
    const msOnly = MS_ONLY.has(cp) || (b.length === 2 && (b[0] === 0x87 || b[0] >= 0xed));
    if (cp === 0x80 || (cs === 'sjis' && msOnly)) out.push(0x3f);
    else out.push(...b);
  }
  return Buffer.from(out);
}

export function javaDecode(bytes: Buffer, charset: string): string {
  const cs = charsetOf(charset);
  return cs === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, 'cp932');
}

export interface FakeBlob {
  getBytes(): number[];
  setDataFromString(s: string, charset?: string): FakeBlob;
  getDataAsString(charset?: string): string;
  getAs(type: string): FakeBlob;
}

/**
 * newBlob, base64 and parseCsv; `onPdf` sees each HTML → PDF conversion (the fake's "PDF" is a marker plus
 * the HTML, so tests read it back).
 */
export function fakeBlobUtilities(onPdf: (html: string, name: string) => void = () => undefined) {
  const blob = (init: Buffer, contentType: string, name: string): FakeBlob => {
    let data = init;
    const self: FakeBlob = {
      getBytes: () => signed(data),
      setDataFromString(s, charset = 'UTF-8') {
        data = javaEncode(s, charset);
        return self;
      },
      getDataAsString: (charset = 'UTF-8') => javaDecode(data, charset),
      getAs(type) {
        if (contentType !== 'text/html' || type !== 'application/pdf')
          throw new Error(`cannot convert ${contentType} to ${type}`);
        const html = data.toString('utf8');
        onPdf(html, name);
        return blob(Buffer.from(`%PDF-fake\n${html}`, 'utf8'), 'application/pdf', name);
      },
    };
    return self;
  };
  return {
    newBlob: (data: string | number[], contentType = '', name = '') =>
      blob(typeof data === 'string' ? Buffer.from(data, 'utf8') : unsigned(data), contentType, name),
    base64Encode: (bytes: number[]) => unsigned(bytes).toString('base64'),
    base64Decode: (s: string) => signed(Buffer.from(s, 'base64')),
    // Utilities.parseCsv: plain RFC 4180, an empty line is a row of one empty cell; malformed quoting throws
    parseCsv: (csv: string) => parse(csv, { relax_column_count: true }) as string[][],
  };
}
