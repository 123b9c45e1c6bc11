import { ORDERS_SHEET_NAMES } from '../../engine/orders/columns';
import type { PrintingPort } from '../server/settings-document';

/**
 * The 納品書 dialog's runtime side in Apps Script (docs/shipping-labels.md §7): the seller's selection on
 * 受注一覧, and HTML → PDF with Utilities (Google's converter; no Drive file, so no Drive scope).
 */
export const gasPrinting: PrintingPort = {
  selectedOrderRows(): number[] {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getActiveSheet();
    if (sheet.getName() !== ORDERS_SHEET_NAMES.ja && sheet.getName() !== ORDERS_SHEET_NAMES.en) return [];
    const ranges = ss.getActiveRangeList()?.getRanges() ?? [];
    // one cell is where the cursor happens to be, not a choice of rows
    if (ranges.length === 1 && ranges[0].getNumRows() === 1 && ranges[0].getNumColumns() === 1) return [];
    const rows = new Set<number>();
    for (const r of ranges) for (let row = Math.max(r.getRow(), 2); row <= r.getLastRow(); row++) rows.add(row);
    return [...rows].sort((a, b) => a - b);
  },
  htmlToPdf(html: string, fileName: string): string {
    const pdf = Utilities.newBlob(html, 'text/html', fileName.replace(/\.pdf$/i, '.html')).getAs('application/pdf');
    return Utilities.base64Encode(pdf.getBytes());
  },
};
