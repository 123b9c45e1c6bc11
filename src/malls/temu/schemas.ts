import { z } from 'zod';

/**
 * zod schemas for every Temu answer we read. Tolerant where the spec says fields vary: optional/nullable
 * fields, ids as number or string (parseJsonKeepingBigInts turns long ones into strings), unknown fields kept.
 */

/** An id as Temu sends it (LONG or STRING) → string. */
export const IdSchema = z.union([z.string(), z.number()]).transform((v) => String(v));
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? '' : String(v)));
const epochSeconds = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

/** Spec §5: success is errorCode 1000000 with success:true; business errors arrive on HTTP 200. */
export const EnvelopeSchema = z.object({
  success: z.boolean(),
  errorCode: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? 0 : Number(v))),
  errorMsg: z.string().nullish(),
  result: z.unknown().optional(),
});

/** Spec §3.2: child orders carry exactly one Temu SKU each. */
export const ChildOrderSchema = z.object({
  orderSn: IdSchema,
  orderStatus: z.number(),
  quantity: z.number(),
  goodsName: text,
  spec: text,
  originalGoodsName: text,
  originalSpecName: text,
  orderCreateTime: epochSeconds,
  productList: z.array(z.object({ extCode: text }).passthrough()).nullish(),
});
export type ChildOrder = z.infer<typeof ChildOrderSchema>;

export const ParentOrderSchema = z.object({
  parentOrderSn: IdSchema,
  parentOrderStatus: z.number(),
  parentOrderTime: epochSeconds,
  updateTime: epochSeconds,
  expectShipLatestTime: epochSeconds,
});

export const ListItemSchema = z.object({ parentOrderMap: ParentOrderSchema, orderList: z.array(ChildOrderSchema) });
export type ListItem = z.infer<typeof ListItemSchema>;

export const OrderListResultSchema = z.object({
  totalItemNum: z.number(),
  pageItems: z
    .array(ListItemSchema)
    .nullish()
    .transform((v) => v ?? []),
});

/** bg.order.shippinginfo.v2.get (docs/malls/temu.md §3.2 "Address"). */
export const ShippingInfoSchema = z.object({
  receiptName: text,
  mobile: text,
  regionName1: text,
  regionName2: text,
  regionName3: text,
  regionName4: text,
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  addressLineAll: text,
  postCode: text,
});
export type ShippingInfo = z.infer<typeof ShippingInfoSchema>;

/** Money in the currency's minor unit (docs/malls/temu.md §3.3). */
export const MoneySchema = z.object({
  currency: z.string(),
  amount: z.union([z.number(), z.string()]).transform(Number),
});
export type Money = z.infer<typeof MoneySchema>;

/** bg.order.amount.query: per child order prices (docs/malls/temu.md §3.3). */
export const AmountResultSchema = z.object({
  orderList: z
    .array(
      z.object({
        orderSn: IdSchema,
        quantity: z.number().nullish(),
        unitRetailPrice: MoneySchema.nullish(),
        unitBasePrice: MoneySchema.nullish(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
export type AmountResult = z.infer<typeof AmountResultSchema>;

/** bg.open.accesstoken.info.get (docs/malls/temu.md §5 Tokens). */
export const TokenInfoSchema = z.object({
  expiredTime: z.number().nullish(),
  regionId: z.number().nullish(),
  mallId: IdSchema.nullish(),
  apiScopeList: z.array(z.string()).nullish(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

/** bg.logistics.companies.get: result is an array (docs/malls/temu.md §2). */
export const CompaniesResultSchema = z.array(
  z.object({
    logisticsServiceProviderId: IdSchema,
    logisticsServiceProviderName: text,
    logisticsBrandName: text,
  }),
);

/** bg.logistics.warehouse.list.get (docs/malls/temu.md §2 Related). */
export const WarehouseListResultSchema = z.object({
  warehouseList: z
    .array(z.object({ warehouseId: IdSchema, warehouseName: text, defaultWarehouse: z.boolean().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type Warehouse = z.infer<typeof WarehouseListResultSchema>['warehouseList'][number];

/** v2.confirm result (docs/malls/temu.md §1.1): warnings are shown to the user. */
export const ConfirmResultSchema = z
  .object({ warningMessage: z.array(z.string()).nullish() })
  .nullish()
  .transform((v) => v?.warningMessage ?? []);

/** bg.logistics.shipment.v2.get (docs/malls/temu.md §1.2): the packages holding one child order. */
export const ShipmentInfoSchema = z
  .object({
    shipmentInfoDTO: z
      .array(
        z.object({
          packageSn: text,
          trackingNumber: text,
          subPackageShipmentInfoList: z
            .array(z.object({ trackingNumber: text }).passthrough())
            .nullish()
            .transform((v) => v ?? []),
        }),
      )
      .nullish()
      .transform((v) => v ?? []),
  })
  .nullish()
  .transform((v) => v?.shipmentInfoDTO ?? []);
