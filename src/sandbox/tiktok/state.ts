import { FaultQueue } from '../faults';
import { rateWindow } from '../rate-window';
import { json, type SandboxOptions, type SandboxResponse } from '../types';
import { TIKTOK_SANDBOX_APP } from './credentials';
import { generateOrders, type SbOrder } from './data';
import { tokenMint } from './tokens';

export interface Shop {
  id: string;
  name: string;
  cipher: string;
  code: string;
}

export const FIRST_SHOP: Shop = {
  id: '7494049642642441621',
  name: 'MallSheet Sandbox JP',
  cipher: 'ROW_sbxJPkMbgAAAeVAQra0eZ',
  code: 'JPLCSBX01',
};

/** A Mark Package As Shipped the shop accepted, with the body as sent. */
export interface ReceivedShipment {
  orderId: string;
  packageId: string;
  tracking: string;
  providerId: string;
  lineItemIds: string[];
  body: string;
}

/** An Update (Package) Shipping Info the shop accepted. */
export interface ReceivedUpdate {
  orderId: string;
  packageId: string;
  tracking: string;
  providerId: string;
}

/** Everything one sandbox TikTok Shop holds: the seller's shops and orders, its tokens, and what it was sent. */
export function tiktokState(opts: SandboxOptions) {
  const nowS = () => Math.floor(opts.now() / 1000);
  const orders: SbOrder[] = generateOrders(opts.seed, opts.orders ?? 25, nowS());
  let answered = 0;
  /** every answer carries its own request_id, as the mall's do (docs/malls/tiktok-shop.md §5): support asks for it */
  const requestId = () =>
    `${new Date(opts.now()).toISOString().replace(/\D/g, '').slice(0, 14)}SBX${(++answered).toString(16).toUpperCase().padStart(6, '0')}`;
  return {
    opts,
    nowS,
    orders,
    byId: new Map(orders.map((o) => [o.id, o])),
    /** the generator's orders so far: the initial ones, then those the 'arrive' control placed */
    initial: orders.length,
    arrived: 0,
    shops: [FIRST_SHOP] as Shop[],
    // tokens verify without this process's memory, so a restarted sandbox accepts what an earlier one issued
    mint: tokenMint(TIKTOK_SANDBOX_APP.appKey, TIKTOK_SANDBOX_APP.appSecret),
    /** the 'expire' control: access tokens issued up to this instant (epoch ms) count as expired, except those issued since */
    expiredUpTo: null as number | null,
    issuedSinceExpire: new Set<string>(),
    /** the 'deauthorize' control: the seller removed the app, so its tokens no longer find an authorization */
    deauthorized: false,
    overRate: rateWindow(), // per API per shop (docs/malls/tiktok-shop.md §5)
    faults: new FaultQueue([500, 503, 429, 'malformed', 'code', 'data']),
    shipments: [] as ReceivedShipment[],
    updates: [] as ReceivedUpdate[],
    issued: 0,
    refreshes: 0,
    throttled: 0,
    /** the API's envelope: code 0 with data, or an error code (docs/malls/tiktok-shop.md §5) */
    ok: (data: unknown): SandboxResponse => json(200, { code: 0, message: 'Success', request_id: requestId(), data }),
    fail: (code: number, message: string, status = 200): SandboxResponse =>
      json(status, { code, message, request_id: requestId(), data: null }),
  };
}

export type TikTokState = ReturnType<typeof tiktokState>;
