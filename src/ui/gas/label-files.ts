import { isUtf8 } from '../../engine/labels/file-text';
import type { LabelFilePort } from '../server/settings-document';

/**
 * Label files' bytes in Apps Script (docs/apps-script.md §C8): Utilities' Java charsets, no Drive file (so no
 * Drive scope). 'Windows-31J' (Java's name for CP932), not 'Shift_JIS': Java's Shift_JIS is JIS X 0208 only
 * and writes ①, ～ (U+FF5E) and － (U+FF0D) as '?', characters B2クラウド and e飛伝 read as CP932.
 */
const CP932 = 'Windows-31J';

export const gasLabelFiles: LabelFilePort = {
  encode(text: string): string {
    return Utilities.base64Encode(Utilities.newBlob('').setDataFromString(text, CP932).getBytes());
  },
  read(base64: string): string[][] | null {
    const bytes = Utilities.base64Decode(base64);
    // a NUL byte is no CSV text (an image, a spreadsheet file): the CLI's test too (src/node/label-file.ts)
    if (bytes.includes(0)) return null;
    const text = Utilities.newBlob(bytes)
      .getDataAsString(isUtf8(bytes) ? 'UTF-8' : CP932)
      .replace(/^\ufeff/, '');
    let rows: string[][];
    try {
      rows = Utilities.parseCsv(text);
    } catch {
      return null;
    }
    // empty lines are no records (csv-parse's skip_empty_lines on the CLI): line numbers then agree
    return rows.filter((r) => !(r.length === 0 || (r.length === 1 && r[0] === '')));
  },
};
