import { atHouse, BUYERS, PRODUCTS, pick, rng, type SampleBuyer, type SampleProduct } from '../sample-data';

/**
 * Deterministic Temu sample orders (docs/malls/temu.md §3.2 shapes): Japan store (regionId 100, siteId 118, JPY),
 * parents `PO-100-<17 digits>` with 1–3 child orders `100-<17 digits>`, some cancelled (whole parent or
 * one child), some already shipped, a few still PENDING. Cheap enough for 10,000 orders.
 */

export const REGION_ID = 100;
export const SITE_ID = 118;
export const CURRENCY = 'JPY';

/** docs/malls/temu.md §3.1 parentOrderStatus values */
export const STATUS = {
  PENDING: 1,
  UN_SHIPPING: 2,
  CANCELED: 3,
  SHIPPED: 4,
  RECEIPTED: 5,
  PARTIALLY_SHIPPED: 41,
  PARTIALLY_RECEIPTED: 51,
} as const;

export interface SandboxChild {
  orderSn: string;
  status: number;
  quantity: number;
  originalQuantity: number;
  goodsId: number;
  skuId: number;
  product: SampleProduct;
}

export interface SandboxOrder {
  parentOrderSn: string;
  status: number;
  /** epoch seconds */
  createdAt: number;
  updatedAt: number;
  shipBy: number;
  buyer: SampleBuyer;
  children: SandboxChild[];
}

const DAY = 86_400;

/** Orders sorted newest first (the list API's default order, docs/malls/temu.md §3.1 sortby). */
export function sampleOrders(seed: number, count: number, nowMs: number): SandboxOrder[] {
  const r = rng(seed);
  const now = Math.floor(nowMs / 1000);
  const base = 40_000_000_000_000 + (Math.abs(seed) % 1000) * 1_000_000_000;
  const orders: SandboxOrder[] = [];
  for (let i = 0; i < count; i++) {
    const digits = String(base + i).padStart(14, '0');
    const createdAt = now - 60 - Math.floor(r() * 6 * DAY);
    const u = r();
    const status =
      u < 0.08 ? STATUS.CANCELED : u < 0.16 ? STATUS.SHIPPED : u < 0.2 ? STATUS.PENDING : STATUS.UN_SHIPPING;
    const n = 1 + Math.floor(r() * 3);
    const children: SandboxChild[] = [];
    for (let k = 0; k < n; k++) {
      const product = pick(r, PRODUCTS);
      const productIndex = PRODUCTS.indexOf(product);
      const quantity = 1 + Math.floor(r() * 3);
      children.push({
        orderSn: `${REGION_ID}-${digits}${String(k + 1).padStart(3, '0')}`,
        status,
        quantity,
        originalQuantity: quantity,
        goodsId: 601_099_500_000_000 + productIndex,
        skuId: 17_592_300_000_000 + productIndex,
        product,
      });
    }
    // a child cancelled before shipment while its siblings still wait (docs/malls/temu.md §3.2 canceledQuantityBeforeShipment)
    if (status === STATUS.UN_SHIPPING && n > 1 && r() < 0.2) {
      const c = children[n - 1];
      c.status = STATUS.CANCELED;
      c.quantity = 0;
    }
    const buyer = pick(r, BUYERS);
    orders.push({
      parentOrderSn: `PO-${REGION_ID}-${digits}000`,
      status,
      createdAt,
      updatedAt: createdAt,
      shipBy: createdAt + 3 * DAY,
      // every tenth order comes from the previous order's buyer: two parents one package can carry (同梱)
      buyer: i % 10 === 9 ? orders[i - 1].buyer : atHouse(buyer, i + 1),
      children,
    });
  }
  return orders.sort((a, b) => b.createdAt - a.createdAt || (a.parentOrderSn < b.parentOrderSn ? -1 : 1));
}

/** One bg.order.list.v2.get page item (docs/malls/temu.md §3.2). */
export function listItem(o: SandboxOrder): unknown {
  return {
    parentOrderMap: {
      parentOrderSn: o.parentOrderSn,
      parentOrderStatus: o.status,
      parentOrderTime: o.createdAt,
      updateTime: o.updatedAt,
      expectShipLatestTime: o.shipBy,
      regionId: REGION_ID,
      siteId: SITE_ID,
      orderPaymentType: 'PPD',
      shippingMethod: 1,
      fulfillmentWarning: [],
      parentOrderLabel: [],
    },
    orderList: o.children.map((c) => ({
      orderSn: c.orderSn,
      orderStatus: c.status,
      quantity: c.quantity,
      originalOrderQuantity: c.originalQuantity,
      canceledQuantityBeforeShipment: c.originalQuantity - c.quantity,
      goodsId: c.goodsId,
      skuId: c.skuId,
      goodsName: c.product.name,
      spec: c.product.variant,
      originalGoodsName: c.product.name,
      originalSpecName: c.product.variant,
      orderCreateTime: o.createdAt,
      fulfillmentType: 'fulfillBySeller',
      productList: [{ productId: c.goodsId, productSkuId: c.skuId, soldFactor: 1, extCode: c.product.sku }],
    })),
  };
}

/** bg.order.shippinginfo.v2.get result. */
export function shippingInfo(o: SandboxOrder): unknown {
  const b = o.buyer;
  return {
    receiptName: b.name,
    receiptAdditionalName: '',
    mobile: b.phone,
    backupMobile: '',
    mail: '',
    regionName1: 'Japan',
    regionName2: b.prefecture,
    regionName3: b.city,
    regionName4: '',
    addressLine1: b.line1,
    addressLine2: b.line2,
    addressLine3: '',
    addressLineAll: [b.prefecture, b.city, b.line1, b.line2].filter(Boolean).join(' '),
    postCode: b.postalCode,
    taxCode: '',
    warning: { isRestriction: false, reason: 0 },
  };
}

/** bg.order.amount.query result: Money in the minor unit (yen for JPY). */
export function amounts(o: SandboxOrder): unknown {
  const money = (amount: number) => ({ currency: CURRENCY, amount });
  const total = o.children.reduce((s, c) => s + c.product.price * c.quantity, 0);
  return {
    parentOrderMap: {
      parentOrderSn: o.parentOrderSn,
      basePriceTotal: money(total),
      retailPriceTotal: money(total),
      shippingAmountTotal: money(0),
    },
    orderList: o.children.map((c) => ({
      orderSn: c.orderSn,
      quantity: c.quantity,
      unitRetailPrice: money(c.product.price),
      unitBasePrice: money(c.product.price),
      basePrice: money(c.product.price * c.quantity),
    })),
  };
}

/** What bg.logistics.companies.get serves for Japan (names the demo carrier table uses). */
export const CARRIERS = [
  { logisticsServiceProviderId: 998264701, logisticsServiceProviderName: 'Yamato', logisticsBrandName: 'ヤマト運輸' },
  { logisticsServiceProviderId: 998264702, logisticsServiceProviderName: 'Sagawa', logisticsBrandName: '佐川急便' },
  { logisticsServiceProviderId: 998264703, logisticsServiceProviderName: 'Japan Post', logisticsBrandName: '日本郵便' },
];

export const WAREHOUSES = [
  {
    warehouseId: 'WH-00000000000000101',
    warehouseName: '東京倉庫',
    regionId1: REGION_ID,
    defaultWarehouse: true,
    warehouseManagementType: 1,
  },
  {
    warehouseId: 'WH-00000000000000102',
    warehouseName: '大阪倉庫',
    regionId1: REGION_ID,
    defaultWarehouse: false,
    warehouseManagementType: 1,
  },
];
