import { translate } from '../../i18n';
import type { CellValue, LayoutChange, PropertiesPort, SpreadsheetPort } from '../../ports';
import { HEADER_STYLE } from '../orders/layout';
import { readState } from '../run/state';
import type { Locale, Settings } from '../settings/schema';
import {
  computeDashboard,
  DASHBOARD_DAYS,
  DASHBOARD_GRID,
  type Dashboard,
  type DashboardRow,
  dashboardCells,
  shopTableSpan,
} from './compute';

/** The ダッシュボード / Dashboard tab (docs/contract.md §2), found by either name. */
export const DASHBOARD_SHEET_NAMES: Record<Locale, string> = { ja: 'ダッシュボード', en: 'Dashboard' };

/** The extent last written, so a rewrite needs no read: `rows,cols`. */
const EXTENT_KEY = 'dashboard:extent';

/**
 * Rewrites the tab in one spreadsheet call (two when the extent last written is unknown: a read first),
 * covering what was there, so a shop that went away leaves no stale line. A new tab is laid out once:
 * header style, widths and the chart of orders per day, whose source block never moves.
 */
export function writeDashboard(
  book: SpreadsheetPort,
  props: PropertiesPort,
  d: Dashboard,
  opts: { locale: Locale; timezone: string; now: number },
): void {
  const cells = dashboardCells(d, opts);
  const found = book.getSheet(DASHBOARD_SHEET_NAMES.ja) ?? book.getSheet(DASHBOARD_SHEET_NAMES.en);
  const sheet = found ?? book.insertSheet(DASHBOARD_SHEET_NAMES[opts.locale]);
  let before = { rows: 0, cols: 0 };
  if (found) {
    const known = /^(\d+),(\d+)$/.exec(props.get(EXTENT_KEY) ?? '');
    if (known) before = { rows: Number(known[1]), cols: Number(known[2]) };
    else {
      const old = found.readAll();
      before = { rows: old.length, cols: Math.max(0, ...old.map((r) => r.length)) };
    }
  }
  const rows = Math.max(cells.length, before.rows);
  const cols = Math.max(cells[0]?.length ?? 0, before.cols);
  const grid: CellValue[][] = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => cells[r]?.[c] ?? ''),
  );
  sheet.writeBlock(1, 1, grid);
  if (!found) sheet.applyLayout(dashboardLayout(opts.locale));
  const extent = `${cells.length},${cells[0]?.length ?? 0}`;
  if (props.get(EXTENT_KEY) !== extent) props.set(EXTENT_KEY, extent);
}

/** After a run that changed 受注一覧: the figures from its rows and each shop's last fetch, written out. */
export function refreshDashboard(
  book: SpreadsheetPort,
  props: PropertiesPort,
  settings: Settings,
  rows: readonly DashboardRow[],
  now: number,
): Dashboard {
  const shops = settings.shops.map((s) => ({
    name: s.name,
    lastFetchAt: readState(props, s.name).lastFetchAt ?? null,
  }));
  const d = computeDashboard({ rows, shops, now, timezone: settings.timezone });
  writeDashboard(book, props, d, { locale: settings.locale, timezone: settings.timezone, now });
  return d;
}

export function dashboardLayout(locale: Locale): LayoutChange {
  const { dailyHeaderRow, dailyCol, chartAnchor } = DASHBOARD_GRID;
  const shops = shopTableSpan();
  const widths = [
    { col: dailyCol, px: 100 },
    { col: dailyCol + 1, px: 70 },
    { col: shops.first, px: 160 },
    ...Array.from({ length: shops.last - shops.first - 1 }, (_, i) => ({ col: shops.first + 1 + i, px: 90 })),
    { col: shops.last, px: 140 },
  ];
  return {
    header: { row: dailyHeaderRow, spans: [{ first: dailyCol, last: dailyCol + 1 }, shops], style: HEADER_STYLE },
    widths,
    chart: {
      kind: 'column',
      title: translate(locale, 'dashboard.daily'),
      source: { row: dailyHeaderRow, col: dailyCol, rows: DASHBOARD_DAYS + 1, cols: 2 },
      anchor: chartAnchor,
    },
  };
}
