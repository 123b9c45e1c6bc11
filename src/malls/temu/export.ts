import type { ExportLine, ExportOrder, LineOutcome, ShopContext } from '../../engine/connector';
import { matchCarrier, type MallCarrier } from '../shared/carriers';
import { ALREADY_SHIPPED } from './codes';
import type { TemuCall, TemuClient } from './client';
import { TemuError } from './errors';
import { defaultRegionId } from './hosts';
import { CompaniesResultSchema, ConfirmResultSchema, WarehouseListResultSchema } from './schemas';
import { readTokenInfo } from './token';

/**
 * Tracking export with bg.logistics.shipment.v2.confirm, one call per parent order (docs/malls/temu.md §1.2, §1.3):
 * every child of the parent that is not cancelled or already sent goes in the same call, sendType 0 for one
 * tracking number, 1 for several tracking numbers of one parent.
 */

interface Package {
  tracking: string;
  carrier: MallCarrier;
  lines: ExportLine[];
}

interface Shipment {
  order: ExportOrder;
  ready: ExportLine[];
  packages: Package[];
}

export interface ExportDeps {
  isCancelledStatus(mallStatus: string): boolean;
  normalizeTracking(tracking: string): string;
}

export function exportOrders(
  client: TemuClient,
  ctx: ShopContext,
  orders: ExportOrder[],
  opts: { dryRun: boolean },
  deps: ExportDeps,
): LineOutcome[] {
  const outcomes: LineOutcome[] = [];
  const fail = (lines: ExportLine[], message: string) => failAll(outcomes, lines, message);
  const lookups = new RunLookups(client, ctx);
  const shipments: Shipment[] = [];

  for (const order of orders) {
    const ready = order.lines.filter((l) => l.ready);
    if (ready.length === 0) continue;
    const waiting = order.lines.filter((l) => !l.ready && l.exportedTracking === '' && l.status !== 'cancelled' && !deps.isCancelledStatus(l.mallStatus));
    if (waiting.length > 0) {
      ready.forEach((l) => outcomes.push({ key: l.key, kind: 'held', message: ctx.t('temu.held.allLines') }));
      continue;
    }
    try {
      shipments.push({ order, ready, packages: packagesOf(ready, lookups, ctx, deps) });
    } catch (e) {
      if (!(e instanceof TemuError)) throw e;
      fail(ready, e.message);
    }
  }
  if (shipments.length === 0) return outcomes;

  let warehouseId: string;
  try {
    warehouseId = lookups.warehouseId();
  } catch (e) {
    if (!(e instanceof TemuError)) throw e;
    shipments.forEach((s) => fail(s.ready, e.message));
    return outcomes;
  }

  if (opts.dryRun) {
    shipments.forEach((s) => {
      const call = confirmCall(s, warehouseId);
      const message = ctx.t('temu.preview', {
        order: s.order.orderId,
        packages: s.packages.map((p) => `${p.carrier.names[0] ?? p.carrier.id} ${p.tracking} ×${p.lines.length}`).join(', '),
        sendType: String(call.params?.sendType),
        warehouse: warehouseId,
      });
      s.ready.forEach((l) => outcomes.push({ key: l.key, kind: 'preview', message }));
    });
    return outcomes;
  }

  // Requests are signed when built (timestamp ±300 s, docs/malls/temu.md §5), so they are built and sent per group;
  // a group that would not finish within the run's budget waits for the next export.
  for (let i = 0; i < shipments.length; i += CONFIRM_GROUP) {
    const group = shipments.slice(i, i + CONFIRM_GROUP);
    if (i > 0 && ctx.clock.now() + Math.ceil(group.length / 20) * 1000 + 2000 > ctx.deadline) {
      shipments.slice(i).forEach((s) => s.ready.forEach((l) => outcomes.push({ key: l.key, kind: 'deferred', message: ctx.t('temu.held.budget') })));
      break;
    }
    sendGroup(client, ctx, group, warehouseId, outcomes);
  }
  return outcomes;
}

const CONFIRM_GROUP = 100;

function failAll(outcomes: LineOutcome[], lines: ExportLine[], message: string): void {
  lines.forEach((l) => outcomes.push({ key: l.key, kind: 'error', message }));
}

