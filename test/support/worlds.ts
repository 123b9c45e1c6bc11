import type { EngineEnv } from '../../src/engine';
import type { MallConnector, ShopContext } from '../../src/engine/connector';
import {
  MemoryLock,
  MemoryLogger,
  MemoryProperties,
  MemoryTriggers,
  PrefixedProperties,
  VirtualClock,
} from '../../src/engine/memory-ports';
import { type ColumnId, ORDERS_SHEET_NAMES } from '../../src/engine/orders/columns';
import { discoverHeaders } from '../../src/engine/orders/headers';
import { parseSettings } from '../../src/engine/settings/parse';
import type { CarrierEntry, Settings, ShopSettings } from '../../src/engine/settings/schema';
import { ShopBaseSchema } from '../../src/engine/settings/schema';
import { loadSettingsFromBook } from '../../src/engine/settings/tab';
import { MemorySpreadsheet } from '../../src/engine/sheet/memory-sheet';
import { translate } from '../../src/i18n';
import { CONNECTORS } from '../../src/malls';
import { nodeCrypto } from '../../src/node/crypto';
import type { CellValue, HttpPort } from '../../src/ports';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { InProcessHttp, Sandbox } from '../../src/sandbox/sandbox';
import type { UiEnv } from '../../src/ui/server/settings-document';
import { SettingsTabDocument } from '../../src/ui/server/settings-tab-document';

/**
 * The test worlds, all built on one in-memory EngineEnv: a memory spreadsheet (with Sheets' quirks),
 * document properties, lock, triggers and logger. sandboxWorld adds the sandbox malls in-process on a
 * virtual clock; engineWorld, uiWorld and fakeEnv are the engine's, the sidebar's and the fake malls' views
 * of it. The resilience suite's world (test/resilience/support/world.ts) wraps sandboxWorld in its fuses.
 */

/** The EngineEnv over memory ports; only the HTTP port, the clock, the connectors and the settings differ. */
export function memoryEnv(opts: {
  http: HttpPort;
  clock: VirtualClock;
  connectors: readonly MallConnector[];
  loadSettings: (book: MemorySpreadsheet, props: MemoryProperties) => Settings;
  book?: MemorySpreadsheet;
  props?: MemoryProperties;
  log?: MemoryLogger;
  budgetMs?: number;
}) {
  const book = opts.book ?? new MemorySpreadsheet('Asia/Tokyo');
  const props = opts.props ?? new MemoryProperties();
  const lock = new MemoryLock();
  const log = opts.log ?? new MemoryLogger();
  const triggers = new MemoryTriggers();
  const env: EngineEnv = {
    book,
    http: opts.http,
    props,
    lock,
    clock: opts.clock,
    crypto: nodeCrypto,
    log,
    progress: log,
    triggers,
    connectors: opts.connectors,
    loadSettings: () => opts.loadSettings(book, props),
    budgetMs: opts.budgetMs,
  };
  return { env, book, props, lock, log, triggers };
}

/**
 * A connector's world for tests: the sandbox malls in-process (no sockets), a virtual clock shared by
 * client and sandbox (so signatures' timestamps and rate limits agree), in-memory properties.
 */
export function sandboxWorld(opts: { seed?: number; orders?: number; start?: number } = {}) {
  const clock = new VirtualClock(opts.start);
  const sandbox = new Sandbox({ now: () => clock.now(), seed: opts.seed ?? 1, orders: opts.orders });
  const http = new InProcessHttp(sandbox);
  const props = new MemoryProperties();
  const log = new MemoryLogger();
  return { clock, sandbox, http, props, log };
}

export type World = ReturnType<typeof sandboxWorld>;

