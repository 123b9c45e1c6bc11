import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { sjisBytes } from '../../src/engine/labels/charset';
import { type LabelRowInput, planLabelExport } from '../../src/engine/labels/export-plan';
import { LABEL_FORMAT_DEFS } from '../../src/engine/labels/formats';
import { LABEL_FORMATS, type LabelFormat } from '../../src/engine/settings/schema';
import { labelCsvBytes } from '../../src/node/label-file';
import { decodeLabelFile } from './support';

const SHIPPER = {
  name: 'MallSheet商店',
  postalCode: '1500001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '+81-3-1234-5678',
};
const B2 = {
  billingCode: '012345678901',
  billingClass: '',
  freightNo: '01',
  itemName: '雑貨',
  handling: 'ワレモノ注意',
};

function row(n: number, over: Partial<LabelRowInput> = {}): LabelRowInput {
  return {
    index: n - 2,
    row: n,
    shop: 'Temu 1号店',
    orderId: `PO-${n}`,
    status: 'new',
    cancelledByMall: false,
    tracking: '',
    labelKey: '',
    combined: '',
    recipient: '山田 太郎',
    postalCode: '100-0001',
    address: '東京都千代田区千代田1-1 皇居外苑マンション101',
    phone: '+81-90-1234-5678',
    item: 'ステンレス保温ボトル 500ml',
    qty: 1,
    ...over,
  };
}

const plan = (format: LabelFormat, rows: LabelRowInput[]) =>
  planLabelExport(rows, { format, today: '20261201', shipper: SHIPPER, b2: B2, existingKeys: new Set() });
const fileOf = (p: ReturnType<typeof plan>) => labelCsvBytes([p.header, ...p.shipments.map((s) => s.line)]);

describe('golden label files, one per format (docs/shipping-labels.md §2–§4)', () => {
  test.each(LABEL_FORMATS)('%s: bytes as committed; Shift-JIS, CRLF, every field within its size', (format) => {
    const p = plan(format, [
      row(2),
      row(3, { orderId: 'PO-2', item: '替えパッキン' }),
      row(4, { recipient: 'Ａｌｉｃｅ　Ｓｍｉｔｈ', phone: '' }),
    ]);
    const bytes = fileOf(p);
    const golden = path.join(__dirname, 'golden', `${format}.csv`);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, bytes);
    expect(bytes.equals(fs.readFileSync(golden))).toBe(true);
    const { text, rows } = decodeLabelFile(bytes);
    expect(iconv.encode(text, 'cp932').equals(bytes)).toBe(true);
    expect(text.endsWith('\r\n') && !/[^\r]\n/.test(text)).toBe(true);
    const def = LABEL_FORMAT_DEFS[format];
    expect(rows[0]).toEqual(def.columns.map((c) => c.header));
    // rows of one order are one line; the row without a phone still ships, with a note
    expect(rows).toHaveLength(3);
    expect(p.notes).toContainEqual({ kind: 'phonePlaceholder', rows: [4] });
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(def.columns.length);
      for (const [i, c] of def.columns.entries())
        if (c.bytes !== undefined) expect(sjisBytes(r[i])).toBeLessThanOrEqual(c.bytes);
    }
  });

  test("B2クラウド: the spec's column positions and codes", () => {
    const [, line] = decodeLabelFile(fileOf(plan('b2', [row(2)]))).rows;
    const col = (n: number) => line[n - 1];
    expect(col(1)).toMatch(/^L261201\d{5}$/);
    expect([col(2), col(3), col(4), col(5)]).toEqual(['0', '0', '', '2026/12/01']);
    expect([col(9), col(11), col(16), col(18)]).toEqual(['090-1234-5678', '100-0001', '山田 太郎', '様']);
    expect([col(12), col(13)]).toEqual(['東京都千代田区千代田1-1 皇居外苑マンション101', '']);
    expect([col(20), col(22), col(25)]).toEqual(['03-1234-5678', '150-0001', 'MallSheet商店']);
    expect([col(28), col(31), col(40), col(41), col(42)]).toEqual([
      'ステンレス保温ボトル 500ml',
      'ワレモノ注意',
      '012345678901',
      '',
      '01',
    ]);
  });

  test('hostile rows: emoji replaced and named, formulas, commas, quotes and full-width digits survive, 600-character items cut', () => {
    const p = plan('b2', [
      row(2, { recipient: '=HYPERLINK("http://x","佐藤🎁")', item: `a,b "quoted" ${'あ'.repeat(600)}` }),
      row(3, {
        orderId: 'PO-3',
        recipient: '鈴木　花子',
        postalCode: '１００－０００１',
        phone: '０９０１２３４５６７８',
        address: '東京都港区1-2-3\n2F',
      }),
    ]);
    const { rows } = decodeLabelFile(fileOf(p));
    expect(rows[1][15]).toBe('=HYPERLINK("http://x","佐藤〓")'.slice(0, 32));
    expect(p.notes).toContainEqual({ kind: 'replaced', rows: [2], chars: ['🎁'] });
    expect(rows[1][27].startsWith('a,b "quoted" あ')).toBe(true);
    expect(sjisBytes(rows[1][27])).toBeLessThanOrEqual(50);
    expect([rows[2][8], rows[2][10], rows[2][11]]).toEqual(['09012345678', '100-0001', '東京都港区1-2-3 2F']);
  });

  test('rows kept out name their reason; settings the format needs stop it before anything', () => {
    const p = plan('b2', [
      row(2, { address: '' }),
      row(3, { orderId: 'x', postalCode: '12' }),
      row(4, { orderId: 'y', address: 'あ'.repeat(60) }),
    ]);
    expect(p.shipments).toHaveLength(0);
    expect(p.notes.map((n) => [n.kind, n.rows])).toEqual([
      ['noAddress', [2]],
      ['badPostal', [3]],
      ['addressTooLong', [4]],
    ]);
    const none = planLabelExport([row(2)], {
      format: 'b2',
      today: '20261201',
      shipper: undefined,
      b2: undefined,
      existingKeys: new Set(),
    });
    expect(none.missingSettings).toEqual(['shipper', 'labels.b2']);
  });

  test('selection: only open rows without tracking or key; a re-issue gives new keys; keys stay unique in the workbook', () => {
    const rows = [
      row(2),
      row(3, { orderId: 'a', tracking: '123' }),
      row(4, { orderId: 'b', status: 'hold' }),
      row(5, { orderId: 'c', cancelledByMall: true }),
      row(6, { orderId: 'd', labelKey: 'L26120100001' }),
      row(7, { orderId: 'e', status: 'awaiting' }),
    ];
    const existing = new Set(['L26120100001', 'L26120100002']);
    const p = planLabelExport(rows, {
      format: 'b2',
      today: '20261201',
      shipper: SHIPPER,
      b2: B2,
      existingKeys: existing,
    });
    expect(p.shipments.map((s) => [s.rows, s.key])).toEqual([
      [[2], 'L26120100003'],
      [[7], 'L26120100004'],
    ]);
    expect(p.alreadyKeyed).toBe(1);
    const re = planLabelExport(rows, {
      format: 'b2',
      today: '20261201',
      shipper: SHIPPER,
      b2: B2,
      existingKeys: existing,
      reissue: true,
      limit: 2,
    });
    expect(re.shipments.map((s) => s.rows)).toEqual([[2], [6]]);
    expect(re.beyondLimit).toBe(1);
  });
});
