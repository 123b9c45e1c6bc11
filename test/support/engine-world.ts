import type { EngineEnv } from '../../src/engine';
import type { CellValue } from '../../src/ports';
import { parseSettings } from '../../src/engine/settings/parse';
import { MemoryLock, MemoryTriggers } from '../../src/engine/memory-ports';
import { MemorySpreadsheet } from '../../src/engine/sheet/memory-sheet';
import { discoverHeaders } from '../../src/engine/orders/headers';
import { ORDERS_SHEET_NAMES, type ColumnId } from '../../src/engine/orders/columns';
import { CONNECTORS } from '../../src/malls';
import { nodeCrypto } from '../../src/node/crypto';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { sandboxWorld } from './shop-context';

/**
 * The whole engine against the in-process sandbox malls: what `mallsheet fetch/export` does, on a memory
 * spreadsheet and memory ports, with the real connectors. The settings are parsed at each run's start,
 * as loadSettings reads them then.
 */
export function engineWorld(settings: unknown, opts: { seed?: number; orders?: number } = {}) {
  const world = sandboxWorld(opts);
  const book = new MemorySpreadsheet('Asia/Tokyo');
  const env: EngineEnv = {
    book,
    http: world.http,
    props: world.props,
    lock: new MemoryLock(),
    clock: world.clock,
    crypto: nodeCrypto,
    log: world.log,
    progress: world.log,
    triggers: new MemoryTriggers(),
    connectors: CONNECTORS,
    loadSettings: () => parseSettings(settings, CONNECTORS),
  };
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
