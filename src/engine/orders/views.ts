import type { CellValue } from '../../ports';
import { MANAGEMENT_STATUS_LABELS, type ManagementStatus } from '../order-line';
import { columnLetter } from '../sheet/layout';
import type { ColumnId } from './columns';
import { discoverHeaders } from './headers';

/**
 * Views of 受注一覧 like GoQSystem's status tabs (新規受付 / 発送待ち / 処理済 / 保留 / キャンセル / 全て) and a
 * search by order number or recipient: filter criteria on the tab's own filter, set on two columns
 * only (管理ステータス for a status, 注文番号 for a search), so the seller's criteria on other columns and
 * the rows' order stay as they are. Pure: the header in, the criteria out; src/gas/views.ts applies them.
 */

export type OrdersView = ManagementStatus | 'all';

export interface FilterPlan {
  /** 1-based columns whose criteria are removed */
  clear: number[];
  /** 1-based column → a custom formula written for row 2 */
  set: { col: number; formula: string }[];
}

/** A text as a formula's string literal. */
const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;

function columns(header: readonly CellValue[]): Partial<Record<ColumnId, number>> {
  return discoverHeaders(header).at;
}

/** null when the tab lacks the column the view needs. */
export function viewFilter(header: readonly CellValue[], view: OrdersView): FilterPlan | null {
  const at = columns(header);
  if (at.status === undefined) return null;
  const status = at.status + 1;
  const search = at.orderId === undefined ? [] : [at.orderId + 1];
  if (view === 'all') return { clear: [status, ...search], set: [] };
  const cell = `$${columnLetter(status)}2`;
  const labels = [MANAGEMENT_STATUS_LABELS.ja[view], MANAGEMENT_STATUS_LABELS.en[view]];
  return {
    clear: search,
    set: [{ col: status, formula: `=OR(${labels.map((l) => `${cell}=${literal(l)}`).join(',')})` }],
  };
}

/** Rows whose 注文番号, 明細番号 or 送付先氏名 contains the text (any case); every status. */
export function searchFilter(header: readonly CellValue[], text: string): FilterPlan | null {
  const at = columns(header);
  const q = text.trim();
  if (at.orderId === undefined || q === '') return null;
  const cols = (['orderId', 'lineId', 'recipient'] as const).flatMap((id) => {
    const c = at[id];
    return c === undefined ? [] : [c + 1];
  });
  const terms = cols.map((c) => `ISNUMBER(SEARCH(${literal(q)},$${columnLetter(c)}2))`);
  return {
    clear: at.status === undefined ? [] : [at.status + 1],
    set: [{ col: at.orderId + 1, formula: `=OR(${terms.join(',')})` }],
  };
}
