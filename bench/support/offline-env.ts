import type { EngineEnv } from '../../src/engine';
import {
  MemoryLock,
  MemoryLogger,
  type MemoryProperties,
  MemoryTriggers,
  type VirtualClock,
} from '../../src/engine/memory-ports';
import { parseSettings } from '../../src/engine/settings/parse';
import type { MemorySpreadsheet } from '../../src/engine/sheet/memory-sheet';
import { CostedProperties, CostedSpreadsheet, CostedToasts, CostModel } from '../../src/engine/sim/cost-model';
import { CONNECTORS } from '../../src/malls';
import { nodeCrypto } from '../../src/node/crypto';

/**
 * The benchmarks' seller (one Temu shop, ヤマト運輸 by default) and ご依頼主, for runs that read only the sheet.
 * Not a benchmark itself: the build picks bench/*.ts, not this folder.
 */
export const BENCH_SHOP = {
  name: 'Temu 1号店',
  mallLabel: 'Temu',
  initialStatus: 'new' as const,
  defaultCarrier: 'ヤマト運輸',
};

export const BENCH_SHIPPER = {
  name: 'MallSheet商店',
  postalCode: '150-0001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '03-1234-5678',
};

/** The settings' entry of BENCH_SHOP, plus what a benchmark adds to it. */
export function benchShopSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: BENCH_SHOP.name,
    mall: 'temu',
    region: 'global',
    credentials: { appKey: 'k', appSecret: 's', accessToken: 't' },
    ...extra,
  };
}

/**
 * An engine environment with no mall behind it (label files and 納品書 make no URL fetch: one is an error),
 * its spreadsheet, properties and toast calls costed by the cost model (src/engine/sim/cost-model.ts) on the
 * given clock. The settings are read as the 設定 tab would be: one costed sheet call per load.
 */
export function costedOfflineEnv(opts: {
  book: MemorySpreadsheet;
  props: MemoryProperties;
  clock: VirtualClock;
  settings: Record<string, unknown>;
  /** what the run is, for the error a URL fetch would raise */
  what: string;
}): { env: EngineEnv; model: CostModel; log: MemoryLogger } {
  const model = new CostModel(opts.clock);
  const log = new MemoryLogger();
  const noFetch = (): never => {
    throw new Error(`${opts.what} make no URL fetch`);
  };
  const env: EngineEnv = {
    book: new CostedSpreadsheet(opts.book, model),
    http: { fetch: noFetch, fetchAll: noFetch },
    props: new CostedProperties(opts.props, model),
    lock: new MemoryLock(),
    clock: opts.clock,
    crypto: nodeCrypto,
    log,
    progress: new CostedToasts(log, model),
    triggers: new MemoryTriggers(),
    connectors: CONNECTORS,
    loadSettings: () => {
      model.charge(model.rates.sheetCallMs);
      return parseSettings(opts.settings, CONNECTORS);
    },
  };
  return { env, model, log };
}
