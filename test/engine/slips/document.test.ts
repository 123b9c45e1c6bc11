import { buildSlipDocument } from '../../../src/engine/slips/document';
import { pickSlipRows, type SlipRow } from '../../../src/engine/slips/rows';
import { renderSlipsHtml } from '../../../src/engine/slips/html';

/** 納品書 content per shipment and the picking list's sums, from rows as the orders table reads them. */

let next = 2;
function row(over: Partial<SlipRow>): SlipRow {
  return {
    row: next++,
    shop: 'Temu 1号店',
    orderId: 'PO-1',
    lineId: `L${next}`,
    orderedAt: '2026-11-22 09:30',
    item: '木製カトラリーセット',
    sku: 'CUT-01',
    variant: 'ナチュラル',
    qty: 1,
    unitPrice: 1980,
    amount: 1980,
    currency: 'JPY',
    recipient: '山田 花子',
    postalCode: '060-0001',
    address: '北海道札幌市中央区北一条西2-1',
    phone: '090-1111-2222',
    status: 'new',
    mallCancelled: false,
    tracking: '',
    combined: '',
    ...over,
  };
}

const SHIPPER = { name: 'MallSheet商店', postalCode: '150-0001', address: '東京都渋谷区神宮前1-2-3', phone: '03-1234-5678' };
const COMMENTS = new Map([
  ['Temu 1号店', 'ご購入ありがとうございます。'],
  ['Qoo10 本店', ''],
]);