/** One shop's ShopContext in a sandbox world, as the engine builds it for a run (expiry recorded for checks). */
export function shopContext(
  world: World,
  shopInput: Record<string, unknown>,
  extra: { carriers?: CarrierEntry[]; locale?: 'ja' | 'en'; budgetMs?: number } = {},
): ShopContext & { expiry: { value: number | null } } {
  const shop: ShopSettings = ShopBaseSchema.parse(shopInput);
  const locale = extra.locale ?? 'ja';
  const expiry = { value: null as number | null };
  return {
    shop,
    locale,
    timezone: 'Asia/Tokyo',
    carriers: extra.carriers ?? [],
    http: world.http,
    clock: world.clock,
    crypto: nodeCrypto,
    log: world.log,
    progress: world.log,
    store: new PrefixedProperties(world.props, `shop:${shop.name}:`),
    t: (key, params) => translate(locale, key, params),
    deadline: world.clock.now() + (extra.budgetMs ?? 270_000),
    setExpiry: (ms) => {
      expiry.value = ms;
    },
    expiry,
  };
}

/**
 * The whole engine against the in-process sandbox malls: what `mallsheet fetch/export` does, on a memory
 * spreadsheet and memory ports, with the real connectors. The settings are parsed at each run's start,
 * as loadSettings reads them then.
 */
export function engineWorld(settings: unknown, opts: { seed?: number; orders?: number } = {}) {
  const world = sandboxWorld(opts);
  const { env, book } = memoryEnv({
    http: world.http,
    clock: world.clock,
    props: world.props,
    log: world.log,
    connectors: CONNECTORS,
    loadSettings: () => parseSettings(settings, CONNECTORS),
  });
  return { world, book, env };
}

/** The demo's settings (ja, Asia/Tokyo, the demo carriers) with these shops. */
export function settingsWithShops(...shops: Record<string, unknown>[]) {
  return { locale: 'ja', timezone: 'Asia/Tokyo', shops, carriers: DEMO_CARRIERS };
}

/** 受注一覧's data rows, each cell read by column id wherever its header stands. */
export function orderRows(book: MemorySpreadsheet): ((id: ColumnId) => CellValue)[] {
  const all = book.getSheet(ORDERS_SHEET_NAMES.ja)!.readAll();
  const { at } = discoverHeaders(all[0]);
  return all.slice(1).map((r) => (id: ColumnId) => r[at[id]!]);
}

/** The engine with fake malls (test/support/fake-mall.ts) and no network at all. */
export function fakeEnv(connectors: MallConnector[], config: () => unknown, clock: VirtualClock, budgetMs?: number) {
  const noNetwork = () => {
    throw new Error('no network in engine tests');
  };
  return memoryEnv({
    http: { fetch: noNetwork, fetchAll: noNetwork },
    clock,
    connectors,
    loadSettings: () => parseSettings(config(), connectors),
    budgetMs,
  });
}

/** The address the sandbox malls answer on in-process (InProcessHttp ignores the host). */
export const SANDBOX_URL = 'http://127.0.0.1:8787';

/**
 * The sidebar's server world as Apps Script would have it, in memory: the Settings tab in a
 * MemorySpreadsheet (with Sheets' quirks), document properties, the engine's own settings reader, and
 * the three sandbox malls answering in-process on a virtual clock.
 */
export function uiWorld(opts: { seed?: number; now?: number } = {}) {
  const clock = new VirtualClock(opts.now);
  const sandbox = new Sandbox({ now: () => clock.now(), seed: opts.seed ?? 5 });
  const base = memoryEnv({
    http: new InProcessHttp(sandbox),
    clock,
    book: new MemorySpreadsheet(),
    connectors: CONNECTORS,
    loadSettings: (book, props) => loadSettingsFromBook(book, props, CONNECTORS),
  });
  const { book, props, log } = base;
  // alert mail as MailApp would take it: the messages are kept for the test
  const mails: { to: string[]; subject: string; body: string }[] = [];
  const mail = {
    send: (m: (typeof mails)[number]) => void mails.push(m),
    owner: () => 'owner@example.com',
    link: () => null,
  };
  const env: UiEnv = { ...base.env, mail, settingsDoc: new SettingsTabDocument(book, props, CONNECTORS) };
  return { env, clock, sandbox, book, props, log, mails };
}

export type UiWorld = ReturnType<typeof uiWorld>;

/** Every cell of every tab as text: what "never in a cell" is checked against. */
export function allCellText(book: MemorySpreadsheet, names: string[]): string {
  return names
    .map((n) => book.getSheet(n))
    .filter((s) => s !== null)
    .map((s) => JSON.stringify(s!.readAll()))
    .join('\n');
}
