import type { Ports } from '../../ports';
import type { MallConnector } from '../connector';
import type { Settings } from '../settings/schema';

/** The types of the engine's public surface (re-exported by src/engine/index.ts). Everything is synchronous. */

export type Trigger = 'manual' | 'auto';

/** Everything a run needs: the ports, the mall connectors and the settings loader. */
export interface EngineEnv extends Ports {
  connectors: readonly MallConnector[];
  /** Loads and validates settings; throws SettingsError (every problem, each naming shop, field, cell). */
  loadSettings(): Settings;
  /** time budget of one run in ms (Apps Script gives 6 min; default 4.5 min) */
  budgetMs?: number;
  /** URL fetches allowed per day (default URL_FETCH_QUOTA.consumer; Workspace accounts have more) */
  urlFetchQuota?: number;
}

export interface ShopReport {
  shop: string;
  mall: string;
  action: 'fetch' | 'export' | 'check' | 'labels' | 'slips';
  fetched: number;
  new: number;
  updated: number;
  exported: number;
  failed: number;
  ok: boolean;
  /** readable, user's language; no secrets */
  message: string;
}

export interface RunReport {
  /** another run held the lock: nothing changed, a "busy" line was logged */
  busy: boolean;
  shops: ShopReport[];
  /** dry-run export: what would be sent, one readable line per shipment */
  preview: string[];
  /** docs/contract.md §5: 0 all done; 1 some shops or rows failed; 2 invalid settings (nothing fetched or sent) */
  exitCode: 0 | 1 | 2;
  /** readable lines for invalid settings (exit 2) */
  errors: string[];
}

export interface FetchOptions {
  trigger: Trigger;
  shop?: string;
  /** user-given range, epoch ms, [from, to) */
  range?: { from: number; to: number };
}

export interface ExportOptions {
  trigger: Trigger;
  shop?: string;
  dryRun?: boolean;
}
