import type { EngineEnv, RunReport } from '../../../src/engine';
import { readLog } from '../../../src/engine/log/log-sheet';
import { MemoryLock, MemoryTriggers } from '../../../src/engine/memory-ports';
import { ORDERS_SHEET_NAMES } from '../../../src/engine/orders/columns';
import { discoverHeaders } from '../../../src/engine/orders/headers';
import { readState } from '../../../src/engine/run/state';
import { parseSettings } from '../../../src/engine/settings/parse';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { formatDate } from '../../../src/engine/text/dates';
import { CONNECTORS } from '../../../src/malls';
import { nodeCrypto } from '../../../src/node/crypto';
import type {
  CellValue,
  HttpPort,
  HttpRequest,
  LayoutChange,
  PropertiesPort,
  SheetPort,
  SpreadsheetPort,
} from '../../../src/ports';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoQoo10Shop } from '../../../src/sandbox/qoo10';
import { rng } from '../../../src/sandbox/sample-data';
import { demoTemuShop } from '../../../src/sandbox/temu';
import { demoTikTokShop } from '../../../src/sandbox/tiktok';
import { orderRows, type SheetRow } from '../../support/sheet-rows';
import { SANDBOX_URL, sandboxWorld } from '../../support/worlds';

export { orderRows, type SheetRow };

/**
 * The engine, the real connectors and one in-process sandbox mall, with every port the engine touches
 * (sheet, HTTP, properties, triggers) behind a fuse that can kill the run at its Nth call, and an HTTP layer that
 * can lose requests or answers. Tests drive runs, then check the fault suite's invariants: no order lost, no key twice, no tracking sent twice, every failure visible.
 */

export type MallId = 'temu' | 'tiktok' | 'qoo10';
export const MALLS: MallId[] = ['temu', 'tiktok', 'qoo10'];
const SHOPS = { temu: demoTemuShop, tiktok: demoTikTokShop, qoo10: demoQoo10Shop } as const;

/** What a killed execution looks like from inside: the port call never returns. */
export class Killed extends Error {
  constructor(what: string) {
    super(`killed at ${what}`);
    this.name = 'Killed';
  }
}

/**
 * Counts port calls; at the Nth it blows, and every call after that throws too (the execution is gone:
 * nothing more reaches the sheet, the mall or the properties).
 */
export class Fuse {
  calls = 0;
  blown = false;
  private blowAt = Infinity;
  /** a glitch: only the Nth call fails (a timeout of one service call), the run goes on */
  private once = false;
  arm(n: number, once = false): void {
    this.calls = 0;
    this.blowAt = n;
    this.blown = false;
    this.once = once;
  }
  disarm(): void {
    this.blowAt = Infinity;
    this.blown = false;
  }
  /** A service call the fuse may blow: ticks, then makes the call. */
  through<R>(what: string, call: () => R): R {
    this.tick(what);
    return call();
  }
  tick(what: string): void {
    if (this.blown) throw new Killed(what);
    if (++this.calls === this.blowAt) {
      this.blown = !this.once;
      throw this.once ? new Error(`Service invoked: ${what} timed out`) : new Killed(what);
    }
  }
}

/** HTTP trouble that never reaches the sandbox's own fault controls: timeouts before or after the mall acted. */
export interface NetChaos {
  /** probability that a request times out before the mall sees it */
  lostRequest: number;
  /** probability that the mall acts but the answer is lost (the dangerous case for export) */
  lostAnswer: number;
}

export interface Hooks {
  /** runs before every request leaves (e.g. a second run starting meanwhile) */
  beforeSend?: () => void;
  /** runs when an answer arrived, before the engine sees it (e.g. the run dies right after the mall acted) */
  afterAnswer?: (req: HttpRequest) => void;
}

/** Simulated time a request takes (the cost model: ~250 ms per URL fetch; fetchAll in parallel). */
export const LATENCY_MS = 250;

