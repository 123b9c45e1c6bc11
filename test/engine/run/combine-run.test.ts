import { runExport, runFetch, runLabelExport } from '../../../src/engine';
import { lineFingerprint, MAX_REMEMBERED, readOffered, saveOffered } from '../../../src/engine/combine/memory';
import { type CombineRowInput, groupKeyMaker, planCombined } from '../../../src/engine/combine/propose';
import { readLog } from '../../../src/engine/log/log-sheet';
import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import type { OrderLine } from '../../../src/engine/order-line';
import type { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv, orderRows } from '../../support/worlds';

/** 同梱 proposals at fetch, and what labels and export make of a group (docs/contract.md §3 Combined shipments). */

const YAMADA = {
  recipient: '山田 太郎',
  postalCode: '060-0001',
  address: '北海道札幌市中央区北一条西2-1',
  phone: '+81-90-1234-5678',
};
/** the same recipient as another mall or buyer writes it: full-width, other spaces and hyphens, no +81 */
const YAMADA_WRITTEN = {
  recipient: '山田　太郎',
  postalCode: '０６０－０００１',
  address: '北海道札幌市中央区 北一条西２－１',
  phone: '090-1234-5678',
};
const SUZUKI = {
  recipient: '鈴木 花子',
  postalCode: '100-0005',
  address: '東京都千代田区丸の内1-9-1',
  phone: '09034567890',
};

function world(pages: OrderLine[][], shops = [shopConfig('Shop A', 'a')]) {
  const clock = new VirtualClock();
  const behaviour = { pages };
  const a = fakeConnector('a', clock, behaviour);
  const b = fakeConnector('b', clock, { pages: [[line('B1', 'B1-1', YAMADA)]] });
  const w = fakeEnv(
    [a.connector, b.connector],
    () => ({
      locale: 'ja',
      shops,
      carriers: CARRIERS,
      shipper: {
        name: 'MallSheet商店',
        postalCode: '150-0001',
        address: '東京都渋谷区神宮前1-2-3',
        phone: '03-1234-5678',
      },
      labels: { b2: { billingCode: '012345678901', freightNo: '01', itemName: '雑貨' } },
    }),
    clock,
  );
  const rows = () =>
    orderRows(w.book).map((cell) => ({
      shop: String(cell('shop')),
      orderId: String(cell('orderId')),
      combined: String(cell('combined')),
      labelKey: String(cell('labelKey')),
      result: String(cell('exportResult')),
      status: String(cell('status')),
    }));
  const groupOf = (orderId: string) => rows().find((r) => r.orderId === orderId)?.combined;
  return { ...w, clock, a, behaviour, rows, groupOf, fetch: () => runFetch(w.env, { trigger: 'manual' }) };
}

/** What a seller does in 受注一覧: set a cell of every row of an order (optionally of one shop). */
function edit(book: MemorySpreadsheet, orderId: string, header: string, value: string) {
  const sheet = book.getSheet('受注一覧')!;
  sheet.readAll().forEach((row, i) => {
    if (row[sheet.columnOf('注文番号') - 1] === orderId) sheet.edit(i + 1, sheet.columnOf(header), value);
  });
}

function ship(book: MemorySpreadsheet, orderId: string, tracking: string) {
  edit(book, orderId, '伝票番号', tracking);
  edit(book, orderId, '出荷日', '2026-11-22');
}

