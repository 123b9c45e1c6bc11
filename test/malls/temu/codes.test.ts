import { translate } from '../../../src/i18n';
import { temuConnector } from '../../../src/malls/temu';
import { classifyTemu } from '../../../src/malls/temu/client';
import { messageKeyFor, RETRY_CODES } from '../../../src/malls/temu/codes';

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
