/**
 * The naive importer the end-to-end benchmark compares against: what many hand-written
 * Apps Script importers do. Each run reads the order numbers already in its sheet, lists each mall's
 * orders page by page, fetches every order not yet imported with its own UrlFetchApp.fetch (no fetchAll),
 * and appends each row with its own appendRow. It has no time budget and no cursor: Apps Script kills it
 * at 6 minutes, and the next run starts over, skipping the orders already in the sheet.
 *
 * It is honest about the malls: it signs with the connectors' own clients and maps with their own mapping,
 * and it asks only for what it needs per order (Temu: address and amounts, which Temu only gives per
 * parent; TikTok: Get Order Detail; Qoo10: GetShippingAndClaimInfoByOrderNo_V2). Its naivety is only the
 * call pattern — one fetch per order, one sheet call per row.
 */

import type { ShopContext } from '../src/engine/connector';
import type { OrderLine } from '../src/engine/order-line';
import { Qoo10Client } from '../src/malls/qoo10/client';
import { searchBounds } from '../src/malls/qoo10/dates';
import { toOrderLine } from '../src/malls/qoo10/mapping';
import { asRows, METHODS } from '../src/malls/qoo10/protocol';
import { ShippingRowSchema } from '../src/malls/qoo10/schemas';
import { type Qoo10Status, STATUS_CODES } from '../src/malls/qoo10/statuses';
import { TemuClient } from '../src/malls/temu/client';
import { TemuCredentialsSchema } from '../src/malls/temu/credentials';
import { pricesOf, toOrderLines } from '../src/malls/temu/mapping';
import { AmountResultSchema, OrderListResultSchema, ShippingInfoSchema } from '../src/malls/temu/schemas';
import { TEMU_STATUS_CODES, type TemuStatusName } from '../src/malls/temu/statuses';
import { TikTokClient } from '../src/malls/tiktok/client';
import { orderToLines } from '../src/malls/tiktok/mapping';
import { OrderDetailDataSchema, OrderSchema, SearchOrdersDataSchema } from '../src/malls/tiktok/schemas';
import type { CellValue, SheetPort, SpreadsheetPort } from '../src/ports';

/** The naive sheet: its own fixed layout, one row per order line (26 columns, as 受注一覧 has). */
export const NAIVE_SHEET = 'naive';
const HEADER = [
  'shop',
  'mall',
  'orderId',
  'lineId',
  'mallStatus',
  'orderedAt',
  'shipBy',
  'item',
  'sku',
  'variant',
  'qty',
  'unitPrice',
  'amount',
  'currency',
  'recipient',
  'postalCode',
  'address',
  'phone',
  'status',
  'carrier',
  'tracking',
  'shippedOn',
  'memo',
  'exportedAt',
  'exportResult',
  'updatedAt',
];
const PAGE_SIZE = 100;

/** Apps Script ended the execution (the 6-minute limit): whatever was appended stays. */
export class ExecutionKilled extends Error {
  constructor() {
    super('Exceeded maximum execution time');
    this.name = 'ExecutionKilled';
  }
}

export interface NaiveShop {
  ctx: ShopContext;
  mall: 'temu' | 'tiktok' | 'qoo10';
}

export interface NaiveRun {
  /** rows appended by this execution */
  appended: number;
}

/**
 * One execution. `alive` throws ExecutionKilled once the execution is past Apps Script's limit; it is
 * called where a real script would be interrupted (after each port call returns).
 */
export function naiveRun(
  book: SpreadsheetPort,
  shops: NaiveShop[],
  window: { from: number; to: number },
  alive: () => void,
): NaiveRun {
  const sheet = book.getSheet(NAIVE_SHEET) ?? newSheet(book);
  alive();
  const grid = sheet.readAll();
  alive();
  // what is already imported: orders by 注文番号, and Qoo10 lines by 明細番号 (it fetches per OrderNo)
  const known = new Set(
    grid.slice(1).flatMap((r) => [`${String(r[0])}\u0000o${String(r[2])}`, `${String(r[0])}\u0000l${String(r[3])}`]),
  );
  let next = grid.length + 1;
  let appended = 0;
  const append = (shop: string, mallLabel: string, line: OrderLine) => {
    // appendRow: one spreadsheet call per row
    sheet.writeBlock(next++, 1, [rowOf(shop, mallLabel, line)]);
    appended++;
    alive();
  };
  for (const { ctx, mall } of shops) {
    const name = ctx.shop.name;
    const isNew: IsNew = (kind, id) => !known.has(`${name}\u0000${kind}${id}`);
    const importer = mall === 'temu' ? importTemu : mall === 'tiktok' ? importTikTok : importQoo10;
    importer(
      ctx,
      window,
      isNew,
      (lines, label) => {
        for (const l of lines) {
          append(name, label, l);
          known.add(`${name}\u0000o${l.orderId}`).add(`${name}\u0000l${l.lineId}`);
        }
      },
      alive,
    );
  }
  return { appended };
}

type IsNew = (kind: 'o' | 'l', id: string) => boolean;
type Sink = (lines: OrderLine[], mallLabel: string) => void;

