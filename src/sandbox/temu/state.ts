import { FaultQueue } from '../faults';
import { rateWindow } from '../rate-window';
import type { SandboxOptions } from '../types';
import { TEMU_SANDBOX_CREDENTIALS } from './credentials';
import { REGION_ID, type SandboxOrder, sampleOrders } from './data';
import type { GatewayApp, GatewayToken } from './gateway';
import { ShippingDesk } from './shipping';

const DEFAULT_ORDERS = 25;

/**
 * The token's apiScopeList as every public token sample writes it: v1 names (docs/malls/temu.md §5), plus
 * the optional amount query. The gateway serves the v2 types under the v1 grants.
 */
export const SCOPES = [
  'bg.open.accesstoken.info.get',
  'bg.order.list.get',
  'bg.order.shippinginfo.get',
  'bg.order.amount.query',
  'bg.logistics.companies.get',
  'bg.logistics.warehouse.list.get',
  'bg.logistics.shipment.confirm',
  'bg.logistics.shipment.get',
  'bg.logistics.shipment.shippingtype.update',
];

/** Everything one sandbox Temu holds: its orders, app, token and store settings, and what it was sent. */
export function temuState(opts: SandboxOptions) {
  const orders = sampleOrders(opts.seed, opts.orders ?? DEFAULT_ORDERS, opts.now());
  const bySn = new Map<string, SandboxOrder>(orders.map((o) => [o.parentOrderSn, o]));
  const nowS = () => Math.floor(opts.now() / 1000);
  const app: GatewayApp = {
    appKey: TEMU_SANDBOX_CREDENTIALS.appKey,
    appSecret: TEMU_SANDBOX_CREDENTIALS.appSecret,
    suspended: false,
  };
  return {
    opts,
    nowS,
    /** newest first (the list's default order) */
    orders,
    bySn,
    /** the generator's orders so far: the initial ones, then those the 'arrive' control placed */
    initial: orders.length,
    arrived: 0,
    desk: new ShippingDesk(bySn, nowS),
    app,
    token: { accessToken: TEMU_SANDBOX_CREDENTIALS.accessToken, appKey: app.appKey, expired: false } as GatewayToken,
    /** the store's region: the token reports it, and bg.logistics.companies.get serves carriers only for it */
    regionId: REGION_ID as number,
    expiredTime: nowS() + 180 * 86_400,
    amountsDenied: false,
    /** the token's apiScopeList when a test set one (control 'scopes'), else SCOPES */
    scopes: null as string[] | null,
    overRate: rateWindow(), // docs/malls/temu.md §5: 20 QPS per app_key
    faults: new FaultQueue([500, 503, 429, 'malformed', 'code']),
    requests: 0,
    requestsByType: {} as Record<string, number>,
    /** the last requestId handed out */
    seq: 0,
  };
}

export type TemuState = ReturnType<typeof temuState>;
