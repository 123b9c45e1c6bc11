import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

/**
 * Label files on Node (docs/shipping-labels.md): the engine hands over rows already within Shift-JIS's
 * repertoire; here they become CSV (csv-stringify: every field quoted, CRLF, as B2クラウド and e飛伝 read it)
 * and Windows-31J bytes (iconv-lite's cp932, the table the engine's check was generated from). Reading
 * back: UTF-8 when the bytes are valid UTF-8, otherwise CP932; csv-parse for quoted fields and line breaks.
 */

export function labelCsvBytes(rows: string[][]): Buffer {
  const text = stringify(rows, { quoted: true, quoted_empty: true, record_delimiter: 'windows' });
  return iconv.encode(text, 'cp932');
}

/** The file's CSV rows, or null when it is not text (a NUL byte, or no CSV in it). */
export function readIssuedFile(bytes: Uint8Array): string[][] | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), 'cp932');
  }
  try {
    const rows = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    return rows;
  } catch {
    return null;
  }
}
