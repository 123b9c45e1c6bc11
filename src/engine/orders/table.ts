import type { SpreadsheetPort } from '../../ports';
import type { CarrierEntry, Locale } from '../settings/schema';
import type { LineStatusUpdate, ManagementStatus, OrderLine } from '../order-line';
import type { ExportOrder, LineOutcome, MallConnector } from '../../malls/connector';

export interface ShopRowDefaults {
  name: string;
  mallLabel: string;
  initialStatus: ManagementStatus;
  defaultCarrier: string;
}
export interface UpsertCounts {
  fetched: number;
  new: number;
  updated: number;
  warnings: string[];
}

/** 受注一覧 / Orders (CONTRACT §2–§3). Work in progress: API first so run orchestration can be written against it. */
export class OrdersTable {
  private constructor() {}
  static open(_book: SpreadsheetPort, _opts: { locale: Locale; timezone: string }): OrdersTable {
    throw new Error('OrdersTable.open: not implemented yet');
  }
  upsert(_shop: ShopRowDefaults, _lines: OrderLine[], _updates: LineStatusUpdate[], _now: number): UpsertCounts {
    throw new Error('OrdersTable.upsert: not implemented yet');
  }
  selectForExport(
    _shopName: string,
    _connector: Pick<MallConnector, 'normalizeTracking' | 'isCancelledStatus'>,
    _carriers: CarrierEntry[],
  ): { orders: ExportOrder[]; skipped: { key: string; row: number; reason: string }[] } {
    throw new Error('OrdersTable.selectForExport: not implemented yet');
  }
  applyOutcomes(_shopName: string, _orders: ExportOrder[], _outcomes: LineOutcome[], _now: number): { exported: number; failed: number } {
    throw new Error('OrdersTable.applyOutcomes: not implemented yet');
  }
  flush(): void {
    throw new Error('OrdersTable.flush: not implemented yet');
  }
}
