import { z } from 'zod';
import { LOCALES, type Locale } from '../../i18n';
import { MANAGEMENT_STATUS_LABELS } from '../order-line';

/** docs/contract.md §4: one schema; the Settings tab and the CLI's JSON config both parse into it. */

export const LocaleSchema = z.enum(LOCALES);
export type { Locale };

/** scheme://host[:port] only: paths stay the mall's own (docs/contract.md §4 endpoints). */
export const EndpointSchema = z
  .string()
  .regex(/^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'scheme://host[:port] only, no path');

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
  fetch: z.object({
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
  /** 納品書コメント: printed on this shop's packing slips (docs/contract.md §4, as GoQSystem keeps per shop). */
  slipComment: z.string().optional(),
  endpoints: z.object({ api: EndpointSchema.optional(), auth: EndpointSchema.optional() }).optional(),
});
export type ShopSettings = z.infer<typeof ShopBaseSchema>;

/** The label files MallSheet writes and reads (docs/shipping-labels.md): B2クラウド, e飛伝Ⅱ, ゆうプリR, クリックポスト. */
export const LABEL_FORMATS = ['b2', 'ehiden2', 'yupri', 'clickpost'] as const;
export const LabelFormatSchema = z.enum(LABEL_FORMATS);
export type LabelFormat = z.infer<typeof LabelFormatSchema>;

export const CarrierSchema = z
  .object({
    name: z.string().trim().min(1),
    temu: z.string().optional(),
    tiktok: z.string().optional(),
    qoo10: z.string().optional(),
    /** the label format whose issued data sets this carrier on a row (docs/contract.md §4) */
    labels: LabelFormatSchema.optional(),
  })
  .catchall(z.string().optional());
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
/** Digits after full-width → half-width and without hyphens or spaces: how carriers compare codes. */
const digitsOf = (v: string) => v.normalize('NFKC').replace(/[\s\-‐－ー−]/g, '');

/** ご依頼主 on labels and 納品書 (docs/contract.md §4); optional until labels or slips are used. */
export const ShipperSchema = z.object({
  name: z.string().trim().min(1),
  postalCode: z
    .string()
    .trim()
    .refine((v) => /^\d{7}$/.test(digitsOf(v)), { message: 'postal' }),
  address: z.string().trim().min(1),
  phone: z
    .string()
    .trim()
    .refine((v) => /^\+?\d{9,13}$/.test(digitsOf(v)), { message: 'phone' }),
});
export type Shipper = z.infer<typeof ShipperSchema>;

/** B2クラウド's billing fields (請求先顧客コード, 分類コード, 運賃管理番号) and default 品名 / 荷扱い (docs/shipping-labels.md §2.1). */
export const B2SettingsSchema = z.object({
  billingCode: z
    .string()
    .trim()
    .refine((v) => /^\d{10,12}$/.test(digitsOf(v)), { message: 'billingCode' }),
  billingClass: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{3}$/.test(digitsOf(v)), { message: 'billingClass' })
    .default(''),
  freightNo: z
    .string()
    .trim()
    .refine((v) => /^\d{2}$/.test(digitsOf(v)), { message: 'freightNo' }),
  itemName: z.string().trim().default(''),
  handling: z.string().trim().default(''),
});
export type B2Settings = z.infer<typeof B2SettingsSchema>;

export const LabelSettingsSchema = z.object({ b2: B2SettingsSchema.optional() });
export type LabelSettings = z.infer<typeof LabelSettingsSchema>;

/** The Google account the sheet runs under: its daily quotas differ (docs/apps-script.md §C1). */
export const ACCOUNT_TYPES = ['consumer', 'workspace'] as const;
const lowerTrim = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v);
/** the Settings tab gives text: a whole number typed there counts as that number */
function wholeNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const text = v.normalize('NFKC').trim();
  return text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : v;
}
/** 納品書 printing: after a print, 新規受付 rows may move to 発送待ち (off unless the seller turns it on). */
export const SlipSettingsSchema = z.object({
  advanceStatus: z.boolean().default(false),
});
export type SlipSettings = z.infer<typeof SlipSettingsSchema>;

export const SettingsBaseSchema = z.object({
  locale: LocaleSchema.default('ja'),
  timezone: z.string().default('Asia/Tokyo'),
  accountType: z.preprocess(lowerTrim, z.enum(ACCOUNT_TYPES).default('consumer')),
  /** 処理済 / キャンセル rows older than this move to 受注アーカイブ (docs/contract.md §2); 0 = never */
  archiveAfterDays: z.preprocess(wholeNumber, z.number().int().min(0).max(3650).default(90)),
  shops: z.array(z.unknown()),
  shipper: ShipperSchema.optional(),
  labels: LabelSettingsSchema.optional(),
  slips: SlipSettingsSchema.optional(),
  carriers: z.array(CarrierSchema).default([]),
  alerts: AlertsSchema.optional(),
});

export interface Settings {
  locale: Locale;
  timezone: string;
  /** default 'consumer' (90 trigger minutes and 20,000 URL fetches a day) */
  accountType?: (typeof ACCOUNT_TYPES)[number];
  /** default 90; 0 = never archive */
  archiveAfterDays?: number;
  shops: ShopSettings[];
  carriers: CarrierEntry[];
  alerts?: AlertSettings;
  shipper?: Shipper;
  labels?: LabelSettings;
  slips?: SlipSettings;
}
