import { translate } from '../../i18n';
import type { CellValue } from '../../ports';
import { MANAGEMENT_STATUS_LABELS, MANAGEMENT_STATUSES, type ManagementStatus } from '../order-line';
import type { Locale } from '../settings/schema';
import { formatDate, formatDateTime } from '../text/dates';
import { toSheetValue } from '../text/sheet-text';

/**
 * ダッシュボード / Dashboard (docs/contract.md §2): what the seller wants to see at a glance, computed from
 * 受注一覧's rows alone (the tab holds no data of its own). Pure: the rows and the shops' last fetch in,
 * the figures and the cells out.
 */

/** One row of 受注一覧 as the dashboard reads it: dates as 'yyyy-MM-dd HH:mm' text in the zone, '' if none. */
export interface DashboardRow {
  shop: string;
  orderId: string;
  status: ManagementStatus | null;
  orderedAt: string;
  shipBy: string;
  exportResult: string;
}

export interface ShopFigures {
  shop: string;
  counts: Record<ManagementStatus, number>;
  total: number;
  /** rows past 発送期限 that are neither 処理済 nor キャンセル */
  overdue: number;
  /** rows whose 書出結果 is not OK */
  failed: number;
  lastFetchAt: number | null;
}

export interface Dashboard {
  shops: ShopFigures[];
  all: ShopFigures;
  /** the last DAYS days, oldest first: orders (not lines) placed that day, all shops */
  daily: { day: string; orders: number }[];
}

export const DASHBOARD_DAYS = 30;
const DAY_MS = 86_400_000;

const zero = (): Record<ManagementStatus, number> =>
  Object.fromEntries(MANAGEMENT_STATUSES.map((s) => [s, 0])) as Record<ManagementStatus, number>;
const figures = (shop: string, lastFetchAt: number | null): ShopFigures => ({
  shop,
  counts: zero(),
  total: 0,
  overdue: 0,
  failed: 0,
  lastFetchAt,
});

export function computeDashboard(input: {
  rows: readonly DashboardRow[];
  /** the shops of the settings, in their order, with their last successful fetch */
  shops: readonly { name: string; lastFetchAt?: number | null }[];
  now: number;
  timezone: string;
}): Dashboard {
  const { rows, now, timezone } = input;
  const nowText = formatDateTime(now, timezone);
  const byShop = new Map(input.shops.map((s) => [s.name, figures(s.name, s.lastFetchAt ?? null)]));
  const all = figures('', null);
  const days = Array.from({ length: DASHBOARD_DAYS }, (_, i) =>
    formatDate(now - (DASHBOARD_DAYS - 1 - i) * DAY_MS, timezone),
  );
  const ordersOn = new Map(days.map((d) => [d, new Set<string>()]));
  for (const r of rows) {
    if (r.shop === '') continue;
    let f = byShop.get(r.shop);
    // a shop no longer in the settings still has rows: it is shown, without a last fetch
    if (!f) {
      f = figures(r.shop, null);
      byShop.set(r.shop, f);
    }
    for (const target of [f, all]) {
      if (r.status) target.counts[r.status]++;
      target.total++;
      // same text format on both sides: the comparison is by time
      if (r.shipBy !== '' && r.shipBy < nowText && r.status !== 'done' && r.status !== 'cancelled') target.overdue++;
      if (r.exportResult !== '' && !r.exportResult.startsWith('OK')) target.failed++;
    }
    ordersOn.get(r.orderedAt.slice(0, 10))?.add(`${r.shop}\u0000${r.orderId}`);
  }
  all.lastFetchAt = Math.max(0, ...[...byShop.values()].map((f) => f.lastFetchAt ?? 0)) || null;
  return {
    shops: [...byShop.values()],
    all,
    daily: days.map((day) => ({ day, orders: ordersOn.get(day)?.size ?? 0 })),
  };
}

/**
 * Where each block sits, fixed so the chart's source never moves: the daily table in A–B from row 4
 * (header) down 30 days, the shop table from column D. Row 1 says when and from what it was computed.
 */
export const DASHBOARD_GRID = {
  dailyHeaderRow: 4,
  dailyCol: 1,
  shopCol: 4,
  chartAnchor: { row: 3, col: 16 },
} as const;

/** The cells of the dashboard, top-left A1; every row as wide as the widest. */
export function dashboardCells(d: Dashboard, opts: { locale: Locale; timezone: string; now: number }): CellValue[][] {
  const { locale, timezone } = opts;
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(locale, k, p);
  const text = (s: string) => toSheetValue(s, 'plain');
  const labels = MANAGEMENT_STATUSES.map((s) => MANAGEMENT_STATUS_LABELS[locale][s]);
  const shopHeader = [
    t('dashboard.col.shop'),
    ...labels,
    t('dashboard.col.total'),
    t('dashboard.col.overdue'),
    t('dashboard.col.failed'),
    t('dashboard.col.lastFetch'),
  ];
  const shopLine = (f: ShopFigures, name: string): CellValue[] => [
    text(name),
    ...MANAGEMENT_STATUSES.map((s) => f.counts[s]),
    f.total,
    f.overdue,
    f.failed,
    f.lastFetchAt === null ? '' : text(formatDateTime(f.lastFetchAt, timezone)),
  ];
  const { dailyHeaderRow, shopCol } = DASHBOARD_GRID;
  const grid: CellValue[][] = [];
  const put = (row: number, col: number, values: CellValue[]) => {
    const line = grid[row - 1] ?? [];
    grid[row - 1] = line;
    for (const [i, v] of values.entries()) line[col - 1 + i] = v;
  };
  put(1, 1, [text(t('dashboard.updated', { time: formatDateTime(opts.now, timezone) }))]);
  put(dailyHeaderRow - 1, 1, [t('dashboard.daily')]);
  put(dailyHeaderRow - 1, shopCol, [t('dashboard.byShop')]);
  put(dailyHeaderRow, 1, [t('dashboard.col.day'), t('dashboard.col.orders')]);
  for (const [i, x] of d.daily.entries()) put(dailyHeaderRow + 1 + i, 1, [text(x.day), x.orders]);
  put(dailyHeaderRow, shopCol, shopHeader);
  for (const [i, f] of d.shops.entries()) put(dailyHeaderRow + 1 + i, shopCol, shopLine(f, f.shop));
  put(dailyHeaderRow + 1 + d.shops.length, shopCol, shopLine(d.all, t('dashboard.allShops')));
  const width = Math.max(...Array.from(grid, (r) => r?.length ?? 0));
  return Array.from(grid, (line) => Array.from({ length: width }, (_, c) => line?.[c] ?? ''));
}

/** Columns the shop table spans (1-based, inclusive). */
export function shopTableSpan(): { first: number; last: number } {
  const first = DASHBOARD_GRID.shopCol;
  return { first, last: first + MANAGEMENT_STATUSES.length + 4 };
}
