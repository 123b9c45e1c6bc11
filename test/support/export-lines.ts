import type { ExportLine, ExportOrder } from '../../src/engine/connector';
import type { OrderLine } from '../../src/engine/order-line';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';

/** A fetched line's row as the exporter sees it: new, ready, shipped with the demo's first carrier; then `over`. */
export function exportLineOf(l: OrderLine, over: Partial<ExportLine> = {}): ExportLine {
  return {
    key: `${l.orderId}\u0000${l.lineId}`,
    orderId: l.orderId,
    lineId: l.lineId,
    sku: l.sku,
    qty: l.qty,
    mallStatus: l.mallStatus,
    status: 'new',
    tracking: '',
    carrierName: 'ヤマト運輸',
    carrier: DEMO_CARRIERS[0],
    shippedOn: '2026-11-22',
    exportedTracking: '',
    ready: true,
    ...over,
  };
}

/** All rows of each order, grouped in first-seen order, as the engine hands them over. */
export function byOrder(lines: ExportLine[]): ExportOrder[] {
  const m = new Map<string, ExportLine[]>();
  for (const l of lines) m.set(l.orderId, [...(m.get(l.orderId) ?? []), l]);
  return [...m].map(([orderId, ls]) => ({ orderId, lines: ls }));
}
