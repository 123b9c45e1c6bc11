import { translate } from '../../../src/i18n';
import { temuConnector } from '../../../src/malls/temu';
import { classifyTemu } from '../../../src/malls/temu/client';
import { messageKeyFor, RETRY_CODES } from '../../../src/malls/temu/codes';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { control, temuCtx, temuState, temuWorld, windowReq } from './helpers';

/** Every code docs/malls/temu.md §1.3 / §5 names, with a word its message must contain. */
const CODES: [number, RegExp][] = [
  [3000001, /署名/],
  [3000011, /時刻/],
  [3000012, /時刻/],
  [3000034, /期限が切れた/],
  [4000004, /リクエストが多すぎ/],
  [4000000, /システムエラー/],
  [120012004, /発送済み/],
  [120014003, /既に別の注文/],
  [120014004, /既に別の注文/],
  [120012041, /既に別の注文/],
  [120014001, /無効/],
  [120014023, /無効/],
  [120014005, /無効/],
  [120014008, /無効/],
  [120014019, /無効/],
  [120014020, /記号/],
  [120014022, /配送業者/],
  [120015037, /配送業者/],
  [120015002, /配送業者/],
  [120015527, /倉庫/],
  [120011085, /倉庫/],
  [120011086, /倉庫/],
  [120012063, /倉庫/],
  [120012064, /倉庫/],
  [120011006, /倉庫/],
  [120011011, /倉庫/],
  [120012023, /住所変更/],
  [120012030, /キャンセル申請/],
  [120017007, /キャンセル申請/],
  [120012031, /リスク警告/],
  [120012007, /注文番号/],
  [120012016, /注文番号/],
  [120011072, /地域/],
  [120012034, /自社配送/],
  [120011091, /自社配送/],
  [120011059, /自社配送/],
  [120011092, /自社配送/],
  [120012035, /自社配送/],
  [120015528, /自社配送/],
  [120015537, /自社配送/],
  [120012015, /同梱/],
  [120015518, /同梱/],
  [120015543, /同梱/],
  [120015539, /同梱/],
  [120014006, /システムエラー/],
  // gateway: what the seller must do
  [3000020, /App Key/],
  [3000026, /App Key/],
  [3000031, /再認証/],
  [3000021, /権限を申請/],
  [3000022, /サポートに連絡/],
  [3000028, /サポートに連絡/],
  [3000010, /必須項目/],
  [3000013, /必須項目/],
  [3000040, /必須項目/],
  // v2.confirm codes of the current reference
  [120012076, /オンライン予約/],
  [120011114, /自社配送/],
  [120011030, /協力倉庫/],
  [120011031, /契約に署名/],
  [120011065, /発送元の住所/],
  [120015026, /指定する配送業者/],
  [120015030, /指定する配送業者/],
  [120015050, /指定する配送業者/],
  [120015530, /自社配送/],
  [120015531, /warehouseId/],
  [120018021, /BC 注文/],
  [120018069, /アクセストークン/],
  // shippingtype.update
  [120015529, /変更できる状態ではありません/],
  [120018027, /packageSn/],
];

describe('Temu codes → readable messages', () => {
  test.each(CODES)('%i has its own message naming the code', (code, word) => {
    const key = messageKeyFor(code);
    expect(key).not.toBe('temu.err.other');
    const ja = translate('ja', key, { code, api: 'x', detail: '' });
    const en = translate('en', key, { code, api: 'x', detail: '' });
    expect(ja).toMatch(word);
    expect(ja).toContain(String(code));
    expect(en).toContain(String(code));
    expect(en).not.toMatch(/[ぁ-んァ-ン]/);
  });

  test("an unknown code shows Temu's own text with the code", () => {
    expect(translate('en', messageKeyFor(123), { code: 123, detail: 'odd thing' })).toBe(
      'Temu error (code 123): odd thing',
    );
  });

  test('rate limit and system errors on HTTP 200 are retried, business errors are final', () => {
    const body = (code: number) => ({
      status: 200,
      headers: {},
      body: JSON.stringify({ success: false, errorCode: code, errorMsg: 'x' }),
    });
    expect([...RETRY_CODES].map((c) => classifyTemu(body(c)).kind)).toEqual(['retry', 'retry', 'retry']);
    expect(classifyTemu(body(4000004))).toMatchObject({ kind: 'retry', afterMs: 1000 });
    expect(classifyTemu(body(120012004)).kind).not.toBe('retry');
    expect(classifyTemu({ status: 200, headers: {}, body: '{"success":tru' }).kind).toBe('retry');
    expect(classifyTemu({ status: 200, headers: {}, body: '{"success":true,"errorCode":1000000}' }).kind).toBe('ok');
  });

  test('normalizeTracking drops the symbols Temu rejects (spec 120014020)', () => {
    expect(temuConnector.normalizeTracking('4470-1234 #5678%')).toBe('447012345678');
  });
});

