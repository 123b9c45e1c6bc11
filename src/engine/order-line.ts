import { z } from 'zod';

/**
 * What a connector hands the engine for one row of 受注一覧 (one order line / SKU).
 * IDs are strings (TikTok's exceed 2^53); amounts keep their currency; times are epoch ms.
 */
export const OrderLineSchema = z.object({
  orderId: z.string().min(1),
  lineId: z.string().min(1),
  /** The mall's current status as a readable label, e.g. "UN_SHIPPING" or "配送要請". */
  mallStatus: z.string(),
  /** The mall reports this line cancelled (docs/contract.md §3 cancellation rule). */
  cancelled: z.boolean(),
  /** The mall holds the order (TikTok ON_HOLD): new rows start as 保留 and are released later. */
  hold: z.boolean().default(false),
  orderedAt: z.number().nullable(),
  shipBy: z.number().nullable(),
  item: z.string(),
  sku: z.string(),
  variant: z.string(),
  qty: z.number(),
  unitPrice: z.number().nullable(),
  amount: z.number().nullable(),
  currency: z.string(),
  recipient: z.string(),
  postalCode: z.string(),
  address: z.string(),
  phone: z.string(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** A status change for a line that may already be in the sheet, without its other fields (Qoo10 claims). */
export const LineStatusUpdateSchema = z.object({
  orderId: z.string().min(1),
  lineId: z.string().min(1),
  mallStatus: z.string(),
  cancelled: z.boolean(),
});
export type LineStatusUpdate = z.infer<typeof LineStatusUpdateSchema>;

/** 管理ステータス, by canonical id; the sheet shows the locale's label (either locale is read back). */
export const MANAGEMENT_STATUSES = ['new', 'awaiting', 'done', 'hold', 'cancelled'] as const;
export type ManagementStatus = (typeof MANAGEMENT_STATUSES)[number];
export const MANAGEMENT_STATUS_LABELS: Record<'ja' | 'en', Record<ManagementStatus, string>> = {
  ja: { new: '新規受付', awaiting: '発送待ち', done: '処理済', hold: '保留', cancelled: 'キャンセル' },
  en: { new: 'New', awaiting: 'Awaiting shipment', done: 'Done', hold: 'On hold', cancelled: 'Cancelled' },
};