function importTemu(
  ctx: ShopContext,
  window: { from: number; to: number },
  isNew: IsNew,
  sink: Sink,
  alive: () => void,
): void {
  const client = new TemuClient(ctx, TemuCredentialsSchema.parse(ctx.shop.credentials));
  for (const status of ctx.shop.fetch.statuses as TemuStatusName[]) {
    for (let page = 1; ; page++) {
      const params = {
        pageNumber: page,
        pageSize: PAGE_SIZE,
        parentOrderStatus: TEMU_STATUS_CODES[status],
        createAfter: Math.floor(window.from / 1000),
        createBefore: Math.ceil(window.to / 1000),
      };
      const list = client.get({ type: 'bg.order.list.v2.get', params }, OrderListResultSchema);
      alive();
      for (const item of list.pageItems) {
        const parentOrderSn = item.parentOrderMap.parentOrderSn;
        if (!isNew('o', parentOrderSn)) continue;
        const ship = client.get(
          { type: 'bg.order.shippinginfo.v2.get', params: { parentOrderSn } },
          ShippingInfoSchema,
        );
        alive();
        const amounts = client.get({ type: 'bg.order.amount.query', params: { parentOrderSn } }, AmountResultSchema);
        alive();
        sink(toOrderLines(item, ship, pricesOf(amounts)), 'Temu');
      }
      if (page * PAGE_SIZE >= list.totalItemNum || list.pageItems.length === 0) break;
    }
  }
}

function importTikTok(
  ctx: ShopContext,
  window: { from: number; to: number },
  isNew: IsNew,
  sink: Sink,
  alive: () => void,
): void {
  const c = ctx.shop.credentials;
  const client = new TikTokClient(ctx, {
    appKey: c.appKey ?? '',
    appSecret: c.appSecret ?? '',
    refreshToken: c.refreshToken ?? '',
    accessToken: c.accessToken || undefined,
    shopCipher: c.shopCipher || undefined,
  });
  for (const status of ctx.shop.fetch.statuses) {
    let token = '';
    do {
      const query: Record<string, string> = {
        page_size: String(PAGE_SIZE),
        sort_field: 'create_time',
        sort_order: 'ASC',
        ...(token ? { page_token: token } : {}),
      };
      const body = {
        create_time_ge: Math.ceil(window.from / 1000),
        create_time_lt: Math.ceil(window.to / 1000),
        order_status: status,
      };
      const page = client.data('orders.search', 'post', '/order/202309/orders/search', SearchOrdersDataSchema, {
        query,
        body,
      });
      alive();
      for (const raw of page.orders) {
        const id = String((raw as { id?: unknown }).id ?? '');
        if (!isNew('o', id)) continue;
        const detail = client.data('orders.detail', 'get', '/order/202309/orders', OrderDetailDataSchema, {
          query: { ids: id },
        });
        alive();
        const order = OrderSchema.safeParse(detail.orders[0]);
        if (order.success) sink(orderToLines(order.data), 'TikTok Shop');
      }
      token = page.next_page_token;
    } while (token);
  }
}

function importQoo10(
  ctx: ShopContext,
  window: { from: number; to: number },
  isNew: IsNew,
  sink: Sink,
  alive: () => void,
): void {
  const c = ctx.shop.credentials;
  const client = new Qoo10Client(ctx, { apiKey: c.apiKey ?? '', userId: c.userId ?? '', password: c.password ?? '' });
  const { start, end } = searchBounds(window);
  for (const status of ctx.shop.fetch.statuses as Qoo10Status[]) {
    const env = client.callOk(METHODS.shippingInfo, {
      ShippingStatus: STATUS_CODES[status],
      SearchStartDate: start,
      SearchEndDate: end,
      SearchCondition: '1',
    });
    alive();
    for (const raw of asRows(env.obj)) {
      const row = ShippingRowSchema.safeParse(raw);
      if (!row.success) continue;
      const line = toOrderLine(ctx, row.data);
      if (!isNew('l', line.lineId)) continue;
      client.callOk(METHODS.orderInfo, { OrderNo: line.lineId });
      alive();
      sink([line], 'Qoo10');
    }
  }
}

function newSheet(book: SpreadsheetPort): SheetPort {
  const sheet = book.insertSheet(NAIVE_SHEET);
  sheet.writeBlock(1, 1, [HEADER]);
  return sheet;
}

/** IDs, SKU, postcode and phone with a leading apostrophe: the usual way to keep them text in appendRow. */
function rowOf(shop: string, mallLabel: string, l: OrderLine): CellValue[] {
  const when = (ms: number | null) => (ms === null ? '' : new Date(ms));
  const text = (s: string) => (s === '' ? '' : `'${s}`);
  return [
    shop,
    mallLabel,
    text(l.orderId),
    text(l.lineId),
    l.mallStatus,
    when(l.orderedAt),
    when(l.shipBy),
    l.item,
    text(l.sku),
    l.variant,
    l.qty,
    l.unitPrice,
    l.amount,
    l.currency,
    l.recipient,
    text(l.postalCode),
    l.address,
    text(l.phone),
    '新規受付',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ];
}
