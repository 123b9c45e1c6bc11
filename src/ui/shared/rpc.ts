import { z } from 'zod';
import { LABEL_FORMATS } from '../../engine/settings/schema';

/**
 * The calls the sidebar and the date-range dialog make through google.script.run: one request schema
 * and one response type per call. Only JSON crosses (strings, numbers, booleans, arrays, plain objects):
 * a Date makes the call fail in Apps Script (docs/apps-script.md §C6), so times travel as
 * text already formatted in the sheet's time zone.
 */

/** A shop as the form edits it: text inputs stay text, the server turns them into the settings model. */
export const ShopFormSchema = z.object({
  name: z.string(),
  mall: z.string(),
  enabled: z.boolean(),
  /** non-secret credential fields only (secret keys sent here are ignored) */
  credentials: z.record(z.string(), z.string()),
  /** secret values the user just typed; '' keeps the saved value. Never sent back to the page. */
  secrets: z.record(z.string(), z.string()),
  region: z.string(),
  warehouseId: z.string(),
  statuses: z.array(z.string()),
  days: z.string(),
  initialStatus: z.string(),
  autoFetchMinutes: z.string(),
  autoExport: z.boolean(),
  defaultCarrier: z.string(),
  endpointApi: z.string(),
  endpointAuth: z.string(),
});
export type ShopForm = z.infer<typeof ShopFormSchema>;

export const CarrierRowSchema = z.object({
  name: z.string(),
  /** carrier-table column (a connector's carrierKey) → value */
  values: z.record(z.string(), z.string()),
});
export type CarrierRow = z.infer<typeof CarrierRowSchema>;

export const EmptyRequestSchema = z.object({}).strict();
export const SaveShopRequestSchema = z.object({
  /** the shop's name before this edit; null for a new shop */
  originalName: z.string().nullable(),
  shop: ShopFormSchema,
});
export const DeleteShopRequestSchema = z.object({ name: z.string() });
export const SaveCarriersRequestSchema = z.object({ carriers: z.array(CarrierRowSchema) });
export const SaveGeneralRequestSchema = z.object({ locale: z.string(), timezone: z.string() });
export const CheckShopRequestSchema = z.object({ shop: z.string() });
export const SaveAlertsRequestSchema = z.object({
  /** addresses as typed, comma-separated; '' = the sheet's owner */
  email: z.string(),
  digest: z.boolean(),
  /** a webhook URL just typed; '' keeps the saved one */
  webhook: z.string(),
  /** forget the saved webhook */
  clearWebhook: z.boolean(),
});
export const FetchRangeRequestSchema = z.object({
  /** YYYY-MM-DD, both days included, in the settings' time zone */
  from: z.string(),
  to: z.string(),
  /** one shop's name, or '' for every enabled shop */
  shop: z.string(),
});

export type SaveShopRequest = z.infer<typeof SaveShopRequestSchema>;
export type DeleteShopRequest = z.infer<typeof DeleteShopRequestSchema>;
export type SaveCarriersRequest = z.infer<typeof SaveCarriersRequestSchema>;
export type SaveGeneralRequest = z.infer<typeof SaveGeneralRequestSchema>;
export type CheckShopRequest = z.infer<typeof CheckShopRequestSchema>;
export type SaveAlertsRequest = z.infer<typeof SaveAlertsRequestSchema>;
export type FetchRangeRequest = z.infer<typeof FetchRangeRequestSchema>;

/** A problem with one input: `field` names the form control (e.g. 'days', 'secrets.appSecret'), '' = the form. */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface CredentialFieldView {
  key: string;
  label: string;
  secret: boolean;
  required: boolean;
}

export interface MallView {
  id: string;
  label: string;
  credentialFields: CredentialFieldView[];
  /** optional shop fields this mall reads besides the common ones (docs/contract.md §4: region, warehouseId) */
  extraFields: ('region' | 'warehouseId')[];
  statuses: string[];
  defaultStatuses: string[];
  /** needs an auth host besides the API host (TikTok) */
  hasAuthEndpoint: boolean;
  carrierKey: string;
}

export interface ShopView {
  /** the form's values; secret credential values are never included */
  form: ShopForm;
  /** secret field key → saved or not (the value itself never leaves the server) */
  secretsSaved: Record<string, boolean>;
  /** last successful fetch, formatted in the time zone; null when never */
  lastFetch: string | null;
  /** token / key expiry, formatted; null when unknown */
  expiry: string | null;
  /** whole days until expiry (negative: expired); null when unknown */
  expiryDays: number | null;
  /** what the engine's schema says is wrong with this shop as saved (e.g. typed in the Settings tab) */
  issues: FieldIssue[];
}

