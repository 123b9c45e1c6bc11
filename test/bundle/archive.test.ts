import { setUp, setUpShops } from '../support/bundle-world';

/**
 * The built bundle in node:vm rotates the archive (docs/contract.md §2 受注アーカイブ): three months after
 * the seller finished some orders, a fetch from the menu moves them from 受注一覧 to 受注アーカイブ through
 * the Apps Script adapter (getLastRow / getRange reads of the archive, one block each way).
 */

const DAY = 86_400_000;

test('dist/Code.js: 処理済 and キャンセル rows move to 受注アーカイブ after archiveAfterDays (default 90)', () => {
  const { gas, call, ctx, advance } = setUp();
  setUpShops(call);
  (ctx.fetchOrdersNow as () => void)();
  const orders = gas.book.getSheet('受注一覧')!;
  const header = orders.readAll()[0];
  const col = (h: string) => header.indexOf(h) + 1;
  const mine = header.length + 1;
  orders.edit(1, mine, '社内メモ');
  const body = orders.readAll().slice(1);
  const finished = new Map<string, string>();
  body.forEach((r, i) => {
    const key = `${r[col('注文番号') - 1]}|${r[col('明細番号') - 1]}`;
    if (i % 4 === 0) orders.edit(i + 2, col('管理ステータス'), '処理済');
    if (i % 4 === 0) orders.edit(i + 2, mine, `済-${i}`);
    const status = String(orders.valueAt(i + 2, col('管理ステータス')));
    if (status === '処理済' || status === 'キャンセル') finished.set(key, status);
  });
  expect(finished.size).toBeGreaterThan(3);

  advance(91 * DAY);
  (ctx.fetchOrdersNow as () => void)();
  const archive = gas.book.getSheet('受注アーカイブ');
  expect(archive).not.toBeNull();
  const [aHeader, ...aBody] = archive!.readAll();
  expect(aHeader.slice(0, header.length)).toEqual(header);
  expect(aHeader[header.length]).toBe('社内メモ');
  const at = (h: string) => aHeader.indexOf(h);
  const archived = new Map(
    aBody.map((r) => [`${r[at('注文番号')]}|${r[at('明細番号')]}`, String(r[at('管理ステータス')])]),
  );
  expect(archived).toEqual(finished);
  expect(aBody.filter((r) => String(r[at('社内メモ')]).startsWith('済-'))).toHaveLength(Math.ceil(body.length / 4));
  const left = orders
    .readAll()
    .slice(1)
    .filter((r) => r.some((v) => v !== ''));
  expect(left).toHaveLength(body.length - finished.size);
  // the archive looks like 受注一覧: frozen, styled header and the status colours
  const layout = gas.layouts.get('受注アーカイブ')!;
  expect(layout.frozenRows).toBe(1);
  expect(layout.rules.length).toBeGreaterThan(0);
  const log = gas.book.getSheet('ログ')!.readAll();
  expect(JSON.stringify(log)).toContain(`受注アーカイブへ`);
});
