import { z } from 'zod';
import { MANAGEMENT_STATUS_LABELS } from '../order-line';

/** docs/contract.md §4: one schema; the Settings tab and the CLI's JSON config both parse into it. */

export const LocaleSchema = z.enum(['ja', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** scheme://host[:port] only: paths stay the mall's own (docs/contract.md §4 endpoints). */
export const EndpointSchema = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.\-]+(:\d{1,5})?$/, 'scheme://host[:port] only, no path');

const ALL_STATUS_LABELS = new Set<string>([
  ...Object.values(MANAGEMENT_STATUS_LABELS.ja),
  ...Object.values(MANAGEMENT_STATUS_LABELS.en),
]);

export const ShopBaseSchema = z.object({
  name: z.string().trim().min(1),
  mall: z.string(),
  enabled: z.boolean().default(true),
  /** Validated per mall by the connector's credentialsSchema. */
  credentials: z.record(z.string(), z.string()).default({}),
  region: z.enum(['us', 'eu', 'global']).optional(),
  warehouseId: z.string().optional(),
  fetch: z
    .object({
      statuses: z.array(z.string()).min(1),
      days: z.number().int().min(1).max(365),
    }),
  initialStatus: z
    .string()
    .refine((s) => ALL_STATUS_LABELS.has(s), { message: 'one of 新規受付 / 発送待ち / 処理済 / 保留 / キャンセル' })
    .default('新規受付'),
  autoFetchMinutes: z.number().int().min(0).default(30),
  autoExport: z.boolean().default(false),
  defaultCarrier: z.string().default(''),
  endpoints: z.object({ api: EndpointSchema.optional(), auth: EndpointSchema.optional() }).optional(),
});
export type ShopSettings = z.infer<typeof ShopBaseSchema>;

export const CarrierSchema = z.object({
  name: z.string().trim().min(1),
  temu: z.string().optional(),
  tiktok: z.string().optional(),
  qoo10: z.string().optional(),
}).catchall(z.string().optional());
export type CarrierEntry = z.infer<typeof CarrierSchema>;

/**
 * docs/contract.md §4 alerts. Addresses are not validated here: a bad address must never stop a run, so
 * delivery skips it and the Log names it once. The webhook URL is a secret (it lets anyone post to the room).
 */
export const AlertsSchema = z.object({
  email: z.array(z.string()).optional(),
  webhook: z.string().trim().min(1).optional(),
  digest: z.boolean().default(false),
});
export type AlertSettings = z.infer<typeof AlertsSchema>;

export const SettingsBaseSchema = z.object({
  locale: LocaleSchema.default('ja'),
  timezone: z.string().default('Asia/Tokyo'),
  shops: z.array(z.unknown()),
  carriers: z.array(CarrierSchema).default([]),
  alerts: AlertsSchema.optional(),
});

export interface Settings {
  locale: Locale;
  timezone: string;
  shops: ShopSettings[];
  carriers: CarrierEntry[];
  alerts?: AlertSettings;
}
