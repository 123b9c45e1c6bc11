/**
 * Archive rotation benchmark (docs/contract.md §2 受注アーカイブ): a shop that keeps selling, simulated day
 * by day on the Apps Script cost model (src/engine/sim/cost-model.ts). Every day 100 orders arrive; the
 * seller finishes each one two days later (処理済, 書出日時 set) and 3 % are cancelled; one fetch run a day
 * (the day's first timer run that finds something new: the one that rotates). Reported for
 * archiveAfterDays 30 and 90 against rotation off (0): rows in 受注一覧, cells and simulated seconds of that
 * run, and what the rotation itself cost. Writes `archive` into artifacts/bench.json.
 */
import { z } from 'zod';
import { runFetch } from '../src/engine';
import { CachedProperties } from '../src/engine/cached-properties';
import type { CheckLine, FetchRequest, FetchStep, LineOutcome, MallConnector } from '../src/engine/connector';
import { MemoryLock, MemoryLogger, MemoryProperties, MemoryTriggers, VirtualClock } from '../src/engine/memory-ports';
import type { OrderLine } from '../src/engine/order-line';
import { ARCHIVE_SHEET_NAMES } from '../src/engine/orders/archive';
import { ORDERS_SHEET_NAMES } from '../src/engine/orders/columns';
import { discoverHeaders } from '../src/engine/orders/headers';
import type { EngineEnv } from '../src/engine/run/types';
import { parseSettings } from '../src/engine/settings/parse';
import { MemorySpreadsheet } from '../src/engine/sheet/memory-sheet';
import {
  APPS_SCRIPT_RATES,
  CostedProperties,
  CostedSpreadsheet,
  CostModel,
  meterDelta,
  snapshot,
} from '../src/engine/sim/cost-model';
import { formatDateTime } from '../src/engine/text/dates';
import { nodeCrypto } from '../src/node/crypto';
import { writeBenchJson } from './bench-json';
import { runsAsBenchmark } from './support/entry';

const DAY = 86_400_000;
const START = Date.UTC(2027, 0, 1, 0, 0, 0); // 09:00 JST
export const SIM_DAYS = 120;
/** one shop's share of the steady-state benchmark's 300 a day across three malls */
export const ORDERS_PER_DAY = 100;
/** the seller finishes an order this long after it arrived */
const FINISH_AFTER_MS = 2 * DAY;
export const SAMPLE_DAYS = [30, 60, 90, 120] as const;
export const SETTINGS_DAYS = [0, 30, 90] as const;

export interface DayFigures {
  day: number;
  /** data rows of 受注一覧 after the run */
  ordersRows: number;
  archiveRows: number;
  /** what the day's run read and cost */
  cellsRead: number;
  simMs: number;
  sheetCalls: number;
}

export interface ArchiveRun {
  archiveAfterDays: number;
  samples: DayFigures[];
  /** the most rows 受注一覧 held after any run */
  maxOrdersRows: number;
  /** simulated seconds of the daily run, averaged over the last 30 days (rotation days included) */
  meanRunMsLast30: number;
  /** runs that read the archive's key columns without rotating (a fetch the horizon could not rule out) */
  archiveKeyReads: number;
  /** the day the first rows moved, and what that day's run cost */
  firstRotation: { day: number; moved: number; simMs: number; cellsWritten: number } | null;
  /** a later rotation day's run (steady state): moved rows and cost */
  steadyRotation: { day: number; moved: number; simMs: number; cellsWritten: number } | null;
}

/** A mall that lists every order created in the window, one line each; 3 % of them cancelled by the buyer. */
function simMall(orders: OrderLine[]): MallConnector {
  return {
    id: 'sim',
    label: 'Sim',
    credentialFields: [],
    credentialsSchema: z.object({}).passthrough() as unknown as MallConnector['credentialsSchema'],
    statuses: ['NEW'],
    defaultStatuses: ['NEW'],
    carrierKey: 'sim',
    officialHosts: ['https://api.sim.example'],
    fetch(_ctx, req: FetchRequest): FetchStep {
      const lines = orders.filter((o) => o.orderedAt !== null && o.orderedAt >= req.from && o.orderedAt < req.to);
      return { lines, cursor: null };
    },
    exportOrders: (): LineOutcome[] => [],
    check: (): CheckLine[] => [],
    isCancelledStatus: (s) => s === 'CANCELLED',
    normalizeTracking: (t) => t,
  };
}

