import path from 'node:path';
import { discoverHeaders } from '../../src/engine/orders/headers';
import { formatDate, formatDateTime } from '../../src/engine/text/dates';
import { cellText, cellTime } from '../../src/engine/text/sheet-text';
import { XlsxWorkbook } from '../../src/node/workbook';
import type { CellValue } from '../../src/ports';
import { demoSettings } from '../../src/sandbox/demo-config';
import { demoTemuShop } from '../../src/sandbox/temu';
import { type CliWorld, startCliWorld } from './support';

/**
 * Archive rotation through the real CLI on a local workbook (docs/contract.md §2 受注アーカイブ): rows the
 * seller finished and nobody touched for archiveAfterDays move to 受注アーカイブ with the seller's own
 * column, and a later fetch that sees those orders again does not add them back.
 */

const ZONE = 'Asia/Tokyo';
const DAY = 86_400_000;

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('archive');
});
afterAll(() => w.stop());

async function tab(file: string, name: string): Promise<Record<string, string>[]> {
  const sheet = (await XlsxWorkbook.open(file, ZONE)).getSheet(name);
  if (!sheet) return [];
  const [header, ...body] = sheet.readAll();
  return body.map((r) => Object.fromEntries(header.map((h, c) => [String(h), cellText(r[c] ?? '', ZONE)])));
}

test('fetch moves finished rows to 受注アーカイブ; the next fetch does not bring them back', async () => {
  const config = w.writeConfig('config.json', {
    ...demoSettings(w.url),
    archiveAfterDays: 1,
    shops: [demoTemuShop(w.url)],
  });
  const file = path.join(w.dir, 'shop.xlsx');
  const args = ['fetch', '--config', config, '--workbook', file];
  expect(w.run(args).code).toBe(0);

  // the seller's desk two days later: two orders done or cancelled, a column of their own; the rows untouched
  // since (更新日時 two days back, as a fetch two days ago would have left it)
  const book = await XlsxWorkbook.open(file, ZONE);
  const sheet = book.getSheet('受注一覧')!;
  const [header, ...body] = sheet.readAll();
  const { at } = discoverHeaders(header);
  const col = (id: keyof typeof at) => (at[id] as number) + 1;
  const old = (r: CellValue[]) => (cellTime(r[col('orderedAt') - 1], ZONE) ?? Date.now()) < Date.now() - 1.5 * DAY;
  const picked = body.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => old(r));
  expect(picked.length).toBeGreaterThan(3);
  // rows the mall itself cancelled are キャンセル already; the seller finishes a sixth of the rows (a block
  // worth a rewrite of 受注一覧), every other one cancelled
  const finished = (r: CellValue[]) => ['処理済', 'キャンセル'].includes(String(r[col('status') - 1]));
  const chosen = picked.filter(({ r }) => !finished(r)).slice(0, Math.ceil(body.length / 6));
  expect(chosen.length).toBeGreaterThanOrEqual(2);
  const set = new Map(chosen.map(({ r }, i) => [r, i % 2 === 0 ? '処理済' : 'キャンセル'] as const));
  const done = chosen[0];
  const mine = header.length + 1;
  sheet.writeBlock(1, mine, [['社内メモ']]);
  const twoDaysAgo = formatDateTime(Date.now() - 2 * DAY, ZONE);
  for (const { row } of picked) sheet.writeBlock(row, col('updatedAt'), [[twoDaysAgo]]);
  for (const { r, row } of chosen) sheet.writeBlock(row, col('status'), [[set.get(r)!]]);
  sheet.writeBlock(done.row, mine, [['常連さん']]);
  await book.save(file);
  const keyOf = (r: CellValue[]) => `${r[col('orderId') - 1]}|${r[col('lineId') - 1]}`;
  const moved = picked.filter(({ r }) => set.has(r) || finished(r)).map(({ r }) => keyOf(r));
  const statusOf = (r: CellValue[]) => set.get(r) ?? String(r[col('status') - 1]);
  const movedStatus = picked.filter(({ r }) => moved.includes(keyOf(r))).map(({ r }) => statusOf(r));

  const second = w.run(args);
  expect(second.code).toBe(0);
  expect(second.out).toContain(`受注アーカイブへ ${moved.length} 行を移動しました`);
  const archive = await tab(file, '受注アーカイブ');
  expect(archive.map((r) => `${r.注文番号}|${r.明細番号}`)).toEqual(moved);
  expect(archive.map((r) => r.管理ステータス)).toEqual(movedStatus);
  expect(archive.find((r) => `${r.注文番号}|${r.明細番号}` === keyOf(done.r))?.社内メモ).toBe('常連さん');
  const left = (await tab(file, '受注一覧')).map((r) => `${r.注文番号}|${r.明細番号}`);
  expect(left).toHaveLength(body.length - moved.length);
  expect(left.filter((k) => moved.includes(k))).toEqual([]);

  // the mall still lists them: a third fetch over the last week receives them again and leaves them archived
  const range = ['--from', formatDate(Date.now() - 7 * DAY, ZONE), '--to', formatDate(Date.now(), ZONE)];
  const third = w.run([...args, ...range]);
  expect(third.code).toBe(0);
  expect(third.out).toMatch(new RegExp(`取得 ${body.length} / 新規 0 /`));
  expect((await tab(file, '受注一覧')).filter((r) => moved.includes(`${r.注文番号}|${r.明細番号}`))).toEqual([]);
  expect(await tab(file, '受注アーカイブ')).toHaveLength(moved.length);
  const log = await tab(file, 'ログ');
  expect(log.some((r) => r.メッセージ?.includes(`受注アーカイブへ ${moved.length} 行を移動しました`))).toBe(true);

  // and the check names the spreadsheet's cell count
  const check = w.run(['check', '--config', config, '--workbook', file]);
  expect(check.out).toMatch(/セル数 [\d,]+ \/ 上限 10,000,000/);
}, 300_000); // four CLI runs against a sandbox process: slow on a busy machine
