import type { z } from 'zod';
import type { MessageKey } from '../i18n';
import type { ClockPort, CryptoPort, HttpPort, LoggerPort, ProgressPort, PropertiesPort } from '../ports';
import type { LineStatusUpdate, ManagementStatus, OrderLine } from './order-line';
import type { CarrierEntry, Locale, ShopSettings } from './settings/schema';

/**
 * The one interface a mall implements. Adding a mall = a folder under src/malls/ plus one line in
 * src/malls/index.ts; the engine never names a mall.
 */
export interface MallConnector {
  /** settings value of shop.mall */
  id: string;
  /** what the モール column shows: 'Temu', 'TikTok Shop', 'Qoo10' */
  label: string;
  /** credential fields as docs/contract.md §4 names them; secret ones are moved to document properties */
  credentialFields: readonly CredentialField[];
  /** validates shop.credentials (after secrets were merged back from properties) */
  credentialsSchema: z.ZodType<Record<string, string | undefined>>;
  /** mall-native fetch status names (docs/contract.md §4) and the default selection */
  statuses: readonly string[];
  defaultStatuses: readonly string[];
  /** the carrier-table column this mall reads (CarrierEntry key) */
  carrierKey: string;
  /**
   * The mall's own origins (scheme://host), API and auth: besides loopback, the only ones an endpoint override
   * may name (docs/contract.md §4 endpoints).
   */
  officialHosts: readonly string[];
  /**
   * true when fetch honours `by: 'updated'` (the mall filters by update time): the engine then syncs
   * incrementally between full windows. Absent = creation-time windows only.
   */
  fetchesByUpdate?: boolean;

  /**
   * One step of a fetch. The engine calls it until cursor is null or the run's budget is spent, writes
   * the lines, and only then persists the cursor (so a crash repeats a step, never skips one).
   */
  fetch(ctx: ShopContext, req: FetchRequest): FetchStep;

  /**
   * Sends tracking numbers for the given orders (all rows of each order, ready or not) and says what
   * happened to each ready line. Must not throw for a mall answer: errors become LineOutcome.error.
   */
  exportOrders(ctx: ShopContext, orders: ExportOrder[], opts: { dryRun: boolean }): LineOutcome[];

  /** Connection and credential health lines (sidebar button, menu, `mallsheet check`). */
  check(ctx: ShopContext, settingsCarriers: CarrierEntry[]): CheckLine[];

  /** true when a 'モールステータス' label this connector wrote means the mall cancelled the line */
  isCancelledStatus(mallStatus: string): boolean;

  /**
   * Optional: true when the status says the line must not ship yet (a cancellation awaiting the seller's
   * answer). Such rows get no label (docs/contract.md §3 Label CSV), as export holds them.
   */
  isHeldStatus?(mallStatus: string): boolean;

  /**
   * Optional: the most orders the mall lets one tracking number cover (TikTok Shop JP consolidates up to 20,
   * docs/malls/tiktok-shop.md §4.2). 同梱 proposals stay within it and export refuses a larger group.
   */
  maxOrdersPerTracking?: number;

  /** Mall-specific tracking clean-up after the engine's width/space normalisation (e.g. drop '-'). */
  normalizeTracking(tracking: string): string;
}

/**
 * The connector of a shop's mall. Settings are parsed against the connector list (an unknown mall is a
 * settings error naming the shop), so a shop without one is a wiring mistake, said as such.
 */
export function connectorOf(connectors: readonly MallConnector[], shop: ShopSettings): MallConnector {
  const connector = connectors.find((c) => c.id === shop.mall);
  if (!connector) throw new Error(`shop "${shop.name}": no connector for mall "${shop.mall}"`);
  return connector;
}

export interface CredentialField {
  key: string;
  secret: boolean;
  required: boolean;
}

export interface FetchRequest {
  /** epoch ms, inclusive from / exclusive to */
  from: number;
  to: number;
  /**
   * what [from, to) bounds: the orders' creation time (default), or their last update (incremental sync,
   * only sent to connectors with `fetchesByUpdate`)
   */
  by?: 'created' | 'updated';
  /** with by 'updated': orders created before this are left out (the shop's `days`, docs/contract.md §3) */
  createdFrom?: number;
  statuses: string[];
  /** null on the first step; afterwards what the previous step returned (JSON-serialisable) */
  cursor: unknown;
  /**
   * A timer poll only: true when an order of this version (the mall's update stamp, as the connector
   * words it in FetchStep.versions) was written by the last complete poll. The connector may skip it,
   * and the per-order calls it needs (Temu's address and prices), and still list its version.
   */
  unchanged?(version: string): boolean;
}

export interface FetchStep {
  lines: OrderLine[];
  /** status changes for lines that may already be in the sheet (e.g. Qoo10 claims) */
  updates?: LineStatusUpdate[];
  /** the versions of the orders this step returned or skipped as unchanged (FetchRequest.unchanged) */
  versions?: string[];
  /** null when the window is complete */
  cursor: unknown;
  /** one log line each (e.g. "amounts not permitted for this token: 単価 left blank") */
  notices?: string[];
}

/** A row of the sheet as the exporter sees it. */
export interface ExportLine {
  /** stable row key for outcomes: `${orderId}\u0000${lineId}` */
  key: string;
  orderId: string;
  lineId: string;
  sku: string;
  qty: number;
  mallStatus: string;
  status: ManagementStatus | null;
  /** normalised by engine and connector; '' when empty */
  tracking: string;
  /** carrier name as the user typed it, and its carrier-table row (null if not in the table) */
  carrierName: string;
  carrier: CarrierEntry | null;
  /** YYYY-MM-DD or '' */
  shippedOn: string;
  /** tracking number the mall last accepted for this line ('' when never exported) */
  exportedTracking: string;
  /** true when the engine's rules (docs/contract.md §3) select this line for sending */
  ready: boolean;
}

export interface ExportOrder {
  orderId: string;
  /** every row of the order in this shop, ready or not */
  lines: ExportLine[];
}

export type LineOutcome =
  | { key: string; kind: 'ok'; note?: string }
  /** the mall said it was already shipped: success with a note (docs/contract.md §3) */
  | { key: string; kind: 'already'; note: string }
  | { key: string; kind: 'error'; message: string }
  /** not sent and not an error of the mall: e.g. "all lines of this order need a tracking number" */
  | { key: string; kind: 'held'; message: string }
  /** not sent because this run's time ran out: a continuation run sends it, nothing for the seller to do */
  | { key: string; kind: 'deferred'; message: string }
  /** dry run: what would be sent */
  | { key: string; kind: 'preview'; message: string };

export interface CheckLine {
  /** short id, e.g. 'auth', 'expiry', 'statuses', 'carrier:ヤマト運輸', 'warehouse' */
  id: string;
  ok: boolean;
  /** readable line in the user's language: OK, or what to do next */
  message: string;
}

/** Everything a connector may touch during one shop's run. */
export interface ShopContext {
  shop: ShopSettings;
  locale: Locale;
  timezone: string;
  carriers: CarrierEntry[];
  http: HttpPort;
  clock: ClockPort;
  crypto: CryptoPort;
  log: LoggerPort;
  progress: ProgressPort;
  /** document properties under this shop's own prefix (tokens, keys, expiry) */
  store: PropertiesPort;
  /** translate a message key for this run's locale */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** epoch ms by which the run must stop starting new work (time budget) */
  deadline: number;
  /** record the token / key expiry (epoch ms) so the Settings tab, the Log and the check can show it */
  setExpiry(epochMs: number | null): void;
}
