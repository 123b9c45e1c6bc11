import type { CheckLine, ShopContext } from '../../engine/connector';
import type { CarrierEntry } from '../../engine/settings/schema';
import { matchCarrier } from '../shared/carriers';
import type { TemuClient } from './client';
import { TemuError } from './errors';
import { RunLookups } from './lookups';
import { TokenInfoSchema } from './schemas';
import { EXPIRY_WARN_MS, formatDateTime } from './token';

/**
 * The APIs fetch and export use (docs/malls/temu.md §1–§3), each with the names a token may grant it under:
 * every public token sample lists the v1 names (bg.order.list.get …), so a v1 or a v2 name counts
 * (docs/malls/temu.md §5). bg.order.amount.query and the tracking change are optional.
 */
const REQUIRED_APIS: readonly (readonly string[])[] = [
  ['bg.order.list.v2.get', 'bg.order.list.get'],
  ['bg.order.shippinginfo.v2.get', 'bg.order.shippinginfo.get'],
  ['bg.logistics.companies.get'],
  ['bg.logistics.warehouse.list.get'],
  ['bg.logistics.shipment.v2.confirm', 'bg.logistics.shipment.confirm'],
  ['bg.logistics.shipment.v2.get', 'bg.logistics.shipment.get'],
];
const AMOUNT_API = 'bg.order.amount.query';
const TRACKING_CHANGE_API = 'bg.logistics.shipment.shippingtype.update';

export function checkShop(client: TemuClient, ctx: ShopContext, settingsCarriers: CarrierEntry[]): CheckLine[] {
  const answer = client.call({ type: 'bg.open.accesstoken.info.get' });
  if (!answer.ok) return [{ id: 'auth', ok: false, message: answer.message }];
  const info = client.parseResult('bg.open.accesstoken.info.get', answer.result ?? {}, TokenInfoSchema);
  const lines: CheckLine[] = [
    { id: 'auth', ok: true, message: ctx.t('temu.check.authOk', { mallId: info.mallId ?? '-' }) },
  ];

  if (info.expiredTime) {
    const at = info.expiredTime * 1000;
    ctx.setExpiry(at);
    const date = formatDateTime(at, ctx.timezone);
    const left = at - ctx.clock.now();
    if (left <= 0) lines.push({ id: 'expiry', ok: false, message: ctx.t('temu.check.expired', { date }) });
    else if (left < EXPIRY_WARN_MS)
      lines.push({
        id: 'expiry',
        ok: false,
        message: ctx.t('temu.check.expirySoon', { date, days: Math.floor(left / 86_400_000) }),
      });
    else lines.push({ id: 'expiry', ok: true, message: ctx.t('temu.check.expiryOk', { date }) });
  }

  const scopes = info.apiScopeList;
  if (scopes) {
    const missing = REQUIRED_APIS.filter((names) => !names.some((n) => scopes.includes(n))).map((names) => names[0]);
    lines.push(
      missing.length > 0
        ? { id: 'scopes', ok: false, message: ctx.t('temu.check.scopesMissing', { apis: missing.join(', ') }) }
        : { id: 'scopes', ok: true, message: ctx.t('temu.check.scopesOk') },
    );
    if (!scopes.includes(AMOUNT_API))
      lines.push({ id: 'scope:amounts', ok: true, message: ctx.t('temu.check.amountScopeMissing') });
    if (!scopes.includes(TRACKING_CHANGE_API)) {
      lines.push({ id: 'scope:trackingChange', ok: true, message: ctx.t('temu.check.trackingChangeScopeMissing') });
    }
  }

  const lookups = new RunLookups(client, ctx);
  lines.push(guard('warehouse', () => warehouseLine(lookups, ctx)));

  const wanted = settingsCarriers.filter((c) => (c.temu ?? '').trim() !== '' || c.name === ctx.shop.defaultCarrier);
  for (const c of wanted) {
    lines.push(
      guard(`carrier:${c.name}`, () => {
        const value = (c.temu ?? '').trim() || c.name;
        const m = matchCarrier(value, lookups.carriers());
        return m.ok
          ? {
              id: `carrier:${c.name}`,
              ok: true,
              message: ctx.t('temu.check.carrierOk', {
                name: c.name,
                mall: m.carrier.names[0] ?? value,
                id: m.carrier.id,
              }),
            }
          : {
              id: `carrier:${c.name}`,
              ok: false,
              message: ctx.t('temu.err.carrierUnknown', { value, candidates: m.candidates.join(', ') }),
            };
      }),
    );
  }
  return lines;
}

function warehouseLine(lookups: RunLookups, ctx: ShopContext): CheckLine {
  const list = lookups.warehouses();
  const configured = ctx.shop.warehouseId?.trim();
  const w = configured ? list.find((x) => x.warehouseId === configured) : list.find((x) => x.defaultWarehouse);
  if (w)
    return {
      id: 'warehouse',
      ok: true,
      message: ctx.t('temu.check.warehouseOk', { name: w.warehouseName, id: w.warehouseId }),
    };
  return {
    id: 'warehouse',
    ok: false,
    message: configured ? ctx.t('temu.check.warehouseUnknown', { id: configured }) : ctx.t('temu.err.noWarehouse'),
  };
}

function guard(id: string, f: () => CheckLine): CheckLine {
  try {
    return f();
  } catch (e) {
    if (e instanceof TemuError) return { id, ok: false, message: e.message };
    throw e;
  }
}
