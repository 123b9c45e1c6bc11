import {
  computeDashboard,
  DASHBOARD_DAYS,
  type DashboardRow,
  dashboardCells,
} from '../../../src/engine/dashboard/compute';

/** The dashboard's figures from 受注一覧's rows (docs/contract.md §2 Dashboard), as a pure function. */

const NOW = Date.UTC(2026, 10, 22, 3, 0); // 2026-11-22 12:00 in Tokyo
const row = (over: Partial<DashboardRow>): DashboardRow => ({
  shop: 'A店',
  orderId: 'O1',
  status: 'new',
  orderedAt: '2026-11-22 09:00',
  shipBy: '',
  exportResult: '',
  ...over,
});

test('counts per shop and status, past ship-by, failed exports, last fetch, all shops', () => {
  const d = computeDashboard({
    rows: [
      row({ orderId: 'O1', status: 'new', shipBy: '2026-11-22 11:59' }), // past, open
      row({ orderId: 'O1', status: 'new', shipBy: '2026-11-22 12:01' }), // not yet
      row({ orderId: 'O2', status: 'done', shipBy: '2026-11-20 00:00', exportResult: 'OK' }), // past but done
      row({ orderId: 'O3', status: 'awaiting', exportResult: '[Temu 40001] 追跡番号が不正です' }),
      row({ shop: 'B店', orderId: 'X', status: 'cancelled', shipBy: '2026-11-01 00:00' }),
      row({ shop: 'B店', orderId: 'Y', status: null, exportResult: 'OK（既に発送済み）' }),
      row({ shop: '旧店', orderId: 'Z', status: 'hold' }),
    ],
    shops: [{ name: 'B店', lastFetchAt: NOW - 60_000 }, { name: 'A店', lastFetchAt: NOW - 3_600_000 }, { name: 'C店' }],
    now: NOW,
    timezone: 'Asia/Tokyo',
  });
  expect(d.shops.map((s) => s.shop)).toEqual(['B店', 'A店', 'C店', '旧店']);
  const a = d.shops[1];
  expect(a.counts).toEqual({ new: 2, awaiting: 1, done: 1, hold: 0, cancelled: 0 });
  expect(a).toMatchObject({ total: 4, overdue: 1, failed: 1, lastFetchAt: NOW - 3_600_000 });
  expect(d.shops[0]).toMatchObject({ total: 2, overdue: 0, failed: 0 });
  expect(d.shops[2]).toMatchObject({ total: 0, lastFetchAt: null });
  expect(d.shops[3]).toMatchObject({ total: 1, lastFetchAt: null, counts: expect.objectContaining({ hold: 1 }) });
  expect(d.all).toMatchObject({ total: 7, overdue: 1, failed: 1, lastFetchAt: NOW - 60_000 });
});

test('orders per day: 30 days ending today, orders counted once whatever their lines', () => {
  const d = computeDashboard({
    rows: [
      row({ orderId: 'O1', orderedAt: '2026-11-22 00:10' }),
      row({ orderId: 'O1', orderedAt: '2026-11-22 00:10' }),
      row({ shop: 'B店', orderId: 'O1', orderedAt: '2026-11-22 08:00' }),
      row({ orderId: 'O2', orderedAt: '2026-10-24 23:59' }), // the first of the 30 days
      row({ orderId: 'O3', orderedAt: '2026-10-23 23:59' }), // one day too old
      row({ orderId: 'O4', orderedAt: '' }),
    ],
    shops: [],
    now: NOW,
    timezone: 'Asia/Tokyo',
  });
  expect(d.daily).toHaveLength(DASHBOARD_DAYS);
  expect(d.daily[0]).toEqual({ day: '2026-10-24', orders: 1 });
  expect(d.daily[DASHBOARD_DAYS - 1]).toEqual({ day: '2026-11-22', orders: 2 });
  expect(d.daily.reduce((n, x) => n + x.orders, 0)).toBe(3);
});

test('the cells: a rectangle with the daily table at A4 and the shop table from D4, in the sheet’s language', () => {
  const d = computeDashboard({
    rows: [row({})],
    shops: [{ name: 'A店', lastFetchAt: NOW }],
    now: NOW,
    timezone: 'Asia/Tokyo',
  });
  const cells = dashboardCells(d, { locale: 'en', timezone: 'Asia/Tokyo', now: NOW });
  const width = cells[0].length;
  for (const line of cells) expect(line).toHaveLength(width);
  expect(cells[3].slice(0, 2)).toEqual(['Day', 'Orders']);
  expect(cells[3].slice(3)).toEqual([
    'Shop',
    'New',
    'Awaiting shipment',
    'Done',
    'On hold',
    'Cancelled',
    'Total',
    'Past ship-by',
    'Failed exports',
    'Last fetch',
  ]);
  expect(cells[4].slice(3, 10)).toEqual(['A店', 1, 0, 0, 0, 0, 1]);
  expect(cells[5][3]).toBe('All shops');
  // dates are text, never turned into numbers by the sheet
  expect(cells[4 + DASHBOARD_DAYS - 1][0]).toBe("'2026-11-22");
  expect(cells.length).toBe(4 + DASHBOARD_DAYS);
});
