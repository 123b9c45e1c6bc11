import type { ExportLine, LineOutcome } from '../../../src/engine/connector';
import type { OrderLine } from '../../../src/engine/order-line';
import { tiktokConnector } from '../../../src/malls/tiktok';
import { byOrder, exportLine, fetchAll, tiktokWorld, windowReq } from './helpers';

const YAMATO = '7117858858072016686';

function world(orders = 25) {
  const s = tiktokWorld({ orders });
  const { lines } = fetchAll(s.ctx, windowReq(s.world, ['ON_HOLD', 'AWAITING_SHIPMENT', 'CANCELLED', 'IN_TRANSIT']));
  const state = () => s.world.sandbox.state('tiktok');
  const run = (ls: ExportLine[], dryRun = false) => tiktokConnector.exportOrders(s.ctx, byOrder(ls), { dryRun });
  /** an AWAITING_SHIPMENT order with at least `skus` rows (and a delivery option unless asked otherwise) */
  const awaiting = (skus = 1, withOption = true): OrderLine[] => {
    const info = s.orders();
    const id = info.find(
      (o) => o.status === 'AWAITING_SHIPMENT' && new Set(o.skus).size >= skus && !!o.deliveryOptionId === withOption,
    )!.id;
    return lines.filter((l) => l.orderId === id);
  };
  return { ...s, lines, state, run, awaiting };
}

const kinds = (out: LineOutcome[]) => out.map((o) => o.kind);

