/**
 * A label file as text, the same on both runtimes (docs/shipping-labels.md §5): every field quoted, quotes
 * doubled, CRLF after every line — what csv-stringify writes on Node with `quoted` and `record_delimiter:
 * 'windows'`, so Apps Script (which has no CSV writer) produces the CLI's bytes once both encode Windows-31J.
 */
export function labelCsvText(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const r of rows) out += `${r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')}\r\n`;
  return out;
}

/**
 * Whether bytes are well-formed UTF-8 (the test the CLI's TextDecoder `fatal` makes): an issued file saved
 * by another tool is UTF-8, B2クラウド's own is Shift-JIS. Takes Java's signed bytes as Apps Script gives them.
 */
export function isUtf8(bytes: ArrayLike<number>): boolean {
  let i = 0;
  const n = bytes.length;
  const at = (k: number) => bytes[k] & 0xff;
  const cont = (k: number) => k < n && (at(k) & 0xc0) === 0x80;
  while (i < n) {
    const b = at(i);
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return false;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      if (!cont(i + k)) return false;
      cp = (cp << 6) | (at(i + k) & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += len;
  }
  return true;
}
