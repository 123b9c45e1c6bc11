import { runExport, runFetch } from '../../../src/engine';
import { demoTemuShop, TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { engineWorld, settingsWithShops } from '../../support/worlds';

/** The Temu connector under the real engine and the in-process sandbox: what a seller sees in 受注一覧. */
function world(shopOverrides: Record<string, unknown> = {}) {
  const {
    world: sb,
    book,
    env,
  } = engineWorld(settingsWithShops({ ...demoTemuShop('http://127.0.0.1:8787'), ...shopOverrides }), {
    seed: 11,
    orders: 40,
  });
  const { clock } = sb;
  const temu = sb.sandbox.mall('temu');
  const sheet = () => book.getSheet('受注一覧')!;
  const col = (h: string) => sheet().columnOf(h) - 1;
  const rows = () => sheet().readAll().slice(1);
  const rowsOf = (orderId: string) => rows().filter((r) => r[col('注文番号')] === orderId);
  const fill = (orderId: string, tracking: string, onlyFirst = false) => {
    const all = sheet().readAll();
    let done = 0;
    all.forEach((r, i) => {
      if (i === 0 || r[col('注文番号')] !== orderId || r[col('管理ステータス')] === 'キャンセル') return;
      if (onlyFirst && done > 0) return;
      sheet().edit(i + 1, col('伝票番号') + 1, tracking);
      sheet().edit(i + 1, col('出荷日') + 1, '2026-11-22');
      done++;
    });
  };
  return { env, clock, temu, sandbox: sb.sandbox, rows, rowsOf, col, fill };
}

test('fetch → fill → export: one confirm per ready parent, partial parents ship their ready rows, none on re-run, cancellation flips the row', () => {
  const w = world();
  const fetched = runFetch(w.env, { trigger: 'manual' });
  expect(fetched.exitCode).toBe(0);
  expect(fetched.shops[0]).toMatchObject({ mall: 'Temu', ok: true });
  const orderIds = [...new Set(w.rows().map((r) => String(r[w.col('注文番号')])))];
  const live = (id: string) => w.rowsOf(id).filter((r) => r[w.col('管理ステータス')] !== 'キャンセル');
  const multi = orderIds.filter((id) => live(id).length >= 2);
  const single = orderIds.filter((id) => live(id).length === 1);
  // hostile text stays text
  expect(w.rows().some((r) => String(r[w.col('郵便番号')]).startsWith('0'))).toBe(true);
  expect(w.rows().some((r) => String(r[w.col('電話番号')]).startsWith('+81'))).toBe(true);

  w.fill(multi[0], 'YMT900000001');
  w.fill(single[0], 'YMT900000002');
  w.fill(multi[1], 'YMT900000003', true);
  const exported = runExport(w.env, { trigger: 'manual' });
  expect(w.temu.control('state', {})).toMatchObject({
    requestsByType: expect.objectContaining({ 'bg.logistics.shipment.v2.confirm': 3 }),
  });
  expect(exported.shops[0].exported).toBe(live(multi[0]).length + 2);
  const partial = w.rowsOf(multi[1]).find((r) => r[w.col('伝票番号')] === 'YMT900000003')!;
  for (const r of [...live(multi[0]), ...live(single[0]), partial]) {
    expect(r[w.col('書出結果')]).toBe('OK');
    expect(r[w.col('管理ステータス')]).toBe('処理済');
  }
  expect(
    w
      .rowsOf(multi[1])
      .filter((r) => r[w.col('伝票番号')] === '')
      .every((r) => r[w.col('書出結果')] === ''),
  ).toBe(true);

  runExport(w.env, { trigger: 'manual' });
  expect(w.sandbox.state('temu').requestsByType['bg.logistics.shipment.v2.confirm']).toBe(3);

  const victim = single[1];
  w.temu.control('cancel', { parentOrderSn: victim });
  w.clock.advance(60_000);
  runFetch(w.env, { trigger: 'manual' });
  expect(w.rowsOf(victim).every((r) => r[w.col('管理ステータス')] === 'キャンセル')).toBe(true);
  // re-fetch: still one row per key
  const keys = w.rows().map((r) => `${r[w.col('注文番号')]}/${r[w.col('明細番号')]}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test('a wrong secret: that shop fails with a readable message and exit 1; no secret in the report', () => {
  const w = world({ credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'definitely-wrong' } });
  const r = runFetch(w.env, { trigger: 'manual' });
  expect(r.exitCode).toBe(1);
  expect(r.shops[0].ok).toBe(false);
  expect(r.shops[0].message).toContain('3000001');
  expect(JSON.stringify(r)).not.toContain('definitely-wrong');
});

test('a changed 伝票番号 the mall does not take: the row fails, says Temu keeps the old number, 書出伝票番号 keeps it', () => {
  const w = world();
  runFetch(w.env, { trigger: 'manual' });
  const id = String(w.rows().find((r) => r[w.col('管理ステータス')] !== 'キャンセル')![w.col('注文番号')]);
  w.fill(id, 'YMT910000001');
  expect(runExport(w.env, { trigger: 'manual' }).exitCode).toBe(0);
  w.fill(id, 'YMT910000002');
  w.temu.control('fault', {
    kind: 'code',
    code: 120015529,
    type: 'bg.logistics.shipment.shippingtype.update',
    count: 5,
  });
  const again = runExport(w.env, { trigger: 'manual' });
  expect(again.exitCode).toBe(1);
  expect(again.shops[0]).toMatchObject({
    exported: 0,
    failed: w.rowsOf(id).filter((r) => r[w.col('伝票番号')] === 'YMT910000002').length,
  });
  for (const r of w.rowsOf(id).filter((x) => x[w.col('伝票番号')] === 'YMT910000002')) {
    expect(r[w.col('書出伝票番号')]).toBe('YMT910000001');
    expect(String(r[w.col('書出結果')])).toMatch(/YMT910000002.*YMT910000001/);
  }
});
