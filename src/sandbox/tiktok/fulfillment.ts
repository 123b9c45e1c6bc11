import { jsonObject, type SandboxRequest, type SandboxResponse } from '../types';
import { PROVIDERS, recipientOf, type SbOrder, type SbPackage } from './data';
import type { TikTokState } from './state';

/** Shipping a package and changing its tracking (docs/malls/tiktok-shop.md §4), with the error codes of §4.5. */

/** Mark Package As Shipped (docs/malls/tiktok-shop.md §4.2). */
export function markShipped(s: TikTokState, req: SandboxRequest, orderId: string): SandboxResponse {
  const o = s.byId.get(orderId);
  if (!o) return s.fail(36009004, 'invalid order_id');
  const body = jsonObject(req.body);
  if (!body || typeof body.tracking_number !== 'string' || !body.tracking_number)
    return s.fail(36009004, 'tracking_number is required');
  if (typeof body.shipping_provider_id !== 'string' || !body.shipping_provider_id)
    return s.fail(36009004, 'shipping_provider_id is required');
  const ids = body.order_line_item_ids;
  if (ids !== undefined && (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')))
    return s.fail(36009004, 'order_line_item_ids must be strings');
  if (o.status === 'CANCELLED') return s.fail(21011041, 'Cannot complete the operation when order is cancelled');
  if (o.status === 'ON_HOLD')
    return s.fail(21011044, 'Order status is on hold, please wait until the order status changes');
  // a platform label exists: the package ships under TikTok's label, not the seller's number (§4.5)
  if (o.platformLabel === 'printed') return s.fail(21008042, 'seller already print shipping label');
  if (o.platformLabel === 'purchased') return s.fail(21022025, 'a shipping label has already been purchased');
  const wanted =
    ids === undefined
      ? o.items.filter((x) => !x.packageId && !x.cancelled)
      : o.items.filter((x) => (ids as string[]).includes(x.id));
  if (ids !== undefined && wanted.length !== (ids as string[]).length)
    return s.fail(36009004, 'invalid order_line_item_ids');
  if (wanted.length === 0 || wanted.some((x) => x.packageId)) return s.fail(21008099, 'Package has been shipped');
  if (wanted.some((x) => x.cancelled)) return s.fail(21011042, 'Cannot complete the operation when order is cancelled');
  if (!PROVIDERS.some((p) => p.id === body.shipping_provider_id))
    return s.fail(21011022, 'invalid tracking number or shipping provider id');
  const tracking = body.tracking_number;
  if (!/^[A-Za-z0-9]+$/.test(tracking)) return s.fail(21004012, 'tracking number contains special characters');
  // JP consolidation: one tracking number may cover orders of the same recipient, never another's
  const sharing = s.orders.filter((x) => x.id !== o.id && x.packages.some((p) => p.tracking === tracking));
  if (sharing.some((x) => !sameRecipient(x, o))) return s.fail(21011025, 'duplicate tracking number');
  if (sharing.length >= CONSOLIDATION_MAX) return s.fail(21011026, 'tracking number used too many times');
  const nowS = s.nowS();
  const pkg = {
    id: `1153${o.id.slice(4, 14)}${String(o.packages.length + 1).padStart(4, '0')}`,
    tracking,
    providerId: body.shipping_provider_id,
    lineItemIds: wanted.map((x) => x.id),
    shippedAt: nowS,
    updates: 0,
  };
  for (const x of wanted) x.packageId = pkg.id;
  o.packages.push(pkg);
  o.status = o.items.every((x) => x.packageId || x.cancelled) ? 'IN_TRANSIT' : 'PARTIALLY_SHIPPING';
  o.updateTime = nowS;
  s.shipments.push({
    orderId: o.id,
    packageId: pkg.id,
    tracking,
    providerId: pkg.providerId,
    lineItemIds: pkg.lineItemIds,
    body: req.body,
  });
  return s.ok({ order_id: o.id, package_id: pkg.id, order_line_item_ids: pkg.lineItemIds });
}

/**
 * Update Shipping Info (docs/malls/tiktok-shop.md §4.4): a shipped order of one package only; a split order
 * must name its package. JP allows one update and states no 72-hour window (§4.2), so none applies here.
 */
export function updateShippingInfo(s: TikTokState, req: SandboxRequest, orderId: string): SandboxResponse {
  const o = s.byId.get(orderId);
  if (!o) return s.fail(36009004, 'invalid order_id');
  if (o.packages.length > 1)
    return s.fail(
      21011049,
      'For orders that have been split for shipping, please use the Update Package Shipping Info API',
    );
  return updatePackage(s, req, o, o.packages[0]);
}

/** Update Package Shipping Info (§4.4): only the named package changes. */
export function updatePackageShippingInfo(s: TikTokState, req: SandboxRequest, packageId: string): SandboxResponse {
  const o = s.orders.find((x) => x.packages.some((p) => p.id === packageId));
  if (!o) return s.fail(36009004, 'invalid package_id');
  return updatePackage(
    s,
    req,
    o,
    o.packages.find((p) => p.id === packageId),
  );
}

function updatePackage(s: TikTokState, req: SandboxRequest, o: SbOrder, pkg: SbPackage | undefined): SandboxResponse {
  const body = jsonObject(req.body);
  if (!body || typeof body.tracking_number !== 'string' || typeof body.shipping_provider_id !== 'string')
    return s.fail(36009004, 'tracking_number and shipping_provider_id are required');
  if (o.status === 'CANCELLED') return s.fail(21011041, 'Cannot complete the operation when order is cancelled');
  if (!pkg) return s.fail(21011043, 'Package has not been shipped');
  if (pkg.updates >= 1) return s.fail(21011051, 'The tracking number can be updated only once');
  if (!PROVIDERS.some((p) => p.id === body.shipping_provider_id))
    return s.fail(21011022, 'invalid tracking number or shipping provider id');
  if (!/^[A-Za-z0-9]+$/.test(body.tracking_number))
    return s.fail(21004012, 'tracking number contains special characters');
  pkg.tracking = body.tracking_number;
  pkg.providerId = body.shipping_provider_id;
  pkg.updates++;
  o.updateTime = s.nowS();
  s.updates.push({
    orderId: o.id,
    packageId: pkg.id,
    tracking: body.tracking_number,
    providerId: body.shipping_provider_id,
  });
  return s.ok({});
}

/** JP consolidation: one tracking number covers at most this many orders (docs/malls/tiktok-shop.md §4.2). */
const CONSOLIDATION_MAX = 20;

/** JP consolidation asks for the same recipient name and address (docs/malls/tiktok-shop.md §4.2). */
function sameRecipient(a: SbOrder, b: SbOrder): boolean {
  const x = recipientOf(a);
  const y = recipientOf(b);
  return x.name === y.name && x.postalCode === y.postalCode && x.line1 === y.line1 && x.line2 === y.line2;
}
