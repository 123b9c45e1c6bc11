import type { CellValue } from '../../ports';
import { MANAGEMENT_STATUS_LABELS, MANAGEMENT_STATUSES, type ManagementStatus } from '../order-line';
import { looseKey } from '../text/sheet-text';

const BY_LABEL = new Map<string, ManagementStatus>();
for (const locale of ['ja', 'en'] as const) {
  for (const id of MANAGEMENT_STATUSES) BY_LABEL.set(looseKey(MANAGEMENT_STATUS_LABELS[locale][id]), id);
}

/** 管理ステータス in either locale's label → its id; null for empty or unknown text. */
export function readStatus(cell: CellValue): ManagementStatus | null {
  return typeof cell === 'string' ? (BY_LABEL.get(looseKey(cell)) ?? null) : null;
}