function orderOf(n: number, at: number): OrderLine {
  const cancelled = n % 33 === 0;
  return {
    orderId: `SO-${100000 + n}`,
    lineId: `SO-${100000 + n}-1`,
    mallStatus: cancelled ? 'CANCELLED' : 'NEW',
    cancelled,
    hold: false,
    orderedAt: at,
    shipBy: at + 3 * DAY,
    item: `商品 ${n % 50}`,
    sku: `SKU-${n % 50}`,
    variant: '',
    qty: 1,
    unitPrice: 1980,
    amount: 1980,
    currency: 'JPY',
    recipient: `購入者 ${n}`,
    postalCode: '150-0001',
    address: '東京都渋谷区神宮前1-2-3',
    phone: '03-1234-5678',
  };
}

/** The seller's desk: every row ordered FINISH_AFTER_MS ago or more and still 新規受付 becomes 処理済, exported then. */
function finishRows(book: MemorySpreadsheet, now: number): void {
  const sheet = book.getSheet(ORDERS_SHEET_NAMES.ja);
  if (!sheet) return;
  const all = sheet.readAll();
  const { at } = discoverHeaders(all[0]);
  const ordered = at.orderedAt ?? 0;
  all.slice(1).forEach((r, i) => {
    if (r[at.status ?? 0] !== '新規受付') return;
    const t = r[ordered] instanceof Date ? (r[ordered] as Date).getTime() : Number.NaN;
    if (!(t <= now - FINISH_AFTER_MS)) return;
    sheet.edit(i + 2, (at.status ?? 0) + 1, '処理済');
    sheet.edit(i + 2, (at.exportedAt ?? 0) + 1, formatDateTime(t + FINISH_AFTER_MS, 'Asia/Tokyo'));
  });
}

export function runArchiveBench(archiveAfterDays: number, days = SIM_DAYS, perDay = ORDERS_PER_DAY): ArchiveRun {
  const clock = new VirtualClock(START);
  const model = new CostModel(clock, APPS_SCRIPT_RATES);
  const raw = new MemorySpreadsheet('Asia/Tokyo');
  const orders: OrderLine[] = [];
  const connector = simMall(orders);
  const settings = parseSettings(
    {
      locale: 'ja',
      timezone: 'Asia/Tokyo',
      archiveAfterDays,
      shops: [{ name: 'Sim 1号店', mall: 'sim', credentials: {}, fetch: { statuses: ['NEW'], days: 7 } }],
      carriers: [{ name: 'ヤマト運輸', sim: 'Yamato' }],
    },
    [connector],
  );
  const log = new MemoryLogger();
  const env: EngineEnv = {
    book: new CostedSpreadsheet(raw, model),
    http: { fetch: () => ({ status: 599, body: '', headers: {} }), fetchAll: () => [] },
    props: new CachedProperties(new CostedProperties(new MemoryProperties(), model)),
    lock: new MemoryLock(),
    clock,
    crypto: nodeCrypto,
    log,
    progress: { progress: () => undefined },
    triggers: new MemoryTriggers(),
    connectors: [connector],
    loadSettings: () => settings,
  };
  const out: ArchiveRun = {
    archiveAfterDays,
    samples: [],
    maxOrdersRows: 0,
    meanRunMsLast30: 0,
    archiveKeyReads: 0,
    firstRotation: null,
    steadyRotation: null,
  };
  let n = 0;
  let archived = 0;
  for (let day = 1; day <= days; day++) {
    const dayStart = START + (day - 1) * DAY;
    for (let i = 0; i < perDay; i++) orders.push(orderOf(n++, dayStart + Math.floor((i / perDay) * DAY)));
    clock.t = Math.max(clock.t, dayStart + DAY - 60_000);
    finishRows(raw, clock.now());
    const before = snapshot(model.meter);
    const t0 = clock.now();
    runFetch(env, { trigger: 'auto' });
    const m = meterDelta(model.meter, before);
    const rows = (name: string) => Math.max(0, (raw.getSheet(name)?.gridSize().rows ?? 1) - 1);
    const ordersRows = rows(ORDERS_SHEET_NAMES.ja);
    const archiveRows = rows(ARCHIVE_SHEET_NAMES.ja);
    const moved = archiveRows - archived;
    // a rotation reads the archive's header and keys; any other read of them is a fetch checking the key rule
    if (moved === 0 && (m.sheetCallsBy[`${ARCHIVE_SHEET_NAMES.ja} readBlock`] ?? 0) > 0) out.archiveKeyReads++;
    archived = archiveRows;
    const cost = { day, moved, simMs: clock.now() - t0, cellsWritten: m.cellsWritten };
    if (moved > 0 && !out.firstRotation) out.firstRotation = cost;
    else if (moved > 0 && day > days - 30 && !out.steadyRotation) out.steadyRotation = cost;
    out.maxOrdersRows = Math.max(out.maxOrdersRows, ordersRows);
    if (day > days - 30) out.meanRunMsLast30 += (clock.now() - t0) / Math.min(30, days);
    if ((SAMPLE_DAYS as readonly number[]).includes(day))
      out.samples.push({
        day,
        ordersRows,
        archiveRows,
        cellsRead: m.cellsRead,
        simMs: clock.now() - t0,
        sheetCalls: m.sheetCalls,
      });
  }
  return out;
}