describe('Temu check', () => {
  test('auth, expiry, scopes, warehouse and each carrier of the table', () => {
    const world = temuWorld();
    const ctx = temuCtx(world);
    const lines = temuConnector.check(ctx, [
      ...DEMO_CARRIERS,
      { name: 'DHL', temu: 'DHL' },
      { name: 'Qoo10 only', qoo10: 'x' },
    ]);
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect([...byId.keys()]).toEqual([
      'auth',
      'expiry',
      'scopes',
      'warehouse',
      'carrier:ヤマト運輸',
      'carrier:佐川急便',
      'carrier:日本郵便',
      'carrier:DHL',
    ]);
    expect(lines.filter((l) => !l.ok).map((l) => l.id)).toEqual(['carrier:DHL']);
    expect(byId.get('carrier:ヤマト運輸')!.message).toContain('998264701');
    expect(byId.get('warehouse')!.message).toContain('WH-00000000000000101');
    expect(ctx.expiry.value).not.toBeNull();
  });

  test('warns 14 days ahead of the token expiry; notes missing amount permission', () => {
    const world = temuWorld();
    control(world, 'expiry', { inDays: 13 });
    control(world, 'deny-amounts', { deny: true });
    const lines = temuConnector.check(temuCtx(world), []);
    expect(lines.find((l) => l.id === 'expiry')).toMatchObject({
      ok: false,
      message: expect.stringContaining('13 日後'),
    });
    expect(lines.find((l) => l.id === 'scope:amounts')).toMatchObject({
      ok: true,
      message: expect.stringContaining('単価'),
    });
  });

  test('a token that lists the v1 API names (every public sample does) has the permissions; v2 names too', () => {
    const world = temuWorld();
    const v1 = [
      'bg.order.list.get',
      'bg.order.shippinginfo.get',
      'bg.logistics.shipment.confirm',
      'bg.logistics.shipment.get',
    ];
    const v2 = [
      'bg.order.list.v2.get',
      'bg.order.shippinginfo.v2.get',
      'bg.logistics.shipment.v2.confirm',
      'bg.logistics.shipment.v2.get',
    ];
    const common = [
      'bg.logistics.companies.get',
      'bg.logistics.warehouse.list.get',
      'bg.order.amount.query',
      'bg.logistics.shipment.shippingtype.update',
    ];
    for (const names of [v1, v2]) {
      control(world, 'scopes', { apiScopeList: [...names, ...common] });
      expect(temuConnector.check(temuCtx(world), []).find((l) => l.id === 'scopes')).toMatchObject({ ok: true });
    }
    control(world, 'scopes', { apiScopeList: [...v1.slice(1), ...common.slice(0, 3)] });
    const lines = temuConnector.check(temuCtx(world), []);
    expect(lines.find((l) => l.id === 'scopes')).toMatchObject({
      ok: false,
      message: expect.stringContaining('bg.order.list.v2.get'),
    });
    expect(lines.find((l) => l.id === 'scope:trackingChange')).toMatchObject({
      ok: true,
      message: expect.stringContaining('Seller Center'),
    });
  });

  test.each([
    ['appKey', 'no-such-app', 3000026, /App Key/],
    ['accessToken', 'no-such-token', 3000031, /再認証/],
  ])('a wrong %s: the check says what to do (%s → %i)', (field, value, code, word) => {
    const world = temuWorld();
    const lines = temuConnector.check(
      temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, [field]: value } }),
      DEMO_CARRIERS,
    );
    expect(lines).toEqual([{ id: 'auth', ok: false, message: expect.stringMatching(word) }]);
    expect(lines[0].message).toContain(String(code));
  });

  test("a suspended app stops the shop's fetch before any list call", () => {
    const world = temuWorld();
    control(world, 'suspend', {});
    const ctx = temuCtx(world);
    expect(() => temuConnector.fetch(ctx, { ...windowReq(world), cursor: null })).toThrow(/サポートに連絡.*3000028/);
    expect(temuState(world).requestsByType['bg.order.list.v2.get']).toBeUndefined();
  });

  test('a wrong secret gives one failing auth line with the signature message', () => {
    const world = temuWorld();
    const lines = temuConnector.check(
      temuCtx(world, { credentials: { ...TEMU_SANDBOX_CREDENTIALS, appSecret: 'nope' } }),
      DEMO_CARRIERS,
    );
    expect(lines).toEqual([{ id: 'auth', ok: false, message: expect.stringMatching(/署名.*3000001/) }]);
  });

  test('an unknown warehouseId is reported', () => {
    const world = temuWorld();
    const lines = temuConnector.check(temuCtx(world, { warehouseId: 'WH-404' }), []);
    expect(lines.find((l) => l.id === 'warehouse')).toMatchObject({
      ok: false,
      message: expect.stringContaining('WH-404'),
    });
  });
});
