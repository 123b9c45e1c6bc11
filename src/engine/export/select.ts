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
}

export interface Skipped {
  key: string;
  row: number;
  reason: string;
}

export type ExportConnector = Pick<MallConnector, 'normalizeTracking' | 'isCancelledStatus'>;

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
  }

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