/** The text a page shows, tags removed and references decoded, per <section>. */
function pageTexts(html: string): string[] {
  return html
    .split('<section')
    .slice(1)
    .map((s) =>
      s
        .replace(/^[^>]*>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

describe('which rows are printed', () => {
  const rows = [
    row({ orderId: 'PO-1' }),
    row({ orderId: 'PO-2', tracking: '123456789012' }),
    row({ orderId: 'PO-3', status: 'done' }),
    row({ orderId: 'PO-4', status: 'awaiting' }),
    row({ orderId: 'PO-5', mallCancelled: true }),
    row({ orderId: 'PO-6', address: ' ' }),
    row({ orderId: 'PO-7', status: 'hold' }),
    row({ orderId: 'PO-8', lineId: 'a' }),
    row({ orderId: 'PO-8', lineId: 'b', status: 'cancelled' }),
  ];

  test('by default the rows a label CSV would carry', () => {
    expect(pickSlipRows(rows).map((r) => r.orderId)).toEqual(['PO-1', 'PO-4', 'PO-8']);
  });

  test("a selection prints those rows' whole shipments, never a cancelled line", () => {
    const picked = pickSlipRows(rows, [rows[2].row, rows[7].row]);
    expect(picked.map((r) => `${r.orderId}/${r.lineId}`)).toEqual([`PO-3/${rows[2].lineId}`, 'PO-8/a']);
  });
});

describe('納品書 per shipment', () => {
  const rows = [
    row({ orderId: 'PO-1', sku: 'CUT-01', qty: 2, unitPrice: 1980, amount: 3960 }),
    row({ orderId: 'PO-1', sku: 'MUG-02', variant: 'ブルー', item: '陶器マグ', qty: 1, unitPrice: 1200, amount: 1200 }),
    // TikTok-like row without prices: blank, not 0
    row({ shop: 'Qoo10 本店', orderId: 'Q-9', sku: 'CUT-01', qty: 3, unitPrice: null, amount: null, recipient: '佐藤 太郎', orderedAt: '2026-11-21 18:00' }),
    // one 同梱 group of two orders
    row({ orderId: 'PO-7', combined: 'G1', sku: 'MUG-02', variant: 'ブルー', item: '陶器マグ', qty: 1, orderedAt: '2026-11-23 08:00' }),
    row({ orderId: 'PO-6', combined: 'G1', sku: 'CUT-01', qty: 1, orderedAt: '2026-11-20 12:00' }),
  ];
  const doc = buildSlipDocument(rows, { comments: COMMENTS, shipper: SHIPPER, issuedOn: '2026-12-01' });

  test('one shipment per order or 同梱 group, with its own rows, shop comment and recipient', () => {
    expect(doc.shipments.map((s) => [s.shop, s.orderIds, s.rows.length, s.comment])).toEqual([
      ['Temu 1号店', ['PO-1'], 2, 'ご購入ありがとうございます。'],
      ['Qoo10 本店', ['Q-9'], 1, ''],
      ['Temu 1号店', ['PO-7', 'PO-6'], 2, 'ご購入ありがとうございます。'],
    ]);
    // the earliest order date of a group; a total only when every amount is known
    expect(doc.shipments[2].orderedAt).toBe('2026-11-20 12:00');
    expect(doc.shipments[0].total).toEqual({ amount: 5160, currency: 'JPY' });
    expect(doc.shipments[1].total).toBeNull();
  });

  test('each page says shop, orders, date, recipient, items, comment and shipper; unknown prices stay blank', () => {
    const pages = pageTexts(renderSlipsHtml(doc, 'ja'));
    expect(pages).toHaveLength(4);
    const [first, qoo10, group, picking] = pages;
    for (const text of ['納品書', '発行日 2026年12月1日', 'PO-1', '2026年11月22日', 'Temu 1号店', '〒060-0001', '山田 花子 様',
      'TEL 090-1111-2222', 'CUT-01', 'ナチュラル', '¥1,980', '¥3,960', 'MUG-02', 'ブルー', '¥1,200', '合計 3 ¥5,160',
      'ご購入ありがとうございます。', 'MallSheet商店', '〒150-0001 東京都渋谷区神宮前1-2-3', 'TEL 03-1234-5678'])
      expect(first).toContain(text);
    expect(qoo10).toContain('佐藤 太郎 様');
    expect(qoo10).not.toContain('¥');
    expect(qoo10).not.toMatch(/\b0\b/);
    expect(qoo10).not.toContain('ご購入ありがとうございます。');
    expect(group).toContain('PO-7, PO-6');
    expect(picking).toContain('ピッキングリスト');
  });

  test('the picking list sums by SKU and variant, sorted by SKU, naming the orders each line serves', () => {
    const { lines, totalQty, shipments } = doc.picking;
    expect(lines.map((l) => [l.sku, l.variant, l.qty, l.orders.map((o) => o.orderId)])).toEqual([
      ['CUT-01', 'ナチュラル', 6, ['PO-1', 'Q-9', 'PO-7', 'PO-6']],
      ['MUG-02', 'ブルー', 2, ['PO-1', 'PO-7', 'PO-6']],
    ]);
    expect(totalQty).toBe(8);
    expect(shipments).toBe(3);
    const picking = pageTexts(renderSlipsHtml(doc, 'ja'))[3];
    expect(picking).toContain('合計 8 点・2 品目・3 件の出荷');
    // two shops: each order number says whose it is
    expect(picking).toContain('Qoo10 本店: Q-9');
    expect(renderSlipsHtml(doc, 'ja').split('<section')[4].match(/class="check"/g)).toHaveLength(2);
  });

  test('variants and missing SKUs stay apart; lines without a SKU come last', () => {
    const d = buildSlipDocument(
      [
        row({ sku: 'B-1', variant: 'L', qty: 1 }),
        row({ sku: '', item: '手作りの品', variant: '', qty: 2 }),
        row({ sku: 'B-1', variant: 'M', qty: 4 }),
        row({ sku: '', item: '別の品', variant: '', qty: 1 }),
        row({ sku: 'A-9', variant: '', qty: 5 }),
      ],
      { comments: COMMENTS, shipper: null, issuedOn: '2026-12-01' },
    );
    expect(d.picking.lines.map((l) => [l.sku || l.item, l.variant, l.qty])).toEqual([
      ['A-9', '', 5],
      ['B-1', 'L', 1],
      ['B-1', 'M', 4],
      ['別の品', '', 1],
      ['手作りの品', '', 2],
    ]);
    expect(d.picking.totalQty).toBe(13);
  });
});

describe('hostile text prints as text', () => {
  test('formulas, tags and a 600-character name are escaped, whole', () => {
    const long = '長'.repeat(600);
    const doc = buildSlipDocument(
      [row({ recipient: '<script>alert(1)</script>', item: '=SUM(A1:A9)', variant: `"><img src=x onerror=alert(1)>`, address: long })],
      { comments: new Map([['Temu 1号店', "<b>bold</b> & 'quotes'"]]), shipper: SHIPPER, issuedOn: '2026-12-01' },
    );
    const html = renderSlipsHtml(doc, 'ja');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    const page = pageTexts(html)[0];
    expect(page).toContain('<script>alert(1)</script> 様');
    expect(page).toContain('=SUM(A1:A9)');
    expect(page).toContain(`"><img src=x onerror=alert(1)>`);
    expect(page).toContain("<b>bold</b> & 'quotes'");
    expect(page).toContain(long);
  });

  test('nothing to print is one page that says so', () => {
    const html = renderSlipsHtml(buildSlipDocument([], { comments: COMMENTS, shipper: null, issuedOn: '2026-12-01' }), 'en');
    expect(pageTexts(html)).toEqual([expect.stringContaining('Nothing to print')]);
  });
});
