import { lineFingerprint, readLastKey, readOffered, saveLastKey, saveOffered } from '../combine/memory';
import { type CombineRowInput, planCombined } from '../combine/propose';
import type { MallConnector } from '../connector';
import { readStatus } from '../orders/status-labels';
import type { OrdersTable } from '../orders/table';
import type { ShopSettings } from '../settings/schema';
import { formatDate } from '../text/dates';
import type { Run } from './run-context';

/** Without a limit from the mall, a group holds at most this many orders (one box). */
const DEFAULT_MAX_ORDERS = 20;

/**
 * At fetch time, after the rows are upserted and before the table is written (docs/contract.md §3 Combined
 * shipments): proposes 同梱 groups for the fetched shops, takes keys back from rows that left a group not
 * yet packed, and remembers which rows held a key. Returns one message per shop that got a group.
 */
export function proposeCombined(run: Run, table: OrdersTable, shops: readonly ShopSettings[]): Map<string, string> {
  const messages = new Map<string, string>();
  if (shops.length === 0) return messages;
  const connectorOf = new Map<string, MallConnector>();
  for (const s of run.settings.shops) {
    const c = run.env.connectors.find((x) => x.id === s.mall);
    if (c) connectorOf.set(s.name, c);
  }
  /** rows that shipped or were cancelled: they leave the memory, no proposal can touch them again */
  const finished = new Set<number>();
  const inputs: CombineRowInput[] = table.rowsForRules().map((r) => {
    const shop = r.text('shop');
    const connector = connectorOf.get(shop);
    const mallStatus = r.text('mallStatus');
    const mallStop = connector
      ? connector.isCancelledStatus(mallStatus) || connector.isHeldStatus?.(mallStatus) === true
      : false;
    const status = readStatus(r.cell('status'));
    const tracking = r.text('tracking').trim();
    const labelKey = r.text('labelKey').trim();
    const packed = labelKey !== '' || tracking !== '' || status === 'done';
    if (status === 'done' || status === 'cancelled') finished.add(r.index);
    return {
      index: r.index,
      row: r.row,
      shop,
      orderId: r.text('orderId'),
      lineId: r.text('lineId'),
      open: !mallStop && tracking === '' && (status === 'new' || status === 'awaiting'),
      out: !packed && (mallStop || status === 'cancelled' || status === 'hold'),
      packed,
      labelKey,
      combined: r.text('combined').trim(),
      recipient: r.text('recipient'),
      postalCode: r.text('postalCode'),
      address: r.text('address'),
      phone: r.text('phone'),
    };
  });
  const names = new Set(shops.map((s) => s.name));
  const offered = new Map(shops.map((s) => [s.name, readOffered(run.env.props, s.name)] as const));
  const today = formatDate(run.env.clock.now(), run.settings.timezone).replace(/-/g, '');
  const plan = planCombined(inputs, {
    shops: names,
    today,
    offered: (r) => offered.get(r.shop)?.has(lineFingerprint(r.orderId, r.lineId)) === true,
    existingKeys: new Set([...inputs.map((r) => r.combined), readLastKey(run.env.props) ?? ''].filter((k) => k !== '')),
    maxOrders: (shop) => connectorOf.get(shop)?.maxOrdersPerTracking ?? DEFAULT_MAX_ORDERS,
  });

  for (const c of plan.clear) table.assign(c.index, 'combined', '');
  for (const a of plan.assign) table.assign(a.index, 'combined', a.key);
  const cleared = new Set(plan.clear.map((c) => c.index));
  const assigned = new Map(plan.assign.map((a) => [a.index, a.key] as const));

  saveLastKey(
    run.env.props,
    plan.grouped.map((g) => g.key),
  );
  for (const shop of shops) {
    const before = offered.get(shop.name) ?? new Set<string>();
    // kept: rows that hold a key now, and rows the seller cleared (remembered, blank) while they may still ship
    const next = new Set<string>();
    for (const r of inputs) {
      if (r.shop !== shop.name || cleared.has(r.index) || finished.has(r.index)) continue;
      const f = lineFingerprint(r.orderId, r.lineId);
      if (assigned.has(r.index) || r.combined !== '' || before.has(f)) next.add(f);
    }
    if (!saveOffered(run.env.props, shop.name, next)) {
      // beyond what one property holds: nothing new is proposed for the shop, so no cleared row comes back
      for (const a of plan.assign) if (a.shop === shop.name) table.assign(a.index, 'combined', '');
      messages.set(shop.name, run.t('combine.tooMany', { count: next.size }));
      continue;
    }
    const groups = plan.grouped.filter((g) => g.shop === shop.name);
    if (groups.length > 0)
      messages.set(
        shop.name,
        run.t('combine.proposed', {
          count: groups.length,
          groups: groups.map((g) => `${g.key}（${run.t('combine.rows', { rows: g.rows.join(', ') })}）`).join(' / '),
        }),
      );
  }
  return messages;
}