describe('同梱 proposals at fetch', () => {
  test('orders of one shop whose recipient matches after normalisation share a key; another recipient stays blank', () => {
    const w = world([
      [
        line('A1', 'A1-1', YAMADA),
        line('A2', 'A2-1', YAMADA_WRITTEN),
        line('A2', 'A2-2', YAMADA_WRITTEN),
        line('A3', 'A3-1', SUZUKI),
      ],
    ]);
    const report = w.fetch();
    expect(report.exitCode).toBe(0);
    const key = w.groupOf('A1')!;
    expect(key).toMatch(/^G261122-01$/);
    expect(
      w
        .rows()
        .filter((r) => r.combined === key)
        .map((r) => r.orderId),
    ).toEqual(['A1', 'A2', 'A2']);
    expect(w.groupOf('A3')).toBe('');
    // the Log names the group and its rows
    expect(readLog(w.book, 'Asia/Tokyo').find((r) => r.action === 'fetch')?.message).toContain(`${key}（行 2, 3, 4）`);
  });

  test('a single order alone, and several lines of one order, get no group', () => {
    const w = world([[line('A1', 'A1-1', YAMADA), line('A1', 'A1-2', YAMADA), line('A3', 'A3-1', SUZUKI)]]);
    w.fetch();
    expect(w.rows().every((r) => r.combined === '')).toBe(true);
  });

  test('a cell the seller cleared stays cleared, whatever fetches follow; a new order joins the rest', () => {
    const w = world([[line('A1', 'A1-1', YAMADA), line('A2', 'A2-1', YAMADA), line('A3', 'A3-1', YAMADA)]]);
    w.fetch();
    const key = w.groupOf('A1')!;
    expect([w.groupOf('A2'), w.groupOf('A3')]).toEqual([key, key]);
    edit(w.book, 'A1', '同梱', '');
    w.clock.advance(3_600_000);
    w.fetch();
    w.fetch();
    expect([w.groupOf('A1'), w.groupOf('A2'), w.groupOf('A3')]).toEqual(['', key, key]);
    // the seller breaks the rest too: two cleared rows and nothing comes back
    edit(w.book, 'A2', '同梱', '');
    w.fetch();
    expect([w.groupOf('A1'), w.groupOf('A2'), w.groupOf('A3')]).toEqual(['', '', '']);
    // a new order of the same recipient: A3 (left alone when the group fell apart) takes it; A1 and A2 do not
    w.behaviour.pages[0].push(line('A4', 'A4-1', YAMADA));
    w.fetch();
    const next = w.groupOf('A4')!;
    expect(next).toMatch(/^G261122-02$/);
    expect([w.groupOf('A1'), w.groupOf('A2'), w.groupOf('A3')]).toEqual(['', '', next]);
  });

  test('a cancelled row leaves a group not yet packed; a group down to one order dissolves; a packed group stays', () => {
    const w = world([[line('A1', 'A1-1', YAMADA), line('A2', 'A2-1', YAMADA), line('A3', 'A3-1', YAMADA)]]);
    w.fetch();
    const key = w.groupOf('A1')!;
    w.behaviour.pages[0][2] = line('A3', 'A3-1', { ...YAMADA, mallStatus: 'CANCELLED', cancelled: true });
    w.fetch();
    expect([w.groupOf('A1'), w.groupOf('A2'), w.groupOf('A3')]).toEqual([key, key, '']);
    w.behaviour.pages[0][1] = line('A2', 'A2-1', { ...YAMADA, mallStatus: 'CANCELLED', cancelled: true });
    w.fetch();
    expect([w.groupOf('A1'), w.groupOf('A2')]).toEqual(['', '']);

    // shipped rows: a group with a tracking number is packed; a new order of the recipient does not join it
    const v = world([[line('A1', 'A1-1', YAMADA), line('A2', 'A2-1', YAMADA)]]);
    v.fetch();
    const packed = v.groupOf('A1')!;
    ship(v.book, 'A1', '111122223333');
    v.behaviour.pages[0].push(line('A5', 'A5-1', YAMADA));
    v.fetch();
    expect([v.groupOf('A1'), v.groupOf('A2'), v.groupOf('A5')]).toEqual([packed, packed, '']);
  });

  test('orders of the same recipient in two shops are two shipments, never one group', () => {
    const w = world([[line('A1', 'A1-1', YAMADA)]], [shopConfig('Shop A', 'a'), shopConfig('Shop B', 'b')]);
    w.fetch();
    expect(w.rows().every((r) => r.combined === '')).toBe(true);
  });
});

describe('a 同梱 group in the label CSV and at export', () => {
  test('one label line per group, its key on every row; one tracking number exports the whole group', () => {
    const w = world([[line('A1', 'A1-1', YAMADA), line('A2', 'A2-1', YAMADA_WRITTEN), line('A3', 'A3-1', SUZUKI)]]);
    w.fetch();
    const labels = runLabelExport(w.env, { format: 'b2' });
    expect(labels.shipments).toBe(2);
    const [a1, a2, a3] = w.rows();
    expect(a1.labelKey).not.toBe('');
    expect(a2.labelKey).toBe(a1.labelKey);
    expect(a3.labelKey).not.toBe(a1.labelKey);

    // the seller typed the number on one row of the group only: nothing of the box is sent
    ship(w.book, 'A1', '111122223333');
    const held = runExport(w.env, { trigger: 'manual' });
    expect(w.a.calls.exported).toHaveLength(0);
    expect(held.shops[0].message).toContain('同梱');
    expect(w.rows()[0].result).toMatch(/^2 行目: 同梱 G261122-01 は1箱で送ります。3 行目/);

    ship(w.book, 'A2', '111122223333');
    runExport(w.env, { trigger: 'manual' });
    expect(w.a.calls.exported).toHaveLength(1);
    expect(w.a.calls.exported[0].map((o) => o.orderId).sort()).toEqual(['A1', 'A2']);
    expect(
      w
        .rows()
        .slice(0, 2)
        .every((r) => r.result === 'OK' && r.status === '処理済'),
    ).toBe(true);
  });

  test('a 同梱 value typed across recipients or shops: left out of the labels and not sent, rows named', () => {
    const w = world(
      [[line('A1', 'A1-1', YAMADA), line('A3', 'A3-1', SUZUKI)]],
      [shopConfig('Shop A', 'a'), shopConfig('Shop B', 'b')],
    );
    w.fetch();
    edit(w.book, 'A1', '同梱', 'MINE-1');
    edit(w.book, 'A3', '同梱', 'MINE-1');
    edit(w.book, 'B1', '同梱', 'MINE-2');
    edit(w.book, 'A1', '同梱', 'MINE-2');
    edit(w.book, 'A3', '同梱', 'MINE-1');
    // A3 alone in MINE-1 is fine; MINE-2 joins Shop A's A1 and Shop B's B1
    const labels = runLabelExport(w.env, { format: 'b2' });
    expect(labels.shipments).toBe(1);
    const log = readLog(w.book, 'Asia/Tokyo').filter((r) => r.action === 'labels');
    expect(log.map((r) => r.message).join(' ')).toMatch(/行 2: 同梱 MINE-2 が別のショップまたは別の送付先/);
    expect(log.map((r) => r.message).join(' ')).toMatch(/行 4: 同梱 MINE-2/);
    expect(
      w
        .rows()
        .filter((r) => r.combined === 'MINE-2')
        .every((r) => r.labelKey === ''),
    ).toBe(true);

    ship(w.book, 'A1', '111122223333');
    ship(w.book, 'B1', '111122223333');
    const sent = runExport(w.env, { trigger: 'manual' });
    expect(w.a.calls.exported).toHaveLength(0);
    expect(sent.exitCode).toBe(0);
    const a1 = w.rows().find((r) => r.orderId === 'A1')!;
    expect(a1.result).toContain('同梱 MINE-2 が別のショップまたは別の送付先の行（2, 4 行目）');
  });
});