export interface SidebarState {
  locale: 'ja' | 'en';
  timezone: string;
  /** the page's texts in the user's language (the sidebar section of src/i18n) */
  strings: Record<string, string>;
  malls: MallView[];
  shops: ShopView[];
  carriers: CarrierRow[];
  /** 管理ステータス labels in the user's language */
  managementStatuses: string[];
  /** auto-fetch intervals the timer can honour (0 = off) */
  autoFetchChoices: number[];
  /** settings problems outside any shop form (e.g. the carrier table), readable */
  problems: string[];
  /** where alerts go; the webhook URL itself never leaves the server */
  alerts: { email: string; digest: boolean; webhookSaved: boolean };
}

export interface TestAlertResponse {
  delivered: boolean;
  /** readable problems (a bad address, a refused webhook); empty when every channel took it */
  problems: string[];
}

export interface CheckLineView {
  id: string;
  ok: boolean;
  message: string;
}

export interface SaveShopResponse {
  saved: boolean;
  issues: FieldIssue[];
  /** the fresh state after a successful save */
  state: SidebarState | null;
}

export interface SaveCarriersResponse {
  saved: boolean;
  /** row index (0-based) → problems; -1 for the table as a whole */
  issues: { row: number; field: string; message: string }[];
  state: SidebarState | null;
}

export interface CheckShopResponse {
  shop: string;
  lines: CheckLineView[];
}

export interface DateRangeState {
  locale: 'ja' | 'en';
  strings: Record<string, string>;
  /** enabled shop names */
  shops: string[];
  /** today and the default start (today − 7 days), YYYY-MM-DD in the time zone */
  today: string;
  defaultFrom: string;
}

export interface FetchRangeResponse {
  /** false when the dates were invalid: issues say why (nothing was fetched) */
  done: boolean;
  issues: FieldIssue[];
  /** one readable line per shop */
  lines: { shop: string; ok: boolean; message: string }[];
}

export const SlipsRequestSchema = z.object({
  /** 1-based 受注一覧 rows to print (what the preview showed); null: decided by useSelection */
  rows: z.array(z.number().int().min(2)).max(50_000).nullable(),
  /** with rows null: the seller's selection on 受注一覧 when there is one, else the label-CSV rows */
  useSelection: z.boolean(),
});
export type SlipsRequest = z.infer<typeof SlipsRequestSchema>;

export interface SlipsState {
  locale: 'ja' | 'en';
  strings: Record<string, string>;
  /** the 納品書 and picking list as they will print (rendered in a sandboxed frame) */
  html: string;
  shipments: number;
  pickingLines: number;
  /** the rows the seller had selected on 受注一覧 when the dialog opened ([] when none) */
  selection: number[];
  /** which rows this preview shows */
  rows: number[] | null;
  /** printing moves 新規受付 rows to 発送待ち (the settings' slips.advanceStatus) */
  advancesStatus: boolean;
  /** readable lines: invalid settings, no shipper, busy */
  notes: string[];
}

export interface SlipsPdfResponse {
  done: boolean;
  /** the PDF, base64 ('' when not done) */
  base64: string;
  fileName: string;
  /** one readable line per shop, or why nothing was printed */
  lines: string[];
}

export const LabelExportRequestSchema = z.object({
  format: z.enum(LABEL_FORMATS),
  /** one shop's name, or '' for every shop */
  shop: z.string(),
  /** rows that have a 送り状キー get a new one (the CLI's --reissue) */
  reissue: z.boolean(),
});
export type LabelExportRequest = z.infer<typeof LabelExportRequestSchema>;
/** The dialog's first preview asks with no format: the server picks the one the shops' carriers use. */
export const LabelExportStateRequestSchema = LabelExportRequestSchema.extend({
  format: z.enum(LABEL_FORMATS).nullable(),
});
export type LabelExportStateRequest = z.infer<typeof LabelExportStateRequestSchema>;

/** A label format as the dialogs offer it. */
export interface LabelFormatView {
  id: (typeof LABEL_FORMATS)[number];
  title: string;
  /** the carrier writes an issued-data file MallSheet reads back */
  issued: boolean;
}

