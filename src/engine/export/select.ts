import { type MessageKey, translate } from '../../i18n';
import type { CellValue } from '../../ports';
import type { ExportLine, ExportOrder, MallConnector } from '../connector';
import type { ManagementStatus } from '../order-line';
import type { CarrierEntry, Locale } from '../settings/schema';
import { cellText } from '../text/sheet-text';
import { normalizeTrackingWidth } from '../text/tracking';
import { lookupCarrier } from './carrier-lookup';
import { readShippedOn } from './shipped-on';

/** One row of 受注一覧 for one shop, as the sheet holds it. */
export interface ExportRowInput {
  /** 1-based sheet row, for messages */
  row: number;
  orderId: string;
  lineId: string;
  sku: string;
  qty: CellValue;
  mallStatus: string;
  status: ManagementStatus | null;
  tracking: CellValue;
  carrier: CellValue;
  shippedOn: CellValue;
  exportedTracking: string;
  /** row number of the first row with the same key, when this one is a duplicate */
  duplicateOf?: number;
  /** the 同梱 group key, '' or absent when the row ships with its own order */
  combined?: string;
  /**
   * set when the row's 同梱 group joins rows of several shops or recipients (the group's rows, for the
   * message): none of it is sent
   */
  combinedMismatch?: number[];
}

export interface Skipped {
  key: string;
  row: number;
  reason: string;
  /** a row the seller readied that a 同梱 rule holds back: the reason also goes to its 書出結果 */
  combined?: true;
}

export type ExportConnector = Pick<MallConnector, 'normalizeTracking' | 'isCancelledStatus' | 'maxOrdersPerTracking'>;

export const lineKey = (orderId: string, lineId: string) => `${orderId}\u0000${lineId}`;

/**
 * docs/contract.md §3 export rules, pure. A row is ready when 伝票番号 and 出荷日 are filled, 管理ステータス is neither
 * 保留 nor キャンセル, the mall status is not cancelled, and its tracking number differs from the one the
 * mall last accepted. Orders with a ready row go out with all their rows; rows the user has started
 * (tracking or date filled) that cannot go get a reason naming the row.
 */
export function selectForExport(
  rows: readonly ExportRowInput[],
  connector: ExportConnector,
  carriers: readonly CarrierEntry[],
  opts: { locale: Locale; timezone: string },
): { orders: ExportOrder[]; skipped: Skipped[] } {
  const t = (key: MessageKey, params: Record<string, string | number>) => translate(opts.locale, key, params);
  const byOrder = new Map<string, ExportLine[]>();
  const skipped: Skipped[] = [];
  const entries: CombineEntry[] = [];

  for (const r of rows) {
    const key = lineKey(r.orderId, r.lineId);
    const rawTracking = cellText(r.tracking, opts.timezone);
    const lostDigits = trackingLostDigits(r.tracking, rawTracking);
    const tracking = rawTracking ? connector.normalizeTracking(normalizeTrackingWidth(rawTracking)) : '';
    const shipped = readShippedOn(r.shippedOn, opts.timezone);
    const started = tracking !== '' || shipped.kind !== 'empty';
    // started, and not just the number the mall already has (a date left after an export is no news)
    const pending = started && (tracking ? tracking !== r.exportedTracking : !r.exportedTracking);
    const skip = (msg: MessageKey, params: Record<string, string | number> = {}) =>
      skipped.push({ key, row: r.row, reason: t(msg, { row: r.row, ...params }) });

    if (r.duplicateOf !== undefined) {
      if (pending) skip('orders.skip.duplicate', { first: r.duplicateOf });
      continue;
    }
    const carrierName = cellText(r.carrier, opts.timezone).trim();
    let ready = false;
    if (pending) {
      if (r.status === 'hold') skip('orders.skip.hold');
      else if (r.status === 'cancelled') skip('orders.skip.cancelled');
      else if (connector.isCancelledStatus(r.mallStatus)) skip('orders.skip.mallCancelled', { status: r.mallStatus });
      else if (lostDigits) skip('orders.skip.trackingAsNumber', { value: rawTracking });
      else if (!tracking) skip('orders.skip.noTracking');
      else if (shipped.kind === 'empty') skip('orders.skip.noShippedOn');
      else if (shipped.kind === 'invalid') skip('orders.skip.badShippedOn', { value: shipped.text });
      else if (!carrierName) skip('orders.skip.noCarrier');
      else ready = true;
    }
    const qty = typeof r.qty === 'number' ? r.qty : Number(cellText(r.qty, opts.timezone)) || 0;
    const line: ExportLine = {
      key,
      orderId: r.orderId,
      lineId: r.lineId,
      sku: r.sku,
      qty,
      mallStatus: r.mallStatus,
      status: r.status,
      tracking,
      carrierName,
      carrier: carrierName ? lookupCarrier(carrierName, carriers) : null,
      shippedOn: shipped.kind === 'date' ? shipped.date : '',
      exportedTracking: r.exportedTracking,
      ready,
    };
    const list = byOrder.get(r.orderId);
    if (list) list.push(line);
    else byOrder.set(r.orderId, [line]);
    entries.push({ input: r, line, mallCancelled: connector.isCancelledStatus(r.mallStatus) });
  }
  for (const s of holdCombined(entries, connector.maxOrdersPerTracking, t)) skipped.push(s);

  const orders: ExportOrder[] = [];
  for (const [orderId, lines] of byOrder) if (lines.some((l) => l.ready)) orders.push({ orderId, lines });
  return { orders, skipped };
}

