/**
 * 納品書 benchmark: 500 shipments (1,001 order lines) among 5,200 rows of 受注一覧 printed in one run, as the
 * Sheets dialog's PDF call does it: settings, one read of the table, the HTML, Apps Script's HTML → PDF
 * conversion, 新規受付 → 発送待ち on the printed rows, the Log row. Spreadsheet and properties calls are
 * costed by the engine's cost model (src/engine/sim/cost-model.ts); the conversion and the script's own
 * CPU by the estimates below. The target: well inside one execution's 6 minutes.
 */
import { runSlips } from '../src/engine';
import { MemoryProperties, VirtualClock } from '../src/engine/memory-ports';
import type { OrderLine } from '../src/engine/order-line';
import { OrdersTable } from '../src/engine/orders/table';
import { MemorySpreadsheet } from '../src/engine/sheet/memory-sheet';
import { runsAsBenchmark } from './support/entry';
import { BENCH_SHIPPER, BENCH_SHOP, benchShopSettings, costedOfflineEnv } from './support/offline-env';

export const SHIPMENTS = 500;
const OTHER_ROWS = 4_200;
const START = Date.UTC(2026, 10, 20);
/** Apps Script's budget for one execution, and MallSheet's own stop line */
const LIMIT_MS = 360_000;
/**
 * Our estimates, not measurements: Utilities' HTML → PDF conversion at 2 s plus 150 ms a page, and Apps
 * Script's V8 running the engine's own code 5× slower than Node on this machine.
 */
export const PDF_FIXED_MS = 2_000;
export const PDF_PAGE_MS = 150;
export const SCRIPT_CPU_FACTOR = 5;

function line(n: number, orderNo: number, status = 'UN_SHIPPING'): OrderLine {
  return {
    orderId: `PO-211-${String(100000 + orderNo)}`,
    lineId: `${n}`.padStart(9, '0'),
    mallStatus: status,
    cancelled: false,
    hold: false,
    orderedAt: START + n * 60_000,
    shipBy: null,
    item: `ステンレス 保温マグ ${n % 40} 容量 350ml 真空二重構造`,
    sku: `MUG-${String(n % 60).padStart(3, '0')}`,
    variant: ['ホワイト', 'ネイビー', 'グレー'][n % 3],
    qty: 1 + (n % 3),
    unitPrice: 1980,
    amount: 1980 * (1 + (n % 3)),
    currency: 'JPY',
    recipient: `山田 太郎${n % 100}`,
    postalCode: '060-0001',
    address: `北海道札幌市中央区北一条西${n % 20}-${n % 9} サンプルマンション${n % 300}号室`,
    phone: '090-1234-5678',
  };
}

/** 受注一覧 with SHIPMENTS open orders (one to three lines each) among rows already shipped. */
function seedBook(): MemorySpreadsheet {
  const book = new MemorySpreadsheet('Asia/Tokyo');
  const table = OrdersTable.open(book, { locale: 'ja', timezone: 'Asia/Tokyo' });
  const lines: OrderLine[] = [];
  let n = 0;
  for (let o = 0; o < OTHER_ROWS; o++) lines.push(line(n++, 10_000 + o, 'SHIPPED'));
  for (let o = 0; o < SHIPMENTS; o++)
    for (let k = 0; k < 1 + (o % 3 === 0 ? 2 : o % 3 === 1 ? 1 : 0); k++) lines.push(line(n++, o));
  table.upsert(BENCH_SHOP, lines, [], START);
  table.flush();
  // the shipped rows have tracking numbers typed in: they are not printed
  const sheet = book.getSheet('受注一覧')!;
  const header = sheet.readAll()[0];
  const tracking = header.indexOf('伝票番号') + 1;
  sheet.writeBlock(
    2,
    tracking,
    Array.from({ length: OTHER_ROWS }, (_, i) => [String(400000000000 + i)]),
  );
  return book;
}

export function runSlipsBench(): {
  lines: string[];
  simulatedMs: number;
  sheetCalls: number;
  shipments: number;
  pages: number;
} {
  const clock = new VirtualClock(START + 86_400_000);
  const { env, model } = costedOfflineEnv({
    book: seedBook(),
    props: new MemoryProperties(),
    clock,
    settings: {
      shops: [benchShopSettings({ slipComment: 'ご購入ありがとうございます。' })],
      carriers: [{ name: 'ヤマト運輸', temu: 'Yamato' }],
      shipper: BENCH_SHIPPER,
      slips: { advanceStatus: true },
    },
    what: 'slips',
  });
  let pages = 0;
  let htmlBytes = 0;
  const t0 = performance.now();
  const report = runSlips(env, {
    trigger: 'manual',
    render: (html) => {
      htmlBytes = Buffer.byteLength(html, 'utf8');
      // one page per 納品書, the picking list at ~28 lines a page
      pages =
        (html.match(/class="page slip"/g) ?? []).length + Math.ceil((html.match(/class="check"/g) ?? []).length / 28);
      model.charge(PDF_FIXED_MS + pages * PDF_PAGE_MS);
    },
  });
  const nodeMs = performance.now() - t0;
  model.charge(nodeMs * SCRIPT_CPU_FACTOR);
  const shipments = report.document?.shipments.length ?? 0;
  if (report.exitCode !== 0 || shipments !== SHIPMENTS)
    throw new Error(`bench: ${report.exitCode} ${shipments} ${report.errors.join(' / ')}`);
  const simulatedMs = clock.now() - (START + 86_400_000);
  const m = model.meter;
  const verdict = simulatedMs < LIMIT_MS / 2 ? 'PASS' : 'FAIL';
  const lines = [
    `受注一覧: ${(OTHER_ROWS + SHIPMENTS * 2).toLocaleString('en')} rows; printed: ${shipments} shipments, ${report.document!.picking.lines.length} picking lines, ~${pages} pages, HTML ${(htmlBytes / 1024).toFixed(0)} KiB`,
    `Node time: ${nodeMs.toFixed(0)} ms (charged ×${SCRIPT_CPU_FACTOR} as Apps Script CPU)`,
    `spreadsheet calls: ${m.sheetCalls} (${Object.entries(m.sheetCallsBy)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}); sheet lookups ${m.sheetLookups}; properties ${m.propertyCalls}`,
    `rows moved to 発送待ち: ${report.advanced}`,
    `simulated Apps Script time: ${(simulatedMs / 1000).toFixed(1)} s (PDF conversion estimate ${((PDF_FIXED_MS + pages * PDF_PAGE_MS) / 1000).toFixed(1)} s) — target < ${LIMIT_MS / 2000} s (half of one execution) ${verdict}`,
  ];
  return { lines, simulatedMs, sheetCalls: m.sheetCalls, shipments, pages };
}

// Run as main, or when dist-node/bench.js (npm run bench) requires every built benchmark in turn.
if (runsAsBenchmark('slips')) {
  for (const l of runSlipsBench().lines) console.log(l);
}
