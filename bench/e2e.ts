/**
 * End-to-end benchmark: a 10,000-order backlog across the three sandbox malls through the real
 * engine, on a simulated Apps Script cost model (src/engine/sim/cost-model.ts), side by side with a naive
 * importer (bench/naive-importer.ts) on the same sandbox data and the same model.
 *
 * MallSheet: one manual fetch, then continuation runs as Apps Script would start them (onContinue →
 * runTimer) until no shop has a resume cursor; then a seller fills tracking numbers (as `mallsheet demo`
 * does) and exports, pressing Export again while rows are left. The naive importer runs until one of its
 * executions ends by itself rather than at the 6-minute kill.
 */
import { type EngineEnv, type RunReport, readState, runExport, runFetch, runTimer } from '../src/engine';
import { CachedProperties } from '../src/engine/cached-properties';
import { MemoryLock, MemoryLogger, MemoryProperties, MemoryTriggers, VirtualClock } from '../src/engine/memory-ports';
import { ORDERS_SHEET_NAMES } from '../src/engine/orders/columns';
import { discoverHeaders } from '../src/engine/orders/headers';
import { buildShopContext } from '../src/engine/run/shop-context';
import { DEFAULT_BUDGET_MS } from '../src/engine/run/with-run';
import type { Settings } from '../src/engine/settings/schema';
import { loadSettingsFromBook } from '../src/engine/settings/tab';
import { MemorySpreadsheet } from '../src/engine/sheet/memory-sheet';
import {
  APPS_SCRIPT_RATES,
  CostedHttp,
  CostedProperties,
  CostedSpreadsheet,
  CostedToasts,
  CostModel,
  type Meter,
  meterDelta,
  snapshot,
} from '../src/engine/sim/cost-model';
import { CONNECTORS } from '../src/malls';
import { CANCEL_CLAIM_STATS, MAX_WINDOW_MS } from '../src/malls/qoo10/protocol';
import { type Qoo10Status, STATUS_CODES } from '../src/malls/qoo10/statuses';
import { TEMU_RATE_PER_SECOND } from '../src/malls/temu/client';
import { TEMU_STATUS_CODES, type TemuStatusName } from '../src/malls/temu/statuses';
import { nodeCrypto } from '../src/node/crypto';
import { fillTrackingAsSeller } from '../src/node/demo';
import type { HttpRequest } from '../src/ports';
import { demoSettings } from '../src/sandbox/demo-config';
import { InProcessHttp, Sandbox, toSandboxRequest } from '../src/sandbox/sandbox';
import type { SandboxRequest, SandboxResponse } from '../src/sandbox/types';
import { storeSecrets } from '../src/ui/server/secrets';
import { SettingsTabDocument } from '../src/ui/server/settings-tab-document';
import { ExecutionKilled, NAIVE_SHEET, type NaiveShop, naiveRun } from './naive-importer';
import { runsAsBenchmark } from './support/entry';

export const BENCH_ORDERS_PER_MALL = 3_334;
const BASE_URL = 'http://127.0.0.1:8787';
const START = Date.UTC(2026, 10, 22, 0, 0, 0);
const DAY_MS = 86_400_000;
/** The shops' fetch window: long enough to cover every sandbox order (they go back up to 10 days). */
const BENCH_DAYS = 14;
/** Apps Script ends an execution at 6 minutes (consumer accounts). */
export const HARD_LIMIT_MS = 360_000;
/** fetchAll parallelism per mall = its rate limit (specs: Temu §5 20/s per app key, TikTok §5 50 QPS per API, Qoo10 §5 ~300 ms apart). */
const PARALLEL: Record<string, number> = { temu: TEMU_RATE_PER_SECOND, tiktok: 50, qoo10: 1 };
/** more runs than this means something never finishes: the bench stops and says so */
const MAX_RUNS = 60;

// ---- the world: sandbox malls, a workbook with the Settings tab, ports on the cost model ----

/** The sandbox malls, counting what each receives (the malls' own side of the URL-fetch count). */
export class CountingSandbox extends Sandbox {
  readonly received: Record<string, number> = {};
  readonly receivedByApi: Record<string, number> = {};