/**
 * A tracking number the sheet holds as a number past 2^53, or that reads in exponent form, has already lost
 * digits (the cell was not formatted as text): it must never be sent.
 */
function trackingLostDigits(cell: CellValue, text: string): boolean {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return true;
  return /^\s*[+-]?\d+(\.\d+)?e[+-]?\d+\s*$/i.test(text);
}

interface CombineEntry {
  input: ExportRowInput;
  line: ExportLine;
  mallCancelled: boolean;
}

/**
 * 同梱 at export (docs/contract.md §3 Combined shipments): a box goes whole or not at all — a row of the group
 * ready under a number waits while another row of the group has no number yet or has that number but is not
 * ready; a group across shops or recipients sends nothing; no tracking number covers more orders than the
 * mall takes. Rows held back turn not ready, with a reason naming the rows.
 */
function holdCombined(
  entries: readonly CombineEntry[],
  maxOrders: number | undefined,
  t: (key: MessageKey, params: Record<string, string | number>) => string,
): Skipped[] {
  const out: Skipped[] = [];
  const hold = (e: CombineEntry, msg: MessageKey, params: Record<string, string | number>) => {
    e.line.ready = false;
    out.push({ key: e.line.key, row: e.input.row, reason: t(msg, { row: e.input.row, ...params }), combined: true });
  };
  const groups = new Map<string, CombineEntry[]>();
  for (const e of entries) {
    const key = (e.input.combined ?? '').trim();
    if (key === '' || e.input.duplicateOf !== undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const [key, members] of groups) {
    // rows shipped before, held or cancelled are not part of what goes now
    const toShip = members.filter(
      (e) =>
        !e.mallCancelled &&
        e.input.status !== 'hold' &&
        e.input.status !== 'cancelled' &&
        e.line.exportedTracking === '',
    );
    const ready = toShip.filter((e) => e.line.ready);
    if (ready.length === 0) continue;
    const mismatch = members.find((e) => e.input.combinedMismatch)?.input.combinedMismatch;
    if (mismatch) {
      for (const e of ready) hold(e, 'orders.skip.combinedMismatch', { key, rows: mismatch.join(', ') });
      continue;
    }
    // a row of the group with no number yet, or with this number but not ready, would be left out of the
    // box this number ships; rows under another number ship apart, as the seller numbered them
    for (const e of ready) {
      const behind = toShip.filter(
        (b) => b.line.tracking === '' || (b.line.tracking === e.line.tracking && !b.line.ready),
      );
      if (behind.length > 0)
        hold(e, 'orders.skip.combinedSplit', { key, rows: behind.map((b) => b.input.row).join(', ') });
    }
  }
  if (maxOrders !== undefined) {
    const ordersOf = new Map<string, Set<string>>();
    for (const e of entries) {
      for (const n of new Set([e.line.ready ? e.line.tracking : '', e.line.exportedTracking])) {
        if (n === '') continue;
        const set = ordersOf.get(n) ?? new Set<string>();
        set.add(e.input.orderId);
        ordersOf.set(n, set);
      }
    }
    for (const e of entries) {
      const count = e.line.ready ? (ordersOf.get(e.line.tracking)?.size ?? 0) : 0;
      if (count > maxOrders)
        hold(e, 'orders.skip.combinedTooMany', { tracking: e.line.tracking, count, max: maxOrders });
    }
  }
  return out;
}