describe('planCombined and its keys', () => {
  const row = (i: number, orderId: string, extra: Partial<CombineRowInput> = {}): CombineRowInput => ({
    index: i,
    row: i + 2,
    shop: 'S',
    orderId,
    lineId: `${orderId}-1`,
    open: true,
    out: false,
    packed: false,
    labelKey: '',
    combined: '',
    recipient: YAMADA.recipient,
    postalCode: YAMADA.postalCode,
    address: YAMADA.address,
    phone: YAMADA.phone,
    ...extra,
  });
  const opts = { shops: new Set(['S']), today: '20261201', offered: () => false, existingKeys: new Set<string>() };

  test("a group holds no more orders than the mall's limit; the rest forms the next group, one left over stays blank", () => {
    const rows = ['O1', 'O2', 'O3', 'O4', 'O5'].map((o, i) => row(i, o));
    const plan = planCombined(rows, { ...opts, maxOrders: () => 2 });
    expect(plan.assign.map((a) => [a.row, a.key])).toEqual([
      [2, 'G261201-01'],
      [3, 'G261201-01'],
      [4, 'G261201-02'],
      [5, 'G261201-02'],
    ]);
  });

  test('a new row joins an open group of its recipient rather than starting one', () => {
    const rows = [row(0, 'O1', { combined: 'G261130-07' }), row(1, 'O2', { combined: 'G261130-07' }), row(2, 'O3')];
    const plan = planCombined(rows, { ...opts, maxOrders: () => 20 });
    expect(plan.assign).toEqual([{ index: 2, row: 4, shop: 'S', key: 'G261130-07' }]);
  });

  test('keys continue after the day’s highest and skip taken ones', () => {
    const keys = groupKeyMaker('20261201', new Set(['G261201-09', 'G261130-50', 'G261201-10x']));
    expect([keys.next(), keys.next()]).toEqual(['G261201-10', 'G261201-11']);
  });
});

test('the remembered rows survive in parts of 8,000 characters; fewer rows drop the parts beyond; too many write nothing', () => {
  const props = new MemoryProperties();
  const many = new Set(Array.from({ length: 2500 }, (_, i) => lineFingerprint(`PO-${i}`, `${i}-1`)));
  expect(saveOffered(props, 'Shop:1', many)).toBe(true);
  expect(props.keys().sort()).toEqual(['combine#1:Shop:1', 'combine#2:Shop:1', 'combine:Shop:1']);
  expect(readOffered(props, 'Shop:1')).toEqual(many);
  const few = new Set([...many].slice(0, 10));
  expect(saveOffered(props, 'Shop:1', few)).toBe(true);
  expect(props.keys()).toEqual(['combine:Shop:1']);
  expect(readOffered(props, 'Shop:1')).toEqual(few);
  const tooMany = new Set(Array.from({ length: MAX_REMEMBERED + 1 }, (_, i) => lineFingerprint(`X-${i}`, '1')));
  expect(saveOffered(props, 'Shop:1', tooMany)).toBe(false);
  expect(readOffered(props, 'Shop:1')).toEqual(few);
  expect(saveOffered(props, 'Shop:1', new Set())).toBe(true);
  expect(props.keys()).toEqual([]);
});
