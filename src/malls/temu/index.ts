import type { CheckLine, ExportOrder, LineOutcome, MallConnector, ShopContext } from '../../engine/connector';
import { TemuClient, TemuCredentialsSchema, TemuError } from './client';
import { checkShop } from './check';
import { exportOrders } from './export';
import { fetchStep } from './fetch';
import { TEMU_STATUS_NAMES } from './statuses';

/** Spec §1.3 120014020: Temu rejects symbols such as - % # in tracking numbers. */
export function normalizeTemuTracking(tracking: string): string {
  return tracking.replace(/[^0-9A-Za-z]/g, '');
}

const isCancelledStatus = (mallStatus: string) => mallStatus === 'CANCELED';

/** Temu Partner Platform Open API (local/SEMI stores, self-fulfilled orders): see spec temu.md. */
export const temuConnector: MallConnector = {
  id: 'temu',
  label: 'Temu',
  credentialFields: [
    { key: 'appKey', secret: false, required: true },
    { key: 'appSecret', secret: true, required: true },
    { key: 'accessToken', secret: true, required: true },
  ],
  credentialsSchema: TemuCredentialsSchema,
  statuses: TEMU_STATUS_NAMES,
  // docs/malls/temu.md §3.2 Lifecycle: do not process PENDING orders; start at UN_SHIPPING
  defaultStatuses: ['UN_SHIPPING'],
  carrierKey: 'temu',
  // bg.order.list.v2.get filters by updateAtStart/updateAtEnd (docs/malls/temu.md §3.1): incremental sync between full windows
  fetchesByUpdate: true,
  fetch: (ctx, req) => fetchStep(new TemuClient(ctx), ctx, req),
  exportOrders: (ctx: ShopContext, orders: ExportOrder[], opts: { dryRun: boolean }): LineOutcome[] => {
    let client: TemuClient;
    try {
      client = new TemuClient(ctx);
    } catch (e) {
      if (!(e instanceof TemuError)) throw e;
      return orders.flatMap((o) => o.lines.filter((l) => l.ready).map((l) => ({ key: l.key, kind: 'error' as const, message: e.message })));
    }
    return exportOrders(client, ctx, orders, opts, { isCancelledStatus, normalizeTracking: normalizeTemuTracking });
  },
  check: (ctx, settingsCarriers): CheckLine[] => {
    try {
      return checkShop(new TemuClient(ctx), ctx, settingsCarriers);
    } catch (e) {
      if (e instanceof TemuError) return [{ id: 'auth', ok: false, message: e.message }];
      throw e;
    }
  },
  isCancelledStatus,
  normalizeTracking: normalizeTemuTracking,
};
