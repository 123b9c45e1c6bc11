import { translate } from '../i18n';
import type { CheckReport } from './check/check';
import type { ShopReport } from './run/types';
import type { Locale } from './settings/schema';

/** Readable lines of a run's results, shared by the menu's dialogs and the CLI (pure). */

export function shopCounts(L: Locale, s: ShopReport): string {
  return translate(L, 'ui.report.shop', {
    shop: s.shop,
    mall: s.mall,
    fetched: s.fetched,
    new: s.new,
    updated: s.updated,
    exported: s.exported,
    failed: s.failed,
  });
}

/** One head line per shop, then one line per check (✓ fine / ✗ needs attention). */
export function checkText(report: CheckReport): string[] {
  const shops = report.shops.flatMap((s) => [
    `${s.ok ? '✓' : '✗'} ${s.shop} (${s.mall})`,
    ...s.lines.map((l) => `    ${l.ok ? '✓' : '✗'} ${l.message}`),
  ]);
  const { title, lines } = report.alerts;
  return lines.length === 0 ? shops : [...shops, '', title, ...lines.map((l) => `    ! ${l}`)];
}
