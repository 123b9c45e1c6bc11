import { type Recipient, recipientKey } from '../labels/normalize';

/**
 * 同梱 proposals (docs/contract.md §3 Combined shipments; docs/shipping-labels.md §6), planned without side
 * effects. Rows of one shop that can still ship and whose recipient matches after normalisation share one
 * group key in 同梱. A cleared cell stays cleared: every row that ever held a key is remembered (`offered`),
 * and a remembered row with a blank cell is the seller's decision — it is never proposed again.
 */

/** One 受注一覧 row as the proposal sees it. */
export interface CombineRowInput extends Recipient {
  /** the table's row index */
  index: number;
  /** the sheet row, for messages */
  row: number;
  shop: string;
  orderId: string;
  lineId: string;
  /**
   * can still ship as it is: 管理ステータス 新規受付 / 発送待ち, no 伝票番号, neither cancelled nor held by
   * the mall
   */
  open: boolean;
  /**
   * not shipped, and 管理ステータス キャンセル / 保留 or cancelled / held by the mall: it leaves a group
   * that is not packed yet
   */
  out: boolean;
  /** has a 送り状キー or a 伝票番号, or is 処理済: its group is packed and the engine leaves it as it is */
  packed: boolean;
  labelKey: string;
  combined: string;
}

export interface CombineOptions {
  /** only rows of these shops are proposed or changed */
  shops: ReadonlySet<string>;
  /** YYYYMMDD: the date in new keys */
  today: string;
  /** true when the row held a 同梱 key at some earlier pass (a blank cell then means the seller cleared it) */
  offered(r: CombineRowInput): boolean;
  /** every 同梱 value in the workbook, so a new key is unique in it */
  existingKeys: ReadonlySet<string>;
  /** the most orders one group may hold in a shop (the mall's limit for one tracking number) */
  maxOrders(shop: string): number;
}

export interface CombinePlan {
  /** rows that get a group key (a new group, or joining one) */
  assign: { index: number; row: number; shop: string; key: string }[];
  /** rows whose key the engine takes back: they left a group not yet labelled, or the group dissolved */
  clear: { index: number; row: number; shop: string; key: string }[];
  /** groups formed or grown by this pass, per shop, with their keys */
  grouped: { shop: string; key: string; rows: number[] }[];
}

const orders = (rows: readonly CombineRowInput[]) => new Set(rows.map((r) => r.orderId)).size;

export function planCombined(rows: readonly CombineRowInput[], opts: CombineOptions): CombinePlan {
  const plan: CombinePlan = { assign: [], clear: [], grouped: [] };
  const keys = groupKeyMaker(opts.today, opts.existingKeys);
  const byShop = new Map<string, CombineRowInput[]>();
  for (const r of rows) {
    if (!opts.shops.has(r.shop) || r.orderId === '' || r.lineId === '') continue;
    const list = byShop.get(r.shop);
    if (list) list.push(r);
    else byShop.set(r.shop, [r]);
  }
  for (const [shop, mine] of byShop) planShop(shop, mine, opts, keys, plan);
  return plan;
}

function planShop(
  shop: string,
  rows: CombineRowInput[],
  opts: CombineOptions,
  keys: { next(): string },
  plan: CombinePlan,
): void {
  const hasRecipient = (r: CombineRowInput) => r.recipient.trim() !== '' && r.address.trim() !== '';
  const max = Math.max(2, opts.maxOrders(shop));

  // the shop's groups as they stand; a packed group (labelled or shipped) stays as it is
  const groups = new Map<string, CombineRowInput[]>();
  for (const r of rows) {
    const key = r.combined.trim();
    if (key === '') continue;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  /** open groups not yet labelled, by recipient: new rows may join them */
  const joinable = new Map<string, { key: string; rows: CombineRowInput[] }>();
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (members.some((r) => r.packed)) continue;
    const leaving = members.filter((r) => r.out);
    let staying = members.filter((r) => !r.out);
    // a group that no longer covers two orders is no group: its rows are free again
    if (orders(staying) < 2) {
      for (const r of members) plan.clear.push({ index: r.index, row: r.row, shop, key });
      continue;
    }
    for (const r of leaving) plan.clear.push({ index: r.index, row: r.row, shop, key });
    staying = staying.filter((r) => hasRecipient(r));
    const recipients = new Set(staying.map(recipientKey));
    // a group the seller typed across recipients is theirs to sort out (export and labels refuse it)
    if (recipients.size !== 1 || !staying.every((r) => r.open) || orders(staying) >= max) continue;
    const id = [...recipients][0];
    if (!joinable.has(id)) joinable.set(id, { key, rows: staying });
  }

  // rows free to be proposed: open, never labelled, never in a group, with a recipient to compare
  const free = new Map<string, CombineRowInput[]>();
  for (const r of rows) {
    if (!r.open || r.combined.trim() !== '' || r.labelKey.trim() !== '' || !hasRecipient(r) || opts.offered(r))
      continue;
    const id = recipientKey(r);
    const list = free.get(id);
    if (list) list.push(r);
    else free.set(id, [r]);
  }
  for (const [id, waiting] of free) {
    const target = joinable.get(id);
    // rows of one order stay together: the group grows by whole orders, up to the mall's limit
    const byOrder = new Map<string, CombineRowInput[]>();
    for (const r of waiting) byOrder.set(r.orderId, [...(byOrder.get(r.orderId) ?? []), r]);
    const pending = [...byOrder.values()];
    if (target) {
      const room = max - orders(target.rows);
      const joining = pending.splice(0, room).flat();
      if (joining.length > 0) {
        for (const r of joining) plan.assign.push({ index: r.index, row: r.row, shop, key: target.key });
        plan.grouped.push({ shop, key: target.key, rows: joining.map((r) => r.row) });
      }
    }
    while (pending.length >= 2) {
      const members = pending.splice(0, max).flat();
      const key = keys.next();
      for (const r of members) plan.assign.push({ index: r.index, row: r.row, shop, key });
      plan.grouped.push({ shop, key, rows: members.map((r) => r.row) });
    }
  }
}

/**
 * Keys as `G` + YYMMDD + `-` + a sequence of at least two digits (`G261201-01`, 10 half-width characters),
 * the sequence continuing after the day's highest key in the workbook, so a key is never given twice.
 */
export function groupKeyMaker(today: string, existing: ReadonlySet<string>): { next(): string } {
  const prefix = `G${today.slice(2, 8)}-`;
  let seq = 0;
  for (const k of existing) {
    const rest = k.startsWith(prefix) ? k.slice(prefix.length) : '';
    if (/^\d+$/.test(rest)) seq = Math.max(seq, Number(rest));
  }
  return {
    next() {
      let key: string;
      do key = `${prefix}${String(++seq).padStart(2, '0')}`;
      while (existing.has(key));
      return key;
    },
  };
}
