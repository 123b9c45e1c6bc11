import { z } from 'zod';

/** zod schemas for every TikTok Shop answer the connector reads (docs/malls/tiktok-shop.md §1–§5). Tolerant where fields vary. */

/** IDs are strings on the wire; parseJsonKeepingBigInts turns any bare 16+ digit number into one too. */
const Id = z.union([z.string().min(1), z.number()]).transform(String);
const Str = z.union([z.string(), z.number()]).transform(String);
const optStr = Str.nullish().transform((v) => v ?? '');
const Seconds = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/** Every Open API answer (docs/malls/tiktok-shop.md §5): success is code 0 in the body, whatever the HTTP status. */
export const EnvelopeSchema = z.object({
  code: z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number),
  message: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  request_id: z.string().nullish(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** Get Access Token / Refresh Token data: both *_expire_in are absolute Unix seconds (docs/malls/tiktok-shop.md §1.2, pitfall 13). */
export const TokenDataSchema = z.object({
  access_token: z.string().min(1),
  access_token_expire_in: Seconds,
  refresh_token: z.string().min(1),
  refresh_token_expire_in: Seconds,
});
export type TokenData = z.infer<typeof TokenDataSchema>;

/** Get Authorized Shops (docs/malls/tiktok-shop.md §1.4). */
export const ShopsDataSchema = z.object({
  shops: z
    .array(z.object({ id: Id, name: optStr, region: optStr, cipher: z.string().min(1), code: optStr }))
    .nullish()
    .transform((v) => v ?? []),
});
export type AuthorizedShop = z.infer<typeof ShopsDataSchema>['shops'][number];

const LineItemSchema = z.object({
  id: Id,
  sku_id: optStr,
  seller_sku: optStr,
  product_id: optStr,
  product_name: optStr,
  sku_name: optStr,
  sale_price: optStr,
  original_price: optStr,
  currency: optStr,
  display_status: optStr,
  package_id: optStr,
  tracking_number: optStr,
});
export type LineItem = z.infer<typeof LineItemSchema>;

const AddressSchema = z.object({
  name: optStr,
  phone_number: optStr,
  postal_code: optStr,
  full_address: optStr,
  address_detail: optStr,
  district_info: z
    .array(z.object({ address_level: optStr, address_name: optStr }))
    .nullish()
    .transform((v) => v ?? []),
});

/** Search Orders / Get Order Detail orders[] (docs/malls/tiktok-shop.md §3): only the fields the sheet and the export need. */
export const OrderSchema = z.object({
  id: Id,
  status: z.string(),
  create_time: Seconds.nullish(),
  update_time: Seconds.nullish(),
  rts_sla_time: Seconds.nullish(),
  delivery_option_id: optStr,
  warehouse_id: optStr,
  payment: z.object({ currency: optStr }).nullish(),
  // ON_HOLD and UNPAID orders come without an address (pitfall 11)
  recipient_address: AddressSchema.nullish(),
  line_items: z.array(LineItemSchema).min(1),
  /** the packages the order ships in (docs/malls/tiktok-shop.md §3): more than one = a split order */
  packages: z
    .array(z.object({ id: Id }))
    .nullish()
    .transform((v) => v ?? []),
});
export type TikTokOrder = z.infer<typeof OrderSchema>;

export const SearchOrdersDataSchema = z.object({
  next_page_token: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  total_count: z.number().nullish(),
  orders: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
});

export const OrderDetailDataSchema = z.object({
  orders: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
});

/** Get Shipping Providers (docs/malls/tiktok-shop.md §4.1). */
export const ProvidersDataSchema = z.object({
  shipping_providers: z
    .array(z.object({ id: Id, name: optStr }))
    .nullish()
    .transform((v) => v ?? []),
});

export const WarehousesDataSchema = z.object({
  warehouses: z
    .array(z.object({ id: Id, type: optStr, is_default: z.boolean().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});

export const DeliveryOptionsDataSchema = z.object({
  delivery_options: z
    .array(z.object({ id: Id, name: optStr, type: optStr }))
    .nullish()
    .transform((v) => v ?? []),
});

/** Mark Package As Shipped data: an optional warning such as "match more than one provider" (docs/malls/tiktok-shop.md §4.2). */
export const MarkShippedDataSchema = z
  .object({ package_id: optStr, warning: z.object({ message: optStr }).nullish() })
  .nullish();