describe('TikTok export', () => {
  test("marks an order shipped once with its rows' line item ids, tracking and Yamato's provider id", () => {
    const w = world();
    const rows = w.awaiting(2);
    const out = w.run(rows.map((l) => exportLine(l, { tracking: '123456789012' })));
    expect(kinds(out)).toEqual(rows.map(() => 'ok'));
    expect(w.state().shipments).toHaveLength(1);
    const [s] = w.state().shipments;
    expect(s).toMatchObject({ orderId: rows[0].orderId, tracking: '123456789012', providerId: YAMATO });
    expect(s.lineItemIds).toEqual(rows.flatMap((l) => l.lineId.split(',')));
  });

  test('rows with different tracking numbers go as separate packages; rows not ready are not sent', () => {
    const w = world();
    const rows = w.awaiting(3);
    const out = w.run([
      exportLine(rows[0], { tracking: '111111111111' }),
      exportLine(rows[1], { tracking: '222222222222' }),
      exportLine(rows[2], { tracking: '', ready: false }),
    ]);
    expect(out.map((o) => o.key)).toEqual([rows[0], rows[1]].map((l) => `${l.orderId}\u0000${l.lineId}`));
    expect(kinds(out)).toEqual(['ok', 'ok']);
    expect(w.state().shipments.map((s) => s.lineItemIds)).toEqual([
      rows[0].lineId.split(','),
      rows[1].lineId.split(','),
    ]);
  });

  test('never twice: a second export of the same rows is "already shipped" (21008099) with a note', () => {
    const w = world();
    const rows = w.awaiting();
    const lines = rows.map((l) => exportLine(l, { tracking: '123456789012' }));
    w.run(lines);
    const again = w.run(lines);
    expect(kinds(again)).toEqual(rows.map(() => 'already'));
    expect((again[0] as { note: string }).note).toContain('21008099');
    expect(w.state().shipments).toHaveLength(1);
  });

  test("an order without a delivery option finds its carrier through the warehouse's options", () => {
    const w = world();
    const rows = w.awaiting(1, false);
    expect(
      kinds(
        w.run(
          rows.map((l) =>
            exportLine(l, {
              tracking: '333333333333',
              carrierName: '日本郵便',
              carrier: { name: '日本郵便', tiktok: 'japan post' },
            }),
          ),
        ),
      ),
    ).toEqual(rows.map(() => 'ok'));
    expect(w.state().shipments[0].providerId).toBe('7117858858072016688');
    expect(w.world.http.sent.some((r) => r.url.includes('/logistics/202309/warehouses/'))).toBe(true);
  });

  test('a carrier typed outside the table is matched by its own name; an unknown one is explained', () => {
    const w = world();
    const [a] = w.awaiting();
    const ok = w.run([exportLine(a, { tracking: '444444444444', carrierName: 'Sagawa', carrier: null })]);
    expect(ok[0].kind).toBe('ok');
    const [b] = w.awaiting(2).slice(1);
    const bad = w.run([exportLine(b, { tracking: '555555555555', carrierName: 'FedEx', carrier: { name: 'FedEx' } })]);
    expect(bad[0]).toMatchObject({ kind: 'error' });
    expect((bad[0] as { message: string }).message).toMatch(/FedEx.*Yamato, Sagawa, Japan Post/);
    const none = w.run([exportLine(b, { tracking: '555555555555', carrierName: '', carrier: null })]);
    expect((none[0] as { message: string }).message).toMatch(/配送業者が空/);
  });

  test("the mall's refusals become readable messages with the code", () => {
    const w = world();
    const info = w.orders();
    const rowOf = (status: string) => w.lines.find((l) => l.orderId === info.find((o) => o.status === status)!.id)!;
    const cancelled = w.run([exportLine(rowOf('CANCELLED'), { tracking: '600000000001' })]);
    expect((cancelled[0] as { message: string }).message).toMatch(/キャンセル.*\(TikTok 21011041, request_id \w+\)/);
    const held = w.run([exportLine(rowOf('ON_HOLD'), { tracking: '600000000002' })]);
    expect((held[0] as { message: string }).message).toMatch(/保留中.*\(TikTok 21011044, /);
    const [a] = w.awaiting();
    const chars = w.run([exportLine(a, { tracking: 'AB#12' })]);
    expect((chars[0] as { message: string }).message).toMatch(/使えない文字.*\(TikTok 21004012, /);
  });

  test.each([
    [21011041, /キャンセル/],
    [25001010, /キャンセル/],
    [21011007, /アフターサービス/],
    [21011044, /保留中/],
    [21011022, /伝票番号または配送業者が無効/],
    [21004015, /配送業者と一致しません/],
    [11028006, /配送業者と一致しません/],
    [21004012, /使えない文字/],
    [21011025, /既に別の注文/],
    [21034012, /既に別の注文/],
    [21011048, /明細番号を指定/],
    [21008025, /TikTok が配送を手配/],
    [21008106, /地域/],
    [105005, /権限がありません/],
    [101000, /shopCipher/],
    [36009033, /IP 許可リスト/],
    [10007002, /ステータスでは発送情報を更新できません/],
    [21011043, /まだ発送済みになっていない/],
    [21011051, /1 回までで、既に変更済み/],
    [21011050, /期間を過ぎて/],
    [21008042, /配送ラベルが印刷済み.*伝票番号は登録されていません.*ラベルを取り消して/],
    [21022025, /配送ラベルが購入済み.*伝票番号は登録されていません.*ラベルを取り消して/],
    [21008116, /配送業者が登録されていません/],
    [106001, /署名が無効/],
    [12345678, /TikTok Shop のエラー: injected fault/],
  ])('mall code %i on Mark Package As Shipped reads as a sentence with the code and the request_id', (code, text) => {
    const w = world();
    const [a] = w.awaiting();
    w.sb.control('fault', { kind: 'code', code, path: '/fulfillment/' });
    const [out] = w.run([exportLine(a, { tracking: '123456789012' })]);
    expect(out.kind).toBe('error');
    expect((out as { message: string }).message).toMatch(text);
    // support asks for the request_id (docs/malls/tiktok-shop.md §5): every error shows the answer's own
    expect((out as { message: string }).message).toMatch(
      new RegExp(`\\(TikTok ${code}, request_id \\d{14}SBX[0-9A-F]{6}\\)$`),
    );
  });

  test.each([21008099, 11006021, 21011040, 21011006, 21011020, 21042056])(
    'mall code %i counts as already shipped when the mall holds this number',
    (code) => {
      const w = world();
      const [a] = w.awaiting();
      const line = exportLine(a, { tracking: '123456789012' });
      w.run([line]);
      w.sb.control('fault', { kind: 'code', code, path: '/fulfillment/' });
      const [out] = w.run([line]);
      expect(out).toMatchObject({ kind: 'already' });
      expect((out as { note: string }).note).toContain(String(code));
    },
  );

  test('"already shipped" under another number is not OK: the row names the number the mall kept', () => {
    const w = world();
    const [a] = w.awaiting();
    w.run([exportLine(a, { tracking: '111111111111' })]); // shipped in Seller Center, say: MallSheet never recorded it
    const [out] = w.run([exportLine(a, { tracking: '222222222222' })]);
    expect(out.kind).toBe('error');
    expect((out as { message: string }).message).toMatch(
      /別の伝票番号 111111111111 で発送済み.*\(TikTok 21008099, request_id /,
    );
    expect(w.state().shipments.map((s) => s.tracking)).toEqual(['111111111111']);
  });

  test('"already shipped" for some of the rows only is not OK for the rest: a row the mall does not hold never reads OK', () => {
    const w = world();
    const [a, b] = w.awaiting(2);
    w.run([exportLine(a, { tracking: '111111111111' })]); // shipped, and the sheet lost it (a crash before the write)
    const out = w.run([exportLine(a, { tracking: '111111111111' }), exportLine(b, { tracking: '111111111111' })]);
    expect(kinds(out)).toEqual(['error', 'error']);
    expect((out[1] as { message: string }).message).toMatch(
      /一部だけが伝票番号 111111111111 で発送済み.*\(TikTok 21008099, /,
    );
    expect(w.state().shipments).toHaveLength(1);
  });

  test('"already shipped" with no number on the mall\'s side counts only for a number exported unchanged', () => {
    const w = world();
    const [a] = w.awaiting();
    w.sb.control('fault', { kind: 'code', code: 21011020, path: '/fulfillment/', count: 2 });
    const [fresh] = w.run([exportLine(a, { tracking: '123456789012' })]);
    expect(fresh.kind).toBe('error');
    expect((fresh as { message: string }).message).toMatch(/どの伝票番号かを返しませんでした.*21011020/);
    const [same] = w.run([exportLine(a, { tracking: '123456789012', exportedTracking: '123456789012' })]);
    expect(same.kind).toBe('already');
  });

  test.each([
    ['printed', 21008042, /印刷済み/],
    ['purchased', 21022025, /購入済み/],
  ])(
    'a platform label %s in TikTok Shop (%i) is not "already shipped": the row says so and what to do',
    (kind, code, text) => {
      const w = world();
      const rows = w.awaiting();
      w.sb.control('platformLabel', { orderId: rows[0].orderId, kind });
      const out = w.run(rows.map((l) => exportLine(l, { tracking: '123456789012' })));
      expect(kinds(out)).toEqual(rows.map(() => 'error'));
      expect((out[0] as { message: string }).message).toMatch(text);
      expect((out[0] as { message: string }).message).toContain(`(TikTok ${code}, request_id `);
      expect(w.state().shipments).toHaveLength(0);
    },
  );

  test('a warning in a successful answer becomes the note', () => {
    const w = world();
    const [a] = w.awaiting();
    w.sb.control('fault', {
      kind: 'data',
      data: { package_id: '1', warning: { message: 'match more than one provider' } },
      path: '/fulfillment/',
    });
    const [out] = w.run([exportLine(a, { tracking: '123456789012' })]);
    expect(out).toEqual({
      key: `${a.orderId}\u0000${a.lineId}`,
      kind: 'ok',
      note: 'TikTok Shop からの警告: match more than one provider',
    });
  });

  test('JP consolidation: one tracking number on two orders of one recipient and address, each marked shipped', () => {
    const w = world(60);
    const awaiting = new Set(
      w
        .orders()
        .filter((o) => o.status === 'AWAITING_SHIPMENT' && o.deliveryOptionId)
        .map((o) => o.id),
    );
    const who = (l: OrderLine) => `${l.recipient}|${l.postalCode}|${l.address}`;
    const open = w.lines.filter((l) => awaiting.has(l.orderId));
    const mate = open.find((l) => open.some((m) => m.orderId !== l.orderId && who(m) === who(l)))!;
    const pair = open.filter((l) => who(l) === who(mate));
    expect(new Set(pair.map((l) => l.orderId)).size).toBe(2);
    const out = w.run(pair.map((l) => exportLine(l, { tracking: '555566667777' })));
    expect(kinds(out)).toEqual(pair.map(() => 'ok'));
    expect(w.state().shipments.map((x) => [x.orderId, x.tracking])).toEqual(
      [...new Set(pair.map((l) => l.orderId))].map((id) => [id, '555566667777']),
    );
    expect(tiktokConnector.maxOrdersPerTracking).toBe(20);
  });

  test('a tracking number already used for another recipient is refused as a duplicate', () => {
    const w = world(60);
    const info = w.orders();
    const buyers = new Map<string, string>(); // recipient → first awaiting order
    let pair: [OrderLine, OrderLine] | null = null;
    for (const o of info.filter((x) => x.status === 'AWAITING_SHIPMENT')) {
      const row = w.lines.find((l) => l.orderId === o.id)!;
      const other = [...buyers].find(([name]) => name !== row.recipient);
      if (other) {
        pair = [w.lines.find((l) => l.orderId === other[1])!, row];
        break;
      }
      buyers.set(row.recipient, o.id);
    }
    expect(pair).not.toBeNull();
    w.run([exportLine(pair![0], { tracking: '777777777777' })]);
    const dup = w.run([exportLine(pair![1], { tracking: '777777777777' })]);
    expect((dup[0] as { message: string }).message).toMatch(/既に別の注文.*\(TikTok 21011025, /);
  });

  test('a changed exported tracking number uses Update Shipping Info once, then explains the refusal', () => {
    const w = world();
    const rows = w.awaiting();
    w.run(rows.map((l) => exportLine(l, { tracking: '123456789012' })));
    const changed = w.run(
      rows.map((l) => exportLine(l, { tracking: '210987654321', exportedTracking: '123456789012' })),
    );
    expect(kinds(changed)).toEqual(rows.map(() => 'ok'));
    expect(w.state().updates).toEqual([
      { orderId: rows[0].orderId, packageId: expect.any(String), tracking: '210987654321', providerId: YAMATO },
    ]);
    expect(w.world.http.sent.some((r) => r.url.includes(`/orders/${rows[0].orderId}/shipping_info/update?`))).toBe(
      true,
    );
    const twice = w.run(rows.map((l) => exportLine(l, { tracking: '999999999999', exportedTracking: '210987654321' })));
    // the mall keeps the number it took: the row says which, and what to do (書出伝票番号 is not touched)
    expect((twice[0] as { message: string }).message).toMatch(
      /変更できません.*1 回まで.*\(TikTok 21011051, request_id .*210987654321 が登録されたまま/,
    );
    expect(w.state().shipments).toHaveLength(1);
  });

  test('a split order: a changed number goes to that package only (Update Package Shipping Info)', () => {
    const w = world();
    const rows = w.awaiting(2);
    const [first, second] = rows;
    w.run([exportLine(first, { tracking: '111111111111' }), exportLine(second, { tracking: '222222222222' })]);
    const [p1, p2] = (
      w.orders().find((o) => o.id === first.orderId) as unknown as { packages: { id: string; tracking: string }[] }
    ).packages;
    const out = w.run([
      exportLine(first, { tracking: '111111111111', exportedTracking: '111111111111', ready: false }),
      exportLine(second, { tracking: '333333333333', exportedTracking: '222222222222' }),
    ]);
    expect(kinds(out)).toEqual(['ok']);
    expect(
      w.world.http.sent.some((r) => r.url.includes(`/fulfillment/202309/packages/${p2.id}/shipping_info/update?`)),
    ).toBe(true);
    expect(w.world.http.sent.some((r) => r.url.includes('/orders/') && r.url.includes('/shipping_info/update'))).toBe(
      false,
    );
    const after = (
      w.orders().find((o) => o.id === first.orderId) as unknown as { packages: { id: string; tracking: string }[] }
    ).packages;
    expect(after).toEqual(
      [
        { ...p1, tracking: '111111111111' },
        { ...p2, tracking: '333333333333' },
      ].map((p) => expect.objectContaining(p)),
    );
  });

  test('every request carries content-type application/json, GET included', () => {
    const w = world();
    const rows = w.awaiting(1, false);
    w.run(rows.map((l) => exportLine(l, { tracking: '123456789012' })));
    expect(w.world.http.sent.some((r) => r.method === 'get')).toBe(true);
    expect(w.world.http.sent.every((r) => r.contentType === 'application/json')).toBe(true);
  });

  test('dry run previews every shipment and sends nothing', () => {
    const w = world();
    const rows = w.awaiting(2);
    const before = w.world.http.sent.length;
    const out = w.run(
      rows.map((l) => exportLine(l, { tracking: '123456789012' })),
      true,
    );
    expect(kinds(out)).toEqual(rows.map(() => 'preview'));
    expect((out[0] as { message: string }).message).toContain(rows[0].lineId.split(',')[0]);
    expect(w.world.http.sent.length).toBe(before);
  });

  test('an unreachable mall fails every ready line with a message and never throws', () => {
    const w = world();
    const rows = w.awaiting();
    w.sb.control('fault', { kind: 500, count: 20 });
    const out = w.run(rows.map((l) => exportLine(l, { tracking: '123456789012' })));
    expect(out.every((o) => o.kind === 'error' && /HTTP 500/.test(o.message))).toBe(true);
  });

  test('more orders than the 50 QPS quota are shipped without being throttled', () => {
    const w = world(130);
    const ready = w.lines
      .filter((l) => l.mallStatus === 'AWAITING_SHIPMENT')
      .map((l, i) => exportLine(l, { tracking: `8${String(i).padStart(11, '0')}` }));
    const orders = new Set(ready.map((l) => l.orderId)).size;
    expect(orders).toBeGreaterThan(50);
    const start = w.world.clock.now();
    const out = w.run(ready);
    expect(out.every((o) => o.kind === 'ok')).toBe(true);
    expect(w.state().shipments.length).toBeGreaterThanOrEqual(orders);
    expect(w.state().throttled).toBe(0);
    expect(w.world.clock.now() - start).toBeGreaterThanOrEqual(1000);
  });

  test('tracking numbers lose the hyphens and spaces people type', () => {
    expect(tiktokConnector.normalizeTracking('1234-5678 9012')).toBe('123456789012');
  });
});
