import type { MessageKey } from '../../i18n';
import type { LogRow } from '../log/log-sheet';
import type { ArchiveIndex } from '../orders/archive';
import type { OrdersTable } from '../orders/table';
import type { UrlFetchQuota } from '../quota/url-fetch-quota';
import type { Locale, Settings } from '../settings/schema';
import type { EngineEnv, RunReport, Trigger } from './types';

/** What one run carries from its start (run/with-run.ts) to its end: settings, report, Log rows, budget. */
export interface Run {
  env: EngineEnv;
  settings: Settings;
  locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  trigger: Trigger;
  start: number;
  deadline: number;
  report: RunReport;
  logRows: LogRow[];
  redact(text: string): string;
  /** shops whose status columns (最終取得日時 / 有効期限) should be refreshed */
  touched: Set<string>;
  /** some work was left for a continuation run */
  unfinished: boolean;
  /** the orders table, opened on first use; null after a workbook problem (already reported, exit 2) */
  table(): OrdersTable | null;
  /** the orders table if this run opened it (never opens it) */
  openedTable(): OrdersTable | null;
  /** the archive's keys, read only when needed (docs/contract.md §2 受注アーカイブ) */
  archive: ArchiveIndex;
  /** URL fetches counted against the day's quota; saved at the end of each shop and run */
  quota: UrlFetchQuota;
}