export interface LabelExportState {
  locale: 'ja' | 'en';
  strings: Record<string, string>;
  formats: LabelFormatView[];
  /** every shop in the settings */
  shops: string[];
  /** what this preview was made for */
  request: LabelExportRequest;
  /** lines the file will have (one per shipment) and the 受注一覧 rows they carry */
  shipments: number;
  rows: number;
  /** rows kept out of the file; `lines` say which and why */
  keptOut: number;
  /** readable lines: per shop the summary and each note, then skipped keyed rows; or why nothing can be made */
  lines: string[];
  /** the run cannot make a file (missing ご依頼主, busy, invalid settings): `lines` say why */
  stopped: boolean;
}

export interface LabelExportFile {
  done: boolean;
  /** the file as the carrier's software reads it (Windows-31J, CRLF), base64; '' when not done */
  base64: string;
  fileName: string;
  shipments: number;
  lines: string[];
}

/** The largest issued file the dialog sends (as base64): 5,000 B2 lines are about 1.5 MB. */
export const LABEL_FILE_MAX_BASE64 = 14_000_000;

export const LabelImportRequestSchema = z.object({
  /** a format with issued data, or 'auto': the one whose header the file has */
  format: z.union([z.enum(LABEL_FORMATS), z.literal('auto')]),
  /** the file's name as the browser gives it (for messages only) */
  fileName: z.string().max(500),
  /** the file's bytes, base64 */
  base64: z.string().max(LABEL_FILE_MAX_BASE64),
});
export type LabelImportRequest = z.infer<typeof LabelImportRequestSchema>;

export interface LabelImportState {
  locale: 'ja' | 'en';
  strings: Record<string, string>;
  /** the formats whose issued data can be read back */
  formats: LabelFormatView[];
  /** the largest file the server takes, in bytes (the page refuses bigger ones before sending) */
  maxBytes: number;
}

/** What an import does, or did: row references in 受注一覧 (1-based sheet rows) and lines of the file. */
export interface LabelImportPlanView {
  /** the format read (detected or chosen); null when the file is of none */
  format: string | null;
  /** the file is not of the format (or not text): nothing will be or was written; `lines` say why */
  refused: boolean;
  fills: { row: number; shop: string; key: string; tracking: string; shippedOn: string }[];
  unchanged: number;
  conflicts: { line: number; key: string; row: number; shop: string; sheet: string; file: string }[];
  unknown: { line: number; key: string }[];
  invalid: { line: number; key: string; value: string }[];
  /** readable lines: the summary, then each conflict, unknown key and unreadable line (or why refused) */
  lines: string[];
  /** for apply: the rows were written (a preview never writes) */
  applied: boolean;
}

/** Every call: the request the server parses with its schema, and what it answers. */
export interface UiApi {
  sidebarGetState: { req: z.infer<typeof EmptyRequestSchema>; res: SidebarState };
  sidebarSaveShop: { req: SaveShopRequest; res: SaveShopResponse };
  sidebarDeleteShop: { req: DeleteShopRequest; res: SidebarState };
  sidebarSaveCarriers: { req: SaveCarriersRequest; res: SaveCarriersResponse };
  sidebarSaveGeneral: { req: SaveGeneralRequest; res: SaveShopResponse };
  sidebarCheckShop: { req: CheckShopRequest; res: CheckShopResponse };
  sidebarSaveAlerts: { req: SaveAlertsRequest; res: SaveShopResponse };
  sidebarTestAlert: { req: z.infer<typeof EmptyRequestSchema>; res: TestAlertResponse };
  dateRangeGetState: { req: z.infer<typeof EmptyRequestSchema>; res: DateRangeState };
  fetchOrdersForRange: { req: FetchRangeRequest; res: FetchRangeResponse };
  slipsGetState: { req: SlipsRequest; res: SlipsState };
  slipsMakePdf: { req: SlipsRequest; res: SlipsPdfResponse };
  labelExportGetState: { req: LabelExportStateRequest; res: LabelExportState };
  labelExportMakeFile: { req: LabelExportRequest; res: LabelExportFile };
  labelImportGetState: { req: z.infer<typeof EmptyRequestSchema>; res: LabelImportState };
  labelImportPreview: { req: LabelImportRequest; res: LabelImportPlanView };
  labelImportApply: { req: LabelImportRequest; res: LabelImportPlanView };
}
export type UiCall = keyof UiApi;

/**
 * What every call returns: the answer, or a readable message (never a stack trace, never a secret).
 * The envelope keeps failures inside the JSON so the page can show them in the user's language.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; message: string };