export function world(
  mall: MallId,
  opts: { seed: number; orders: number; budgetMs: number; shop?: Record<string, unknown> },
) {
  const base = sandboxWorld({ seed: opts.seed, orders: opts.orders });
  const { clock, sandbox, props: rawProps, log } = base;
  const fuse = new Fuse();
  const random = rng(opts.seed * 7919 + 17);
  const chaos: NetChaos = { lostRequest: 0, lostAnswer: 0 };
  const hooks: Hooks = {};
  const rawBook = new MemorySpreadsheet('Asia/Tokyo');
  const shop = { ...SHOPS[mall](SANDBOX_URL), ...opts.shop };
  const settings = parseSettings(
    { locale: 'ja', timezone: 'Asia/Tokyo', shops: [shop], carriers: DEMO_CARRIERS },
    CONNECTORS,
  );
  const shopName = settings.shops[0].name;
  const lock = new MemoryLock();
  const triggers = new MemoryTriggers();
  const http = chaoticHttp(base.http, fuse, chaos, random, hooks, () => clock.advance(LATENCY_MS));
  const env: EngineEnv = {
    book: fusedBook(rawBook, fuse),
    http,
    props: fusedProps(rawProps, fuse),
    lock,
    clock,
    crypto: nodeCrypto,
    log,
    progress: { progress: () => undefined },
    triggers: {
      setTimer: (m) => fuse.through('triggers.setTimer', () => triggers.setTimer(m)),
      scheduleContinuation: (ms) =>
        fuse.through('triggers.scheduleContinuation', () => triggers.scheduleContinuation(ms)),
    },
    connectors: CONNECTORS,
    loadSettings: () => settings,
    budgetMs: opts.budgetMs,
  };
  const sbx = sandbox.mall(mall);
  return {
    mall,
    env,
    clock,
    sandbox: sbx,
    /** all sandbox malls, for typed reads of this one's 'orders' and 'state' */
    malls: sandbox,
    fuse,
    chaos,
    hooks,
    random,
    lock,
    triggers,
    log,
    props: rawProps,
    book: rawBook,
    shopName,
    http: base.http,
    state: () => readState(rawProps, shopName),
    rows: () => orderRows(rawBook),
    logRows: () => readLog(rawBook, 'Asia/Tokyo'),
  };
}

export type World = ReturnType<typeof world>;

function fusedBook(book: MemorySpreadsheet, fuse: Fuse): SpreadsheetPort {
  const wrap = (sheet: SheetPort | null): SheetPort | null =>
    sheet && {
      name: sheet.name,
      readAll: () => {
        fuse.tick(`${sheet.name}.readAll`);
        return sheet.readAll();
      },
      readBlock: (row: number, col: number, rows: number | null, cols: number | null) => {
        fuse.tick(`${sheet.name}.readBlock`);
        return sheet.readBlock(row, col, rows, cols);
      },
      gridSize: () => {
        fuse.tick(`${sheet.name}.gridSize`);
        return sheet.gridSize();
      },
      writeBlock: (row: number, col: number, values: CellValue[][]) => {
        fuse.tick(`${sheet.name}.writeBlock`);
        sheet.writeBlock(row, col, values);
      },
      setFormats: (row: number, col: number, formats: string[][]) => {
        fuse.tick(`${sheet.name}.setFormats`);
        sheet.setFormats(row, col, formats);
      },
      applyLayout: (change: LayoutChange) => {
        fuse.tick(`${sheet.name}.applyLayout`);
        sheet.applyLayout(change);
      },
      setNotes: (row: number, col: number, notes: (string | null)[][]) => {
        fuse.tick(`${sheet.name}.setNotes`);
        sheet.setNotes(row, col, notes);
      },
    };
  return {
    getSheet: (name) => {
      fuse.tick('getSheet');
      return wrap(book.getSheet(name));
    },
    insertSheet: (name) => {
      fuse.tick('insertSheet');
      return wrap(book.insertSheet(name))!;
    },
  };
}

function fusedProps(props: PropertiesPort, fuse: Fuse): PropertiesPort {
  return {
    get: (k) => fuse.through('props.get', () => props.get(k)),
    set: (k, v) => fuse.through('props.set', () => props.set(k, v)),
    delete: (k) => fuse.through('props.delete', () => props.delete(k)),
    keys: () => fuse.through('props.keys', () => props.keys()),
  };
}

/** The fuse ticks before sending and again when the answer arrives: a kill may fall after the mall acted. */
function chaoticHttp(
  http: HttpPort,
  fuse: Fuse,
  chaos: NetChaos,
  random: () => number,
  hooks: Hooks,
  wait: () => void,
): HttpPort {
  const one = (req: HttpRequest) => {
    hooks.beforeSend?.();
    fuse.tick('http.send');
    if (random() < chaos.lostRequest) throw new Error('Timeout: the request did not reach the mall');
    const res = http.fetch(req);
    hooks.afterAnswer?.(req);
    fuse.tick('http.answer');
    if (random() < chaos.lostAnswer) throw new Error('Timeout: no answer (the mall may have acted)');
    return res;
  };
  return {
    fetch: (req) => {
      wait();
      return one(req);
    },
    fetchAll: (reqs) => {
      wait();
      return reqs.map(one);
    },
  };
}

