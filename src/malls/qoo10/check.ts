import type { CarrierEntry } from '../../engine/settings/schema';
import type { CheckLine, ShopContext } from '../../engine/connector';
import { matchCarrier } from '../shared/carriers';
import { KNOWN_QOO10_CARRIERS } from './carriers';
import type { Qoo10Client } from './client';
import { jstDay, searchBounds } from './dates';
import { Qoo10Error } from './errors';
import { KEY_LIFETIME_MS, METHODS, STATUS_CODES, type Qoo10Status } from './protocol';

/** Connection and credential health: key issuance plus one real search, expiry, statuses, carriers. */
export function checkShop(ctx: ShopContext, client: () => Qoo10Client, carriers: CarrierEntry[]): CheckLine[] {
  const lines: CheckLine[] = [];
  try {
    const c = client();
    c.keyIssuedAt(); // issue first, so a login failure is reported as such
    const now = ctx.clock.now();
    const { start, end } = searchBounds({ from: now - 86_400_000, to: now });
    c.callOk(METHODS.shippingInfo, { ShippingStatus: STATUS_CODES.SHIPPING_REQUESTED, SearchStartDate: start, SearchEndDate: end, SearchCondition: '1' });
    const issued = c.keyIssuedAt(); // the search may have re-issued it
    lines.push({ id: 'auth', ok: true, message: ctx.t('qoo10.check.authOk', { issued: jstDay(issued) }) });
    lines.push({ id: 'expiry', ok: true, message: ctx.t('qoo10.check.expiry', { date: jstDay(issued + KEY_LIFETIME_MS) }) });
  } catch (e) {
    if (!(e instanceof Qoo10Error)) throw e;
    lines.push({ id: 'auth', ok: false, message: e.message });
  }
  const bad = ctx.shop.fetch.statuses.filter((s) => !(s in STATUS_CODES));
  lines.push(
    bad.length === 0
      ? { id: 'statuses', ok: true, message: ctx.t('qoo10.check.statusesOk', { statuses: ctx.shop.fetch.statuses.map((s) => `${s}(${STATUS_CODES[s as Qoo10Status]})`).join(', ') }) }
      : { id: 'statuses', ok: false, message: ctx.t('qoo10.err.badStatus', { shop: ctx.shop.name, status: bad.join(', '), allowed: Object.keys(STATUS_CODES).join(', ') }) },
  );
  for (const c of carriers) lines.push(carrierLine(ctx, c));
  lines.push({ id: 'shipdate', ok: true, message: ctx.t('qoo10.check.shipDate') });
  return lines;
}

function carrierLine(ctx: ShopContext, c: CarrierEntry): CheckLine {
  const id = `carrier:${c.name}`;
  const corp = (c.qoo10 ?? '').trim();
  if (!corp) return { id, ok: false, message: ctx.t('qoo10.check.carrierMissing', { name: c.name }) };
  const m = matchCarrier(corp, KNOWN_QOO10_CARRIERS);
  if (m.ok) return { id, ok: true, message: ctx.t('qoo10.check.carrierOk', { name: c.name, corp: m.carrier.names[0] }) };
  // Qoo10 stores ShippingCorp as given and has no list to verify against: a warning, not a failure
  return { id, ok: true, message: ctx.t('qoo10.check.carrierUnknown', { name: c.name, corp, candidates: m.candidates.join('、') }) };
}
