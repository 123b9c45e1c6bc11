import { errorText } from '../error-text';
import type { LogRow } from '../log/log-sheet';
import { type ArchiveIndex, rotateArchive } from '../orders/archive';
import type { OrdersTable } from '../orders/table';
import type { Run } from './run-context';

/**
 * Archive rotation at the end of a fetch run that opened 受注一覧 (docs/contract.md §2 受注アーカイブ): a run
 * that already read the tab moves its due rows, so an empty poll (which never opens it) costs nothing more.
 * Rows move in blocks of at least a tenth of the tab (src/engine/orders/archive.ts ARCHIVE_MIN_SHARE):
 * a rewrite of 受注一覧 for a day's few rows would cost more than it saves. Never past the run's time
 * budget, never over a table whose write failed. The counts go into the Log: into each shop's row of this run, or a row of their own.
 */
export function rotateAfterFetch(
  run: Run,
  table: OrdersTable,
  index: ArchiveIndex,
  line: (msg: string) => LogRow,
): void {
  const { env, settings } = run;
  const days = settings.archiveAfterDays ?? 0;
  if (days <= 0 || !table.settled || env.clock.now() >= run.deadline) return;
  let result: ReturnType<typeof rotateArchive>;
  try {
    result = rotateArchive(table, index, env.book, {
      days,
      now: env.clock.now(),
      locale: run.locale,
      timezone: settings.timezone,
    });
  } catch (e) {
    run.logRows.push(line(run.redact(run.t('archive.failed', { detail: errorText(e, run.locale) }))));
    return;
  }
  const unlogged: string[] = [];
  for (const [shop, count] of Object.entries(result.moved)) {
    const note = run.t('archive.moved', { count, days });
    const row = run.logRows.find((r) => r.shop === shop && r.action === 'fetch');
    if (row) row.message = row.message ? `${row.message} / ${note}` : note;
    else unlogged.push(`${shop}: ${note}`);
    const report = run.report.shops.find((r) => r.shop === shop && r.action === 'fetch');
    if (report) report.message = report.message ? `${report.message} / ${note}` : note;
  }
  const extra = [
    ...unlogged,
    ...(result.dropped > 0 ? [run.t('archive.dropped', { count: result.dropped })] : []),
    ...(result.more ? [run.t('archive.movedMore')] : []),
  ];
  if (extra.length > 0) run.logRows.push(line(extra.join(' / ')));
}
