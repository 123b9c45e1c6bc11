import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { labelCsvBytes } from '../../src/node/label-file';
import { XlsxWorkbook } from '../../src/node/workbook';
import { issueB2 } from '../../src/sandbox/b2-issuer';
import { demoSettings } from '../../src/sandbox/demo-config';
import { type CliWorld, startCliWorld } from '../cli/support';
import { decodeLabelFile, labelRows } from './support';

/** The seller's day through B2クラウド in the CLI, against `mallsheet sandbox` (docs/contract.md §3, §5). */

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('labels');
});
afterAll(() => w.stop());

const rowsOf = async (file: string) => labelRows(await XlsxWorkbook.open(file));

test('labels export → B2 issued data → import (twice) → export to the malls; conflicts, unknown keys and foreign files', async () => {
  const config = w.writeConfig('config.json', demoSettings(w.url));
  const book = path.join(w.dir, 'shop.xlsx');
  const at = (name: string) => path.join(w.dir, name);
  /** `mallsheet labels export --out <file>` / `labels import --in <file>` in B2クラウド's format, on this workbook */
  const labels = (sub: 'export' | 'import', file: string) =>
    w.run([
      'labels',
      sub,
      '--config',
      config,
      '--workbook',
      book,
      '--format',
      'b2',
      sub === 'export' ? '--out' : '--in',
      at(file),
    ]);
  expect(w.run(['fetch', '--config', config, '--workbook', book]).code).toBe(0);

  const ex = labels('export', 'b2.csv');
  expect(ex.code).toBe(0);
  const bytes = fs.readFileSync(at('b2.csv'));
  const { text, rows } = decodeLabelFile(bytes);
  // Shift-JIS, CRLF only, a header then one line per shipment, 42 columns each
  expect(iconv.encode(text, 'cp932').equals(bytes)).toBe(true);
  expect(text.split('\r\n').length - 1).toBe(rows.length);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(rows[0].slice(0, 5)).toEqual(['お客様管理番号', '送り状種類', 'クール区分', '伝票番号', '出荷予定日']);
  expect(rows.every((r) => r.length === 42)).toBe(true);

  const sheet = await rowsOf(book);
  const keyed = sheet.filter((r) => r.labelKey !== '');
  const keys = rows.slice(1).map((r) => r[0]);
  // every key in the file is on the rows of its shipment, and nowhere else; rows of one order share one key,
  // and so do the rows of one 同梱 group (several orders of one shop and recipient, proposed by the fetch)
  expect(new Set(keyed.map((r) => r.labelKey))).toEqual(new Set(keys));
  expect(new Set(keys).size).toBe(keys.length);
  const groupKeys: string[] = [];
  for (const k of keys) {
    const mine = keyed.filter((r) => r.labelKey === k);
    const orders = new Set(mine.map((r) => `${r.shop}/${r.orderId}`));
    if (orders.size === 1) continue;
    expect(new Set(mine.map((r) => r.combined)).size).toBe(1);
    expect(mine[0].combined).toMatch(/^G\d{6}-\d{2,}$/);
    expect(new Set(mine.map((r) => `${r.shop}/${r.recipient}/${r.address}`)).size).toBe(1);
    // the whole group, not part of it: every row holding the 同梱 value is in this shipment
    expect(sheet.filter((r) => r.combined === mine[0].combined).map((r) => r.row)).toEqual(mine.map((r) => r.row));
    groupKeys.push(k);
  }
  // the demo data has same-recipient orders in each of the three malls
  expect(new Set(groupKeys.map((k) => keyed.find((r) => r.labelKey === k)?.shop)).size).toBe(3);
  expect(keys.every((k) => k.length <= 20 && /^[A-Za-z0-9-]+$/.test(k))).toBe(true);
  // rows that must not ship got no key
  expect(sheet.filter((r) => ['キャンセル', '保留'].includes(r.status)).every((r) => r.labelKey === '')).toBe(true);

  // a second export finds nothing new: no file, exit 0
  const again = labels('export', 'b2-again.csv');
  expect(again.code).toBe(0);
  expect(fs.existsSync(at('b2-again.csv'))).toBe(false);

  // B2クラウド issues numbers; the seller had typed one number already by hand, and the file has a stranger
  const issued = issueB2(rows, 12345678);
  const typedBySeller = keyed.find((r) => r.labelKey === issued[1][0])!;
  const wb = await XlsxWorkbook.open(book);
  const trackingCol = (wb.getSheet('受注一覧')!.readAll()[0] as string[]).indexOf('伝票番号') + 1;
  wb.getSheet('受注一覧')!.writeBlock(typedBySeller.row, trackingCol, [['999999999999']]);
  await wb.save(book);
  issued.push(issued[1].map((v, c) => (c === 0 ? 'L99999999999' : c === 3 ? '123456789012' : v)));
  fs.writeFileSync(at('issued.csv'), labelCsvBytes(issued));

  const im = labels('import', 'issued.csv');
  expect(im.code).toBe(1);
  expect(im.out).toContain(issued[1][0]);
  expect(im.out).toContain('999999999999');
  expect(im.out).toContain('L99999999999');
  const filled = await rowsOf(book);
  const byKey = new Map(issued.slice(1).map((r) => [r[0], r[3]]));
  for (const r of filled.filter((x) => x.labelKey !== '')) {
    if (r.row === typedBySeller.row)
      expect(r.tracking).toBe('999999999999'); // never overwritten
    else {
      expect(r.tracking).toBe(byKey.get(r.labelKey));
      expect(r.carrier).toBe('ヤマト運輸');
      expect(r.shippedOn).not.toBe('');
    }
  }

  // the same file again changes nothing in 受注一覧
  const im2 = labels('import', 'issued.csv');
  expect(im2.code).toBe(1);
  expect(await rowsOf(book)).toEqual(filled);

  // UTF-8 (a file saved by another tool) reads the same
  fs.writeFileSync(
    at('issued-utf8.csv'),
    Buffer.from(iconv.decode(labelCsvBytes(issued.slice(0, 3)), 'cp932'), 'utf8'),
  );
  const im3 = labels('import', 'issued-utf8.csv');
  expect(im3.out).toMatch(/変更なし [1-9]\d* 行/);

  // not of the format: exit 2, the workbook byte-identical
  const before = fs.readFileSync(book);
  fs.writeFileSync(at('other.csv'), iconv.encode('注文番号,金額\r\n1,2\r\n', 'cp932'));
  fs.writeFileSync(at('picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  for (const f of ['other.csv', 'picture.png']) {
    const bad = labels('import', f);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain(f);
  }
  expect(fs.readFileSync(book).equals(before)).toBe(true);

  // the normal export sends the imported numbers; the row the seller typed a number into (without 出荷日)
  // stays back, named by its row, and no longer holds the other rows of its order (Temu takes part of a
  // parent, docs/malls/temu.md §1.2), so nothing failed
  const sent = w.run(['export', '--config', config, '--workbook', book]);
  expect(sent.code).toBe(0);
  expect(sent.out).toContain(`${typedBySeller.row} 行目`);
  const after = await rowsOf(book);
  const done = after.filter((r) => r.labelKey !== '' && r.labelKey !== typedBySeller.labelKey);
  expect(done.length).toBeGreaterThan(0);
  expect(done.every((r) => r.exportResult.startsWith('OK') && r.exportedTracking === r.tracking)).toBe(true);
  // each 同梱 group went to its mall under its one label's number, on every row
  for (const k of groupKeys.filter((g) => g !== typedBySeller.labelKey)) {
    const mine = after.filter((r) => r.labelKey === k);
    expect(new Set(mine.map((r) => r.exportedTracking))).toEqual(new Set([byKey.get(k)]));
  }
}, 240_000);
