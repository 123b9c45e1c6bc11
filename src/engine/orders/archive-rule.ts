import type { ManagementStatus } from '../order-line';

/**
 * What 受注一覧 needs to know of archive rotation (docs/contract.md §2 受注アーカイブ), apart from the tab
 * itself (src/engine/orders/archive.ts): which rows are due, and whether a key is archived already.
 */

const DAY_MS = 86_400_000;

/** The archive's keys as a fetch asks them: true when this order line is in the archive. */
export interface ArchivedKeys {
  has(shop: string, orderId: string, lineId: string, orderedAt: number | null): boolean;
}

/** What the rule reads of a row: 管理ステータス and its three times (epoch ms, null when blank or unreadable). */
export interface ArchiveFacts {
  status: ManagementStatus | null;
  orderedAt: number | null;
  exportedAt: number | null;
  updatedAt: number | null;
}

/**
 * A row is archived when it is 処理済 or キャンセル and the latest of 注文日時, 書出日時 (when the mall
 * accepted its tracking number) and 更新日時 (when a fetch last changed it) is `days` or more ago: a row a
 * mall still changes, or that was exported lately, stays. A row with none of the three readable stays too.
 * `days` 0 = never.
 */
export function isArchivable(f: ArchiveFacts, now: number, days: number): boolean {
  if (days <= 0 || (f.status !== 'done' && f.status !== 'cancelled')) return false;
  const times = [f.orderedAt, f.exportedAt, f.updatedAt].filter((t): t is number => t !== null);
  return times.length > 0 && Math.max(...times) <= now - days * DAY_MS;
}
