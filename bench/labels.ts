/**
 * Label benchmark: a B2クラウド label CSV of 5,000 shipments, then the import of its 発行済データ, as one run each
 * (docs/contract.md §3). Spreadsheet and properties calls are costed by the engine's cost model
 * (src/engine/sim/cost-model.ts), the script's own CPU as Node time × SCRIPT_CPU_FACTOR. Printed beside a
 * naive writer that sets each row's cells on their own. Targets: ≤ 3 calls on 受注一覧 per run, the
 * simulated run < 60 s, Node time < 2 s.
 */
import { runLabelExport, runLabelImport } from '../src/engine';
import { MemoryProperties, VirtualClock } from '../src/engine/memory-ports';
import type { OrderLine } from '../src/engine/order-line';
import { OrdersTable } from '../src/engine/orders/table';
import { MemorySpreadsheet } from '../src/engine/sheet/memory-sheet';
import { issueB2 } from '../src/sandbox/b2-issuer';
import { runsAsBenchmark } from './support/entry';
import { BENCH_SHIPPER, BENCH_SHOP, benchShopSettings, costedOfflineEnv } from './support/offline-env';

export const SHIPMENTS = 5_000;
const START = Date.UTC(2026, 11, 1);
const TARGET_MS = 60_000;
const SCRIPT_CPU_FACTOR = 5;

function line(n: number): OrderLine {
  return {
    orderId: `PO-211-${String(100000 + n)}`,
    lineId: `${n}`.padStart(9, '0'),
    mallStatus: 'UN_SHIPPING',
    cancelled: false,
    hold: false,
    orderedAt: START - n * 60_000,
    shipBy: null,
    item: `ステンレス 保温マグ ${n % 40} 容量 350ml 真空二重構造${n % 97 === 0 ? ' 🎁' : ''}`,
    sku: `MUG-${n % 60}`,
    variant: 'ホワイト',
    qty: 1,
    unitPrice: 1980,
    amount: 1980,
    currency: 'JPY',
    recipient: `山田 太郎${n % 100}`,
    postalCode: '0600001',
    address: `北海道札幌市中央区北一条西${n % 20}-${n % 9} サンプルマンション${n % 300}号室`,
    phone: '+81-90-1234-5678',
  };
}

/** 受注一覧 with `shipments` one-line orders, laid out, and an env costed by the cost model (also for tests). */
export function labelsWorld(shipments = SHIPMENTS) {
  const inner = new MemorySpreadsheet('Asia/Tokyo');
  const props = new MemoryProperties();
  // the seller's sheet already has its layout (set by the first fetch): a label run adds no layout call
  const layout = { props, carriers: ['ヤマト運輸'] };
  const seed = OrdersTable.open(inner, { locale: 'ja', timezone: 'Asia/Tokyo', layout });
  seed.upsert(
    BENCH_SHOP,
    Array.from({ length: shipments }, (_, n) => line(n)),
    [],
    START,
  );
  seed.flush();
  const clock = new VirtualClock(START + 3_600_000);
  const { env, model } = costedOfflineEnv({
    book: inner,
    props,
    clock,
    settings: {
      shops: [benchShopSettings()],
      carriers: [{ name: 'ヤマト運輸', temu: 'Yamato', labels: 'b2' }],
      shipper: BENCH_SHIPPER,
      labels: { b2: { billingCode: '012345678901', freightNo: '01' } },
    },
    what: 'labels',
  });
  return { inner, env, model, clock };
}

/** One costed run: Node time, simulated Apps Script time, and the calls it made (on 受注一覧 and in all). */
function measure<T>(w: ReturnType<typeof labelsWorld>, run: () => T) {
  const before = { ...w.model.meter, by: { ...w.model.meter.sheetCallsBy } };
  const started = w.clock.now();
  const t0 = performance.now();
  const result = run();
  const nodeMs = performance.now() - t0;
  w.model.charge(nodeMs * SCRIPT_CPU_FACTOR);
  const by = w.model.meter.sheetCallsBy;
  const ordersCalls = Object.keys(by)
    .filter((k) => k.startsWith('受注一覧'))
    .reduce((n, k) => n + by[k] - (before.by[k] ?? 0), 0);
  return {
    result,
    nodeMs,
    simulatedMs: w.clock.now() - started,
    sheetCalls: w.model.meter.sheetCalls - before.sheetCalls,
    ordersCalls,
  };
}

type Measured = { nodeMs: number; simulatedMs: number; sheetCalls: number; ordersCalls: number };

export function runLabelsBench() {
  const w = labelsWorld();
  const ex = measure(w, () => runLabelExport(w.env, { format: 'b2' }));
  if (ex.result.exitCode !== 0 || ex.result.shipments !== SHIPMENTS)
    throw new Error(`bench: export ${ex.result.exitCode} ${ex.result.errors.join(' / ')}`);
  const issued = issueB2(ex.result.file!.rows, 1);
  const im = measure(w, () => runLabelImport(w.env, { format: 'b2', table: issued }));
  if (im.result.exitCode !== 0 || im.result.plan?.fills.length !== SHIPMENTS)
    throw new Error(`bench: import ${im.result.lines.join(' / ')}`);
  // a naive writer: one call per row for the key; three per row (伝票番号, 出荷日, 配送業者) for the import
  const rate = w.model.rates.sheetCallMs;
  const naive = { export: SHIPMENTS, import: SHIPMENTS * 3 };
  const ok = (r: Measured) => (r.ordersCalls <= 3 && r.simulatedMs < TARGET_MS && r.nodeMs < 2_000 ? 'PASS' : 'FAIL');
  const row = (name: string, r: Measured, naiveCalls: number) =>
    `${name}: Node ${r.nodeMs.toFixed(0)} ms; 受注一覧 calls ${r.ordersCalls} (all sheets ${r.sheetCalls}); simulated ${(r.simulatedMs / 1000).toFixed(1)} s ${ok(r)}` +
    ` — naive per-row: ${naiveCalls.toLocaleString('en')} calls ≈ ${((naiveCalls * rate) / 1000).toFixed(0)} s`;
  return {
    lines: [
      `labels: ${SHIPMENTS.toLocaleString('en')} shipments, B2クラウド; targets ≤ 3 calls on 受注一覧, < ${TARGET_MS / 1000} s simulated, < 2 s Node`,
      row('export', ex, naive.export),
      row('import', im, naive.import),
    ],
    export: ex,
    import: im,
  };
}

// Run as main, or when dist-node/bench.js (npm run bench) requires every built benchmark in turn.
if (runsAsBenchmark('labels')) {
  for (const l of runLabelsBench().lines) console.log(l);
}