  override handle(req: SandboxRequest): SandboxResponse {
    const mall = this.malls.find((m) => m.handles(req));
    if (mall) {
      this.received[mall.id] = (this.received[mall.id] ?? 0) + 1;
      const api = `${mall.id} ${apiName(mall.id, req)}`;
      this.receivedByApi[api] = (this.receivedByApi[api] ?? 0) + 1;
    }
    return super.handle(req);
  }

  mallOf(req: HttpRequest): string {
    const r = toSandboxRequest(req);
    return this.malls.find((m) => m.handles(r))?.id ?? 'other';
  }
}

function apiName(mall: string, req: SandboxRequest): string {
  if (mall === 'temu') {
    try {
      return String((JSON.parse(req.body) as { type?: unknown }).type ?? '?');
    } catch {
      return '?';
    }
  }
  if (mall === 'qoo10') return req.path.slice(req.path.lastIndexOf('/') + 1);
  return req.path
    .replace(/\/orders\/\d+\//, '/orders/{id}/')
    .replace(/\/(warehouses|delivery_options)\/[^/]+\//, '/$1/{id}/');
}

export interface World {
  clock: VirtualClock;
  sandbox: CountingSandbox;
  model: CostModel;
  /** the workbook and properties without costs (what a seller types; what the bench inspects) */
  rawBook: MemorySpreadsheet;
  rawProps: MemoryProperties;
  env: EngineEnv;
  log: MemoryLogger;
  triggers: MemoryTriggers;
  settings: Settings;
}

/**
 * A world as Apps Script would have it: the demo shops saved through the Settings tab (secrets in document
 * properties, as the sidebar saves them) and the engine reading them back on every run (src/gas/env.ts).
 */
export function benchWorld(opts: { ordersPerMall: number; seed?: number; start?: number }): World {
  const clock = new VirtualClock(opts.start ?? START);
  const sandbox = new CountingSandbox({ now: () => clock.now(), seed: opts.seed ?? 7, orders: opts.ordersPerMall });
  const model = new CostModel(clock, APPS_SCRIPT_RATES);
  const rawBook = new MemorySpreadsheet('Asia/Tokyo');
  const rawProps = new MemoryProperties();
  saveDemoSettings(rawBook, rawProps);
  const log = new MemoryLogger();
  const triggers = new MemoryTriggers();
  const book = new CostedSpreadsheet(rawBook, model);
  // as src/gas/env.ts builds it: one getProperties per run, then reads from memory
  const props = new CachedProperties(new CostedProperties(rawProps, model));
  const http = new CostedHttp(new InProcessHttp(sandbox), model, {
    labelOf: (r) => sandbox.mallOf(r),
    parallelism: (mall) => PARALLEL[mall] ?? 1,
  });
  const env: EngineEnv = {
    book,
    http,
    props,
    lock: new MemoryLock(),
    clock,
    crypto: nodeCrypto,
    log,
    progress: new CostedToasts(log, model),
    triggers,
    connectors: CONNECTORS,
    loadSettings: () => loadSettingsFromBook(book, props, CONNECTORS),
    budgetMs: DEFAULT_BUDGET_MS,
  };
  return {
    clock,
    sandbox,
    model,
    rawBook,
    rawProps,
    env,
    log,
    triggers,
    settings: loadSettingsFromBook(rawBook, rawProps, CONNECTORS),
  };
}

function saveDemoSettings(book: MemorySpreadsheet, props: MemoryProperties): void {
  const demo = demoSettings(BASE_URL) as {
    locale: string;
    timezone: string;
    shops: Record<string, unknown>[];
    carriers: Record<string, unknown>[];
  };
  const shops = demo.shops.map((shop) => {
    const connector = CONNECTORS.find((c) => c.id === shop.mall)!;
    const creds = shop.credentials as Record<string, string>;
    const secret = new Set(connector.credentialFields.filter((f) => f.secret).map((f) => f.key));
    storeSecrets(
      props,
      null,
      String(shop.name),
      connector,
      Object.fromEntries(Object.entries(creds).filter(([k]) => secret.has(k))),
    );
    const fetch = { ...(shop.fetch as Record<string, unknown>), days: BENCH_DAYS };
    return { ...shop, fetch, credentials: Object.fromEntries(Object.entries(creds).filter(([k]) => !secret.has(k))) };
  });
  new SettingsTabDocument(book, props, CONNECTORS).write({ ...demo, shops });
}

// ---- runs ----

export interface RunMeasure {
  kind: 'fetch' | 'timer' | 'export' | 'naive';
  ms: number;
  meter: Meter;
  /** the naive importer was killed at the 6-minute limit */
  killed?: boolean;
  report?: RunReport;
}

function measure(world: World, kind: RunMeasure['kind'], body: () => RunReport): RunMeasure {
  const t0 = world.clock.now();
  const m0 = snapshot(world.model.meter);
  const report = body();
  return { kind, ms: world.clock.now() - t0, meter: meterDelta(world.model.meter, m0), report };
}

/** Waits for the continuation the run scheduled (as Apps Script's one-off trigger would). */
function awaitContinuation(world: World): void {
  world.clock.advance(world.triggers.continuations[world.triggers.continuations.length - 1] ?? 60_000);
}

function resuming(world: World): string[] {
  return world.settings.shops.filter((s) => readState(world.rawProps, s.name).resume !== undefined).map((s) => s.name);
}

export interface FetchPhase {
  runs: RunMeasure[];
  /** shops still with a resume cursor when the bench stopped (empty when the backlog finished) */
  unfinished: string[];
  /** distinct orders (ショップ + 注文番号) and rows in 受注一覧 */
  orders: Record<string, number>;
  rows: number;
  /** the API minimum for the first run's window */
  minimum: Record<string, Minimum>;
}

export function mallsheetFetch(world: World): FetchPhase {
  const minimum = fetchMinimum(world);
  const runs = [measure(world, 'fetch', () => runFetch(world.env, { trigger: 'manual' }))];
  while (resuming(world).length > 0 && runs.length < MAX_RUNS) {
    awaitContinuation(world);
    runs.push(measure(world, 'timer', () => runTimer(world.env)));
  }
  const { orders, rows } = sheetOrders(world);
  return { runs, unfinished: resuming(world), orders, rows, minimum };
}

export interface ExportPhase {
  runs: RunMeasure[];
  filled: number;
  exported: number;
  failed: number;
  minimum: Record<string, Minimum>;
}

export function mallsheetExport(world: World): ExportPhase {
  const filled = fillTrackingAsSeller(world.rawBook, world.settings.timezone, world.clock.now());
  const runs: RunMeasure[] = [];
  let exported = 0;
  let failed = 0;
  while (exported < filled && runs.length < MAX_RUNS) {
    const run = measure(world, 'export', () => runExport(world.env, { trigger: 'manual' }));
    runs.push(run);
    const sent = run.report!.shops.reduce((n, s) => n + s.exported, 0);
    exported += sent;
    failed = run.report!.shops.reduce((n, s) => n + s.failed, 0);
    if (sent === 0) break;
    world.clock.advance(60_000);
  }
  return { runs, filled, exported, failed, minimum: exportMinimum(world) };
}

export interface NaivePhase {
  runs: RunMeasure[];
  complete: boolean;
  rows: number;
}

export function naiveImport(world: World): NaivePhase {
  const runs: RunMeasure[] = [];
  let complete = false;
  while (!complete && runs.length < MAX_RUNS) {
    const t0 = world.clock.now();
    const m0 = snapshot(world.model.meter);
    const killAt = t0 + HARD_LIMIT_MS;
    const alive = () => {
      if (world.clock.now() > killAt) throw new ExecutionKilled();
    };
    const shops: NaiveShop[] = world.settings.shops.map((shop) => ({
      mall: shop.mall as NaiveShop['mall'],
      ctx: buildShopContext(world.env, world.settings, shop, killAt, true, (s) => s),
    }));
    const window = { from: t0 - BENCH_DAYS * DAY_MS, to: t0 };
    let killed = false;
    try {
      naiveRun(world.env.book, shops, window, alive);
      complete = true;
    } catch (e) {
      if (!(e instanceof ExecutionKilled)) throw e;
      killed = true;
    }
    runs.push({
      kind: 'naive',
      ms: Math.min(world.clock.now(), killAt) - t0,
      meter: meterDelta(world.model.meter, m0),
      killed,
    });
    world.clock.advance(60_000);
  }
  const rows = Math.max(0, (world.rawBook.getSheet(NAIVE_SHEET)?.readAll().length ?? 1) - 1);
  return { runs, complete, rows };
}

function sheetOrders(world: World): { orders: Record<string, number>; rows: number } {
  const sheet = world.rawBook.getSheet(ORDERS_SHEET_NAMES.ja);
  const grid = sheet?.readAll() ?? [];
  if (grid.length < 2) return { orders: {}, rows: 0 };
  const { at } = discoverHeaders(grid[0]);
  const byMall: Record<string, Set<string>> = {};
  const mallOf = new Map(world.settings.shops.map((s) => [s.name, s.mall]));
  for (const row of grid.slice(1)) {
    const shop = String(row[at.shop!]);
    const mall = mallOf.get(shop) ?? shop;
    byMall[mall] ??= new Set();
    byMall[mall].add(String(row[at.orderId!]));
  }
  return { orders: Object.fromEntries(Object.entries(byMall).map(([m, s]) => [m, s.size])), rows: grid.length - 1 };
}

// ---- the minimum the APIs allow ----

export interface Minimum {
  /** list / search pages (at least one per status pass, even when empty) */
  pages: number;
  /** calls the API needs per order (Temu details; export: one per shipment) */
  perOrder: number;
  /** once per fetch: token, key or expiry lookups the product needs */
  setup: number;
  total: number;
}

const pagesOf = (n: number, size = 100) => Math.max(1, Math.ceil(n / size));
const minimumOf = (pages: number, perOrder: number, setup: number): Minimum => ({
  pages,
  perOrder,
  setup,
  total: pages + perOrder + setup,
});

/**
 * What each mall's API needs at the least for the first run's window (each connector's fetch.ts):
 * - Temu: list pages per fetch status, a CANCELED pass (cancellations of earlier rows, docs/contract.md §3),
 *   bg.order.shippinginfo.v2.get + bg.order.amount.query per parent (the list has neither), and one
 *   token-info call (有効期限, docs/contract.md §3);
 * - TikTok: Search Orders pages per status and a CANCELLED pass, plus the token refresh and the
 *   authorized-shop lookup a fresh authorization needs;
 * - Qoo10: one GetShippingInfo_v3 per status (one for all of 1–3) and one GetClaimInfo_V3 per cancel ClaimStat per 90-day
 *   window (no paging), plus issuing the seller auth key.
 */
export function fetchMinimum(world: World): Record<string, Minimum> {
  const now = world.clock.now();
  const out: Record<string, Minimum> = {};
  for (const shop of world.settings.shops) {
    const from = now - shop.fetch.days * DAY_MS;
    if (shop.mall === 'temu') {
      const orders = world.sandbox.orders('temu');
      const [a, b] = [Math.floor(from / 1000), Math.ceil(now / 1000)];
      const count = (code: number) =>
        orders.filter((o) => o.status === code && o.createdAt >= a && o.createdAt <= b).length;
      const statuses = shop.fetch.statuses as TemuStatusName[];
      const passes = statuses.includes('CANCELED') ? statuses : [...statuses, 'CANCELED' as const];
      const pages = passes.reduce((n, s) => n + pagesOf(count(TEMU_STATUS_CODES[s])), 0);
      const perOrder = statuses.reduce((n, s) => n + 2 * count(TEMU_STATUS_CODES[s]), 0);
      out.temu = minimumOf(pages, perOrder, 1);
    } else if (shop.mall === 'tiktok') {
      const orders = world.sandbox.orders('tiktok');
      const [a, b] = [Math.ceil(from / 1000), Math.ceil(now / 1000)];
      const passes = shop.fetch.statuses.includes('CANCELLED')
        ? shop.fetch.statuses
        : [...shop.fetch.statuses, 'CANCELLED'];
      const pages = passes.reduce(
        (n, s) => n + pagesOf(orders.filter((o) => o.status === s && o.createTime >= a && o.createTime < b).length),
        0,
      );
      out.tiktok = minimumOf(pages, 0, 2);
    } else if (shop.mall === 'qoo10') {
      const windows = Math.ceil((now - from) / MAX_WINDOW_MS);
      const codes = new Set<string>(shop.fetch.statuses.map((s) => STATUS_CODES[s as Qoo10Status]));
      // ShippingStatus 0 returns 1–3 in one call (docs/malls/qoo10.md §3 v3 request)
      const lists = codes.size > 1 && [...codes].every((c) => c <= '3') ? 1 : codes.size;
      out.qoo10 = minimumOf(windows * (lists + CANCEL_CLAIM_STATS.length), 0, 1);
    }
  }
  return out;
}

/**
 * Export: one call per shipment (no mall has a batch call: Temu per parent, TikTok per order and tracking
 * number, Qoo10 per OrderNo), plus the lookups each needs once: Temu carrier list and warehouse (the
 * region comes from settings); TikTok Get Order Detail per 50 orders and the delivery option's providers;
 * Qoo10 none (the seller auth key is cached from the fetch).
 */
export function exportMinimum(world: World): Record<string, Minimum> {
  const sheet = world.rawBook.getSheet(ORDERS_SHEET_NAMES.ja);
  const grid = sheet?.readAll() ?? [];
  const out: Record<string, Minimum> = {};
  if (grid.length < 2) return out;
  const { at } = discoverHeaders(grid[0]);
  const mallOf = new Map(world.settings.shops.map((s) => [s.name, s.mall]));
  const shipments: Record<string, Set<string>> = {};
  const orders: Record<string, Set<string>> = {};
  for (const row of grid.slice(1)) {
    if (String(row[at.exportedAt!]) === '') continue;
    const mall = mallOf.get(String(row[at.shop!])) ?? '';
    const order = String(row[at.orderId!]);
    const key =
      mall === 'temu'
        ? order
        : mall === 'tiktok'
          ? `${order}\u0000${String(row[at.tracking!])}`
          : String(row[at.lineId!]);
    shipments[mall] ??= new Set();
    shipments[mall].add(key);
    orders[mall] ??= new Set();
    orders[mall].add(order);
  }
  for (const [mall, set] of Object.entries(shipments)) {
    const lookups = mall === 'temu' ? 2 : mall === 'tiktok' ? Math.ceil(orders[mall].size / 50) + 1 : 0;
    out[mall] = minimumOf(0, set.size, lookups);
  }
  return out;
}

// ---- the whole bench and its table ----

export interface E2eResult {
  ordersPerMall: number;
  fetch: FetchPhase;
  export: ExportPhase;
  naive: NaivePhase;
  /** a manual fetch after the export that finds nothing new: what a run that changed nothing costs */
  idle: RunMeasure;
  /** the sandboxes' own count of requests received, per mall, by world */
  received: { mallsheet: Record<string, number>; naive: Record<string, number> };
  receivedByApi: Record<string, number>;
}

export function runE2eBench(opts: { ordersPerMall?: number; seed?: number; start?: number } = {}): E2eResult {
  const ordersPerMall = opts.ordersPerMall ?? BENCH_ORDERS_PER_MALL;
  const start = opts.start ?? START;
  const ms = benchWorld({ ordersPerMall, seed: opts.seed, start });
  const fetch = mallsheetFetch(ms);
  const exp = mallsheetExport(ms);
  const idle = measure(ms, 'fetch', () => runFetch(ms.env, { trigger: 'manual' }));
  // its own world and its own time (MallHttp's send log is per process, keyed by app key)
  const nv = benchWorld({ ordersPerMall, seed: opts.seed, start: start + 30 * DAY_MS });
  const naive = naiveImport(nv);
  return {
    ordersPerMall,
    fetch,
    export: exp,
    naive,
    idle,
    received: { mallsheet: { ...ms.sandbox.received }, naive: { ...nv.sandbox.received } },
    receivedByApi: { ...ms.sandbox.receivedByApi },
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
const int = (n: number) => Math.round(n).toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (n: number, of: number) => `${n >= of ? '+' : ''}${(((n - of) / of) * 100).toFixed(1)} %`;
const verdict = (ok: boolean) => (ok ? '**PASS**' : '**MISS**');
const sheetCalls = (r: RunMeasure) => r.meter.sheetCalls;
const totalMin = (m: Record<string, Minimum>) => sum(Object.values(m).map((x) => x.total));

/** The issue's targets (#7), each PASS or MISS, for the import and for the export. */
export interface Targets {
  /** every run under 5 simulated minutes */
  importRunTime: boolean;
  exportRunTime: boolean;
  /** URL fetches within 5 % of the APIs' minimum */
  importNearMinimum: boolean;
  exportNearMinimum: boolean;
  /** spreadsheet calls per run ≤ 10 */
  importSheetCalls: boolean;
  exportSheetCalls: boolean;
  /** at least 100× fewer spreadsheet calls than the naive importer for the same import */
  fewerSheetCalls: boolean;
  /** a run that changed nothing sets no layout (docs/contract.md §2 Layout: once per tab) */
  idleNoLayout: boolean;
}

export function targetsOf(r: E2eResult): Targets {
  const underFive = (runs: RunMeasure[]) => max(runs.map((x) => x.ms)) < 300_000;
  const nearMin = (runs: RunMeasure[], m: Record<string, Minimum>) =>
    sum(runs.map((x) => x.meter.fetches)) <= totalMin(m) * 1.05;
  const fewCalls = (runs: RunMeasure[]) => max(runs.map(sheetCalls)) <= 10;
  return {
    importRunTime: underFive(r.fetch.runs),
    exportRunTime: underFive(r.export.runs),
    importNearMinimum: nearMin(r.fetch.runs, r.fetch.minimum),
    exportNearMinimum: nearMin(r.export.runs, r.export.minimum),
    importSheetCalls: fewCalls(r.fetch.runs),
    exportSheetCalls: fewCalls(r.export.runs),
    fewerSheetCalls: sum(r.naive.runs.map(sheetCalls)) >= 100 * sum(r.fetch.runs.map(sheetCalls)),
    idleNoLayout: r.idle.meter.layoutCalls === 0,
  };
}

/** The comparison as markdown lines (the README shows them). */
export function e2eTable(r: E2eResult): string[] {
  const f = r.fetch.runs;
  const e = r.export.runs;
  const n = r.naive.runs;
  const orders = sum(Object.values(r.fetch.orders));
  const minFetch = totalMin(r.fetch.minimum);
  const minExport = totalMin(r.export.minimum);
  const fetches = (runs: RunMeasure[]) => sum(runs.map((x) => x.meter.fetches));
  const t = targetsOf(r);
  const rates = APPS_SCRIPT_RATES;
  const times = (runs: RunMeasure[]) =>
    `${secs(max(runs.map((x) => x.ms)))} max, ${secs(sum(runs.map((x) => x.ms)) / Math.max(1, runs.length))} mean`;
  const calls = (runs: RunMeasure[]) => `${max(runs.map(sheetCalls))} max, ${int(sum(runs.map(sheetCalls)))} in all`;
  const perOrder = (k: number) => `${int(k)} (${(k / orders).toFixed(2)} per order)`;
  const others = (runs: RunMeasure[]) =>
    `${max(runs.map((x) => x.meter.sheetLookups))} / ${max(runs.map((x) => x.meter.toasts))} / ${int(max(runs.map((x) => x.meter.propertyCalls)))}`;
  const layouts = (runs: RunMeasure[]) =>
    `${runs[0]?.meter.layoutCalls ?? 0} on the run that made the tabs, ${max(runs.slice(1).map((x) => x.meter.layoutCalls))} on the others`;
  const killed = n.filter((x) => x.killed).length;
  const naiveCalls = sum(n.map(sheetCalls));
  const myCalls = sum(f.map(sheetCalls));
  return [
    `${int(r.ordersPerMall * 3)} sandbox orders (${int(r.ordersPerMall)} per mall), ${int(orders)} of them in the shops' fetch statuses (${int(r.fetch.rows)} rows); ` +
      `simulated Apps Script: ${rates.fetchMs} ms per fetch or fetchAll wave, ${rates.sheetCallMs} ms per spreadsheet call + ${rates.readCellMs} ms per cell read / ${rates.writeCellMs} ms per cell written, ` +
      `${rates.propertyReadMs} / ${rates.propertyWriteMs} ms per properties read / write; 4.5-minute budget; runs killed at 6 minutes.`,
    '',
    '| import | MallSheet | naive importer | target |',
    '|---|---|---|---|',
    `| runs needed | ${f.length}${r.fetch.unfinished.length ? ` (still resuming: ${r.fetch.unfinished.join(', ')})` : ''} | ${n.length}${r.naive.complete ? '' : ' (gave up)'}, ${killed} killed at 6 min | |`,
    `| simulated time per run | ${times(f)} | ${times(n)} | < 5 min ${verdict(t.importRunTime)} |`,
    `| URL fetches | ${perOrder(fetches(f))} | ${perOrder(fetches(n))} | |`,
    `| APIs' minimum | ${perOrder(minFetch)} | ${perOrder(minFetch)} | |`,
    `| fetches over the minimum | ${pct(fetches(f), minFetch)} | ${pct(fetches(n), minFetch)} | ≤ +5 % ${verdict(t.importNearMinimum)} |`,
    `| spreadsheet calls per run | ${calls(f)} | ${calls(n)} | ≤ 10 ${verdict(t.importSheetCalls)} |`,
    `| naive ÷ MallSheet spreadsheet calls | ${(naiveCalls / Math.max(1, myCalls)).toFixed(0)}× fewer | | ≥ 100× ${verdict(t.fewerSheetCalls)} |`,
    `| sheet lookups / toasts / properties calls per run (max) | ${others(f)} | ${others(n)} | |`,
    `| layout calls (docs/contract.md §2 Layout, apart from the above) | ${layouts(f)} | | once per tab |`,
    `| a later fetch that changed nothing: sheet calls / layout calls | ${r.idle.meter.sheetCalls} / ${r.idle.meter.layoutCalls} | | 0 layout calls ${verdict(t.idleNoLayout)} |`,
    '',
    '| export | MallSheet | | target |',
    '|---|---|---|---|',
    `| rows with tracking numbers → sent | ${int(r.export.filled)} → ${int(r.export.exported)} (${int(r.export.failed)} refused in the last run) | | |`,
    `| runs needed | ${e.length} | | |`,
    `| simulated time per run | ${times(e)} | | < 5 min ${verdict(t.exportRunTime)} |`,
    `| URL fetches vs the APIs' minimum | ${int(fetches(e))} vs ${int(minExport)} (${pct(fetches(e), minExport)}) | | ≤ +5 % ${verdict(t.exportNearMinimum)} |`,
    `| spreadsheet calls per run | ${calls(e)} | | ≤ 10 ${verdict(t.exportSheetCalls)} |`,
    `| sheet lookups / toasts / properties calls per run (max) | ${others(e)} | | |`,
  ];
}

/** One line per MallSheet run: where the time and the calls went. */
export function runDetails(r: E2eResult): string[] {
  const line = (x: RunMeasure, i: number) => {
    const m = x.meter;
    const by = Object.entries(m.fetchesBy)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const calls = Object.entries(m.sheetCallsBy)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const rows = x.report
      ? `; rows ${x.report.shops.map((s) => `${s.shop} ${s.action === 'export' ? `${s.exported} sent/${s.failed} failed` : `${s.fetched} fetched`}`).join(', ')}`
      : '';
    return `  ${x.kind} #${i + 1}: ${secs(x.ms)}; fetches ${m.fetches} in ${m.waves} waves (${by || '-'}); sheet calls ${m.sheetCalls} (${calls}) +${m.layoutCalls} layout +${m.sheetLookups} lookups, ${m.toasts} toasts; cells read ${int(m.cellsRead)} / written ${int(m.cellsWritten)}; properties calls ${m.propertyCalls}${rows}`;
  };
  const mins = (label: string, m: Record<string, Minimum>) =>
    `${label} minimum by mall: ${Object.entries(m)
      .map(([k, v]) => `${k} ${v.total} (pages ${v.pages}, per order ${v.perOrder}, setup ${v.setup})`)
      .join('; ')}`;
  return [
    ...r.fetch.runs.map(line),
    ...r.export.runs.map(line),
    mins('fetch', r.fetch.minimum),
    mins('export', r.export.minimum),
    `requests received by the sandbox malls: ${Object.entries(r.receivedByApi)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
}

// Run as main, or when dist-node/bench.js (npm run bench) requires every built benchmark in turn.
if (runsAsBenchmark('e2e')) {
  const result = runE2eBench();
  for (const l of e2eTable(result)) console.log(l);
  console.log('');
  for (const l of runDetails(result)) console.log(l);
}