/**
 * The seller types tracking numbers for about half of the orders whose rows all await shipment; each
 * order gets its own number (a number reused for another buyer is refused by every mall).
 */
export function fillTracking(w: World, share = 0.5): number {
  const sheet = w.book.getSheet(ORDERS_SHEET_NAMES.ja);
  if (!sheet) return 0;
  const header = sheet.readAll()[0];
  const { at } = discoverHeaders(header);
  const byOrder = new Map<string, SheetRow[]>();
  for (const r of w.rows()) byOrder.set(r.orderId, [...(byOrder.get(r.orderId) ?? []), r]);
  const today = formatDate(w.clock.now(), 'Asia/Tokyo');
  let filled = 0;
  for (const [orderId, rows] of byOrder) {
    if (!rows.every((r) => r.status === '新規受付' && r.tracking === '')) continue;
    if (w.random() >= share) continue;
    const number = `TR${orderId.replace(/[^0-9A-Za-z]/g, '')}`;
    for (const r of rows) {
      sheet.writeBlock(r.sheetRow, at.tracking! + 1, [[number]]);
      sheet.writeBlock(r.sheetRow, at.shippedOn! + 1, [[today]]);
      filled++;
    }
  }
  return filled;
}

/** The faults every sandbox mall can inject (its 'fault' control, one call shape for all). */
export type FaultKind = 500 | 503 | 429 | 'malformed';
export function injectFault(w: World, kind: FaultKind, count: number): void {
  w.malls.control(w.mall, 'fault', { kind, count });
}

/** Every line key the mall holds that the shop's fetch selects (statuses, `days`): what the sheet must show. */
export function expectedKeys(w: World): string[] {
  const key = (order: string, line: string) => `${order}\u0000${line}`;
  const since = w.clock.now() - 7 * 86_400_000;
  if (w.mall === 'temu') {
    return w.malls
      .orders('temu')
      .filter((o) => o.status === 2 && o.createdAt * 1000 >= since)
      .flatMap((o) => o.children.map((c) => key(o.parentOrderSn, c.orderSn)));
  }
  if (w.mall === 'tiktok') {
    return w.malls
      .orders('tiktok')
      .filter((o) => (o.status === 'ON_HOLD' || o.status === 'AWAITING_SHIPMENT') && o.createTime * 1000 >= since)
      .flatMap((o) => o.lineItemIds.map((id) => key(o.id, id)));
  }
  return w.malls
    .orders('qoo10')
    .filter((p) => (p.status === 2 || p.status === 3) && p.claim !== '3' && p.claim !== '16' && p.orderDate >= since)
    .flatMap((p) => p.orderNos.map((n) => key(p.packNo, n)));
}

/** Keys in the sheet, TikTok's comma-joined line item ids split into one key each. */
export function sheetKeys(w: World): string[] {
  return w.rows().flatMap((r) => r.lineId.split(',').map((id) => `${r.orderId}\u0000${id}`));
}

/** How many times the mall accepted a tracking number for each line (from the sandbox's 'state'). */
export function acceptedPerLine(w: World): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  if (w.mall === 'temu')
    for (const s of w.malls.state('temu').shipments)
      for (const p of s.packages) for (const l of p.lines) add(l.orderSn);
  else if (w.mall === 'tiktok')
    for (const s of w.malls.state('tiktok').shipments) for (const id of s.lineItemIds) add(id);
  else for (const s of w.malls.state('qoo10').shipments) add(s.orderNo);
  return counts;
}

/**
 * Runs until done, bounded: a fetch is done when no window is left unfinished and the shop fetched
 * cleanly; an export when a run had nothing more to send.
 */
export function runUntilDone(w: World, run: (w: World) => RunReport, maxRuns = 40): RunReport[] {
  const reports: RunReport[] = [];
  for (let i = 0; i < maxRuns; i++) {
    w.triggers.continuations.length = 0;
    const report = run(w);
    reports.push(report);
    w.clock.advance(60_000);
    const exporting = report.shops.some((s) => s.action === 'export');
    const done = exporting
      ? report.shops.every((s) => s.exported === 0)
      : !w.state().resume && report.shops.every((s) => s.ok) && w.triggers.continuations.length === 0;
    if (done) return reports;
  }
  throw new Error(`${w.mall}: not done after ${maxRuns} runs: ${JSON.stringify(reports[reports.length - 1])}`);
}

/** true when the marker of a run started at `start` is still set: the run was cut off before its Log row. */
export function cutOff(w: World, start: number): boolean {
  const raw = w.props.get('engine:running');
  return raw !== null && (JSON.parse(raw) as { start: number }).start === start;
}