function sendGroup(client: TemuClient, ctx: ShopContext, group: Shipment[], warehouseId: string, outcomes: LineOutcome[]): void {
  const fail = (lines: ExportLine[], message: string) => failAll(outcomes, lines, message);
  let answers;
  try {
    answers = client.callAll(group.map((s) => confirmCall(s, warehouseId)));
  } catch (e) {
    if (!(e instanceof TemuError)) throw e;
    group.forEach((s) => fail(s.ready, e.message));
    return;
  }
  group.forEach((s, i) => {
    const a = answers[i];
    if (a.ok) {
      const warnings = safeWarnings(a.result);
      const note = warnings.length > 0 ? ctx.t('temu.note.warning', { warning: warnings.join(' / ') }) : undefined;
      s.ready.forEach((l) => outcomes.push(note ? { key: l.key, kind: 'ok', note } : { key: l.key, kind: 'ok' }));
    } else if (a.code === ALREADY_SHIPPED) {
      s.ready.forEach((l) => outcomes.push({ key: l.key, kind: 'already', note: ctx.t('temu.note.alreadyShipped') }));
    } else {
      fail(s.ready, a.message);
    }
  });
}

/** Ready lines grouped by tracking number; the carrier of a package is that of its first line. */
function packagesOf(ready: ExportLine[], lookups: RunLookups, ctx: ShopContext, deps: ExportDeps): Package[] {
  const byTracking = new Map<string, ExportLine[]>();
  for (const l of ready) {
    const t = deps.normalizeTracking(l.tracking);
    byTracking.set(t, [...(byTracking.get(t) ?? []), l]);
  }
  return [...byTracking].map(([tracking, lines]) => {
    const value = (lines[0].carrier?.temu ?? '').trim() || lines[0].carrierName.trim();
    if (!value) throw new TemuError(ctx.t('temu.err.carrierMissing'), null);
    const match = matchCarrier(value, lookups.carriers());
    if (!match.ok) throw new TemuError(ctx.t('temu.err.carrierUnknown', { value, candidates: match.candidates.join(', ') }), null);
    return { tracking, carrier: match.carrier, lines };
  });
}

function confirmCall(s: Shipment, warehouseId: string): TemuCall {
  return {
    type: 'bg.logistics.shipment.v2.confirm',
    params: {
      sendType: s.packages.length === 1 ? 0 : 1,
      sendRequestList: s.packages.map((p) => ({
        carrierId: longValue(p.carrier.id),
        trackingNumber: p.tracking,
        selfShippingWarehouseId: warehouseId,
        orderSendInfoList: p.lines.map((l) => ({ parentOrderSn: s.order.orderId, orderSn: l.lineId, quantity: l.qty })),
      })),
    },
  };
}

/** carrierId is a LONG (docs/malls/temu.md §1.2): sent as a JSON number while it is exact, else as its digits. */
function longValue(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function safeWarnings(result: unknown): string[] {
  const parsed = ConfirmResultSchema.safeParse(result);
  return parsed.success ? parsed.data : [];
}

/** Carrier list and warehouse, looked up at most once per run (cached per run). */
export class RunLookups {
  private carrierList: MallCarrier[] | null = null;
  /** a failed lookup is not repeated for every order of the run */
  private carrierError: TemuError | null = null;
  private warehouse: string | null = null;

  constructor(
    private readonly client: TemuClient,
    private readonly ctx: ShopContext,
  ) {}

  carriers(): MallCarrier[] {
    if (this.carrierError) throw this.carrierError;
    if (this.carrierList === null) {
      try {
        const regionId = defaultRegionId(this.ctx.shop) ?? readTokenInfo(this.client, this.ctx)?.regionId ?? 100;
        const list = this.client.get({ type: 'bg.logistics.companies.get', params: { regionId } }, CompaniesResultSchema);
        this.carrierList = list.map((c) => ({
          id: c.logisticsServiceProviderId,
          names: [c.logisticsServiceProviderName, c.logisticsBrandName].filter((n) => n.trim() !== ''),
        }));
      } catch (e) {
        if (e instanceof TemuError) this.carrierError = e;
        throw e;
      }
    }
    return this.carrierList;
  }

  /** shop.warehouseId, else the defaultWarehouse of bg.logistics.warehouse.list.get (docs/malls/temu.md §2). */
  warehouseId(): string {
    if (this.warehouse === null) {
      const configured = this.ctx.shop.warehouseId?.trim();
      if (configured) {
        this.warehouse = configured;
      } else {
        const def = this.warehouses().find((w) => w.defaultWarehouse);
        if (!def) throw new TemuError(this.ctx.t('temu.err.noWarehouse'), null);
        this.warehouse = def.warehouseId;
      }
    }
    return this.warehouse;
  }

  warehouses() {
    return this.client.get({ type: 'bg.logistics.warehouse.list.get', params: {} }, WarehouseListResultSchema).warehouseList;
  }
}
