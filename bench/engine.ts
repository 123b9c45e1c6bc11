/**
 * Engine benchmark: 1,000 new and 1,000 changed (scattered) rows upserted into an orders
 * table of 50,000 rows through MemorySpreadsheet. Prints Node time, spreadsheet calls and cells written, and
 * what a naive per-row writer would cost in calls. Spreadsheet calls, not Node time, dominate in Apps Script.
 */
import type { OrderLine } from '../src/engine/order-line';
import { OrdersTable, type ShopRowDefaults } from '../src/engine/orders/table';
import { MemorySpreadsheet } from '../src/engine/sheet/memory-sheet';
import { rng } from '../src/sandbox/sample-data';
import { runsAsBenchmark } from './support/entry';

const EXISTING = 50_000;
const NEW = 1_000;
const CHANGED = 1_000;
const SHOP: ShopRowDefaults = {
  name: 'Bench 店',
  mallLabel: 'Temu',
  initialStatus: 'new',
  defaultCarrier: 'ヤマト運輸',
};
const START = Date.UTC(2026, 10, 1);

function benchLine(n: number, status = 'UN_SHIPPING'): OrderLine {
  return {
    orderId: `PO-211-${String(100000 + Math.floor(n / 2))}`,
    lineId: `${n}`.padStart(9, '0'),
    mallStatus: status,
    cancelled: false,
    hold: false,
    orderedAt: START + n * 60_000,
    shipBy: START + n * 60_000 + 3 * 86_400_000,
    item: `ステンレス 保温マグ ${n % 50}`,
    sku: n % 7 === 0 ? `=SKU-${n}` : `00${n % 997}-NV`,
    variant: 'ホワイト',
    qty: 1 + (n % 3),
    unitPrice: 1980,
    amount: 1980 * (1 + (n % 3)),
    currency: 'JPY',
    recipient: '山田 太郎',
    postalCode: '0600001',
    address: '北海道札幌市中央区北一条西2-1',
    phone: '+81-90-1234-5678',
  };
}

const open = (book: MemorySpreadsheet) => OrdersTable.open(book, { locale: 'ja', timezone: 'Asia/Tokyo' });

export function runEngineBench(): { lines: string[]; calls: number; ms: number } {
  const book = new MemorySpreadsheet('Asia/Tokyo');
  const seed = open(book);
  seed.upsert(
    SHOP,
    Array.from({ length: EXISTING }, (_, n) => benchLine(n)),
    [],
    START,
  );
  seed.flush();

  const random = rng(7);
  const changed = new Set<number>();
  while (changed.size < CHANGED) changed.add(Math.floor(random() * EXISTING));
  const lines = [
    ...[...changed].map((n) => benchLine(n, 'SHIPPED')),
    ...Array.from({ length: NEW }, (_, k) => benchLine(EXISTING + k)),
  ];

  book.resetCalls();
  const t0 = performance.now();
  const table = open(book);
  const counts = table.upsert(SHOP, lines, [], START + 86_400_000);
  table.flush();
  const ms = performance.now() - t0;
  const calls = { ...book.calls };
  if (counts.new !== NEW || counts.updated !== CHANGED)
    throw new Error(`bench: unexpected counts ${JSON.stringify(counts)}`);

  const naive = naiveCalls(book, lines.length - NEW, NEW);
  const out = [
    `orders table: ${EXISTING.toLocaleString('en')} rows; one run: ${NEW.toLocaleString('en')} new + ${CHANGED.toLocaleString('en')} changed (scattered)`,
    `Node time: ${ms.toFixed(0)} ms`,
    `spreadsheet calls: ${calls.total} (readAll ${calls.readAll}, writeBlock ${calls.writeBlock}, setFormats ${calls.setFormats}); cells written: ${calls.cellsWritten.toLocaleString('en')}`,
    `naive per-row writer: ${naive.toLocaleString('en')} calls`,
  ];
  return { lines: out, calls: calls.total, ms };
}

/** A writer that sends each changed row and each new row (format, then values) on its own, as many scripts do. */
function naiveCalls(book: MemorySpreadsheet, changedRows: number, newRows: number): number {
  const sheet = book.getSheet('受注一覧')!;
  const width = sheet.readAll()[0].length;
  book.resetCalls();
  const row = new Array<string>(width).fill('');
  for (let i = 0; i < changedRows; i++) sheet.writeBlock(2 + i * 40, 1, [row]);
  for (let i = 0; i < newRows; i++) {
    sheet.setFormats(EXISTING + NEW + 2 + i, 1, [row.map(() => '@')]);
    sheet.writeBlock(EXISTING + NEW + 2 + i, 1, [row]);
  }
  return book.calls.total;
}

// Run as main, or when dist-node/bench.js (npm run bench) requires every built benchmark in turn.
if (runsAsBenchmark('engine')) {
  for (const l of runEngineBench().lines) console.log(l);
}
