import type { LogAction } from '../log/log-sheet';
import type { ShopSettings } from '../settings/schema';
import type { Run } from './run-context';
import type { RunReport, ShopReport } from './types';

/** The run's report: which shops it acts on, one line per shop (and its Log row), joined messages. */

export function emptyReport(): RunReport {
  return { busy: false, shops: [], preview: [], exitCode: 0, errors: [] };
}

/** The shops a run acts on: every enabled shop, or the one named (an unknown or disabled name is exit 2). */
export function selectShops(run: Run, name: string | undefined, allowDisabled = false): ShopSettings[] | null {
  const { settings, report } = run;
  if (name === undefined) return settings.shops.filter((s) => s.enabled);
  const shop = settings.shops.find((s) => s.name === name.trim());
  if (!shop || (!shop.enabled && !allowDisabled)) {
    report.exitCode = 2;
    report.errors.push(run.t(shop ? 'run.shopDisabled' : 'run.unknownShop', { shop: name }));
    return null;
  }
  return [shop];
}

/** A report line and its Log row, written together so the two never disagree. */
export function record(run: Run, action: LogAction, shopReport: ShopReport, durationMs: number): void {
  run.report.shops.push(shopReport);
  const counts =
    action === 'fetch'
      ? { fetched: shopReport.fetched, new: shopReport.new, updated: shopReport.updated, failed: shopReport.failed }
      : action === 'export'
        ? { exported: shopReport.exported, failed: shopReport.failed }
        : action === 'labels'
          ? { exported: shopReport.exported, updated: shopReport.updated, failed: shopReport.failed }
          : { failed: shopReport.failed };
  run.logRows.push({
    time: run.env.clock.now(),
    trigger: run.trigger,
    action,
    shop: shopReport.shop,
    ...counts,
    durationMs,
    message: shopReport.message,
  });
}

export function shopReport(shop: ShopSettings, action: ShopReport['action'], mallLabel: string): ShopReport {
  return {
    shop: shop.name,
    mall: mallLabel,
    action,
    fetched: 0,
    new: 0,
    updated: 0,
    exported: 0,
    failed: 0,
    ok: true,
    message: '',
  };
}

/** Messages joined for one Log cell: the first few, and how many more. */
export function joinMessages(run: Run, parts: string[]): string {
  const shown = parts.slice(0, 5);
  const more = parts.length - shown.length;
  return [...shown, ...(more > 0 ? [run.t('run.more', { count: more })] : [])].join(' / ');
}