const f1 = (n: number) => n.toFixed(1);
const k = (n: number) => n.toLocaleString('en');

/** The README's table. */
export function archiveTable(runs: ArchiveRun[]): string[] {
  const lines = [
    `${SIM_DAYS} simulated days, ${ORDERS_PER_DAY} orders a day, each finished (処理済) two days after it arrived and 3 % cancelled; one fetch run a day (the day's first timer run with something new), simulated Apps Script as in the end-to-end benchmark.`,
    '',
    `| archiveAfterDays | ${SAMPLE_DAYS.map((d) => `day ${d}: 受注一覧 rows / cells read / run`).join(' | ')} | most rows | mean run, last 30 days | runs reading the archive's keys | a rotation day (moved, cells written, run) |`,
    `|---|${SAMPLE_DAYS.map(() => '---|').join('')}---|---|---|---|`,
  ];
  for (const r of runs) {
    const cells = SAMPLE_DAYS.map((d) => {
      const s = r.samples.find((x) => x.day === d);
      return s ? `${k(s.ordersRows)} / ${k(s.cellsRead)} / ${f1(s.simMs / 1000)} s` : '-';
    });
    const rot = r.steadyRotation ?? r.firstRotation;
    lines.push(
      `| ${r.archiveAfterDays === 0 ? '0 (off)' : r.archiveAfterDays} | ${cells.join(' | ')} | ${k(r.maxOrdersRows)} | ${f1(r.meanRunMsLast30 / 1000)} s | ${r.archiveKeyReads} | ${rot ? `${k(rot.moved)} rows, ${k(rot.cellsWritten)} cells, ${f1(rot.simMs / 1000)} s` : '-'} |`,
    );
  }
  return lines;
}

export function archiveJson(runs: ArchiveRun[]): Record<string, unknown> {
  const archive: Record<string, unknown> = { days: SIM_DAYS, ordersPerDay: ORDERS_PER_DAY };
  for (const r of runs) archive[`after${r.archiveAfterDays}d`] = r;
  return { archive };
}

// Run as main, or when dist-node/bench.js (npm run bench) requires every built benchmark in turn.
if (runsAsBenchmark('archive')) {
  const runs = SETTINGS_DAYS.map((d) => runArchiveBench(d));
  console.log('');
  for (const l of archiveTable(runs)) console.log(l);
  console.log(`wrote ${writeBenchJson(archiveJson(runs))}`);
}
