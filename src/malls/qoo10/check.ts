import type { CheckLine, ShopContext } from '../../engine/connector';
import type { CarrierEntry } from '../../engine/settings/schema';
import { matchCarrier } from '../shared/carriers';
import { KNOWN_QOO10_CARRIERS } from './carriers';
import { apiKeyExpiresAt, type Qoo10Client } from './client';
import { jstDay, searchBounds } from './dates';
import { Qoo10Error } from './errors';
import { KEY_LIFETIME_MS, METHODS } from './protocol';
import { type Qoo10Status, STATUS_CODES } from './statuses';

/** A month's notice: renewing the API key in QSM and entering it takes the seller a visit to QSM. */
const API_KEY_WARN_DAYS = 30;

/** Connection and credential health: key issuance plus one real search, expiry, statuses, carriers. */
export function checkShop(client: Qoo10Client, ctx: ShopContext, carriers: CarrierEntry[]): CheckLine[] {
  const lines: CheckLine[] = [];
  try {
    client.keyIssuedAt(); // issue first, so a login failure is reported as such
    const now = ctx.clock.now();
    const { start, end } = searchBounds({ from: now - 86_400_000, to: now });
    client.callOk(METHODS.shippingInfo, {
      ShippingStatus: STATUS_CODES.SHIPPING_REQUESTED,
      SearchStartDate: start,
      SearchEndDate: end,
      SearchCondition: '1',
    });
    const issued = client.keyIssuedAt(); // the search may have re-issued it
    lines.push({ id: 'auth', ok: true, message: ctx.t('qoo10.check.authOk', { issued: jstDay(issued) }) });
    lines.push({
      id: 'expiry',
      ok: true,
      message: ctx.t('qoo10.check.expiry', { date: jstDay(issued + KEY_LIFETIME_MS) }),
    });
  } catch (e) {
    if (!(e instanceof Qoo10Error)) throw e;
    lines.push({ id: 'auth', ok: false, message: e.message });
  }
  lines.push(apiKeyLine(ctx));
  const bad = ctx.shop.fetch.statuses.filter((s) => !(s in STATUS_CODES));
  lines.push(
    bad.length === 0
      ? {
          id: 'statuses',
          ok: true,
          message: ctx.t('qoo10.check.statusesOk', {
            statuses: ctx.shop.fetch.statuses.map((s) => `${s}(${STATUS_CODES[s as Qoo10Status]})`).join(', '),
          }),
        }
      : {
          id: 'statuses',
          ok: false,
          message: ctx.t('qoo10.err.badStatus', {
            shop: ctx.shop.name,
            status: bad.join(', '),
            allowed: Object.keys(STATUS_CODES).join(', '),
          }),
        },
  );
  for (const c of carriers) lines.push(carrierLine(ctx, c));
  lines.push({ id: 'shipdate', ok: true, message: ctx.t('qoo10.check.shipDate') });
  return lines;
}

/** The API key's own expiry, a year after the issue date the settings give (docs/malls/qoo10.md §2). */
function apiKeyLine(ctx: ShopContext): CheckLine {
  const at = apiKeyExpiresAt(ctx.shop.credentials.apiKeyIssuedOn);
  const id = 'apiKeyExpiry';
  if (at === null) return { id, ok: true, message: ctx.t('qoo10.check.apiKeyUnknown') };
  const date = jstDay(at);
  const left = at - ctx.clock.now();
  if (left <= 0) return { id, ok: false, message: ctx.t('qoo10.check.apiKeyExpired', { date }) };
  const days = Math.floor(left / 86_400_000);
  if (days < API_KEY_WARN_DAYS) return { id, ok: false, message: ctx.t('qoo10.check.apiKeySoon', { date, days }) };
  return {
    id,
    ok: true,
    message: ctx.t('qoo10.check.apiKeyExpiry', { date, issued: ctx.shop.credentials.apiKeyIssuedOn ?? '' }),
  };
}

function carrierLine(ctx: ShopContext, c: CarrierEntry): CheckLine {
  const id = `carrier:${c.name}`;
  const corp = (c.qoo10 ?? '').trim();
  if (!corp) return { id, ok: false, message: ctx.t('qoo10.check.carrierMissing', { name: c.name }) };
  const m = matchCarrier(corp, KNOWN_QOO10_CARRIERS);
  if (m.ok)
    return { id, ok: true, message: ctx.t('qoo10.check.carrierOk', { name: c.name, corp: m.carrier.names[0] }) };
  // Qoo10 stores ShippingCorp as given and has no list to verify against: a warning, not a failure
  return {
    id,
    ok: true,
    message: ctx.t('qoo10.check.carrierUnknown', { name: c.name, corp, candidates: m.candidates.join('、') }),
  };
}
