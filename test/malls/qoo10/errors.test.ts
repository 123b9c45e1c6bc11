import { resultMessage } from '../../../src/malls/qoo10/errors';
import { METHODS } from '../../../src/malls/qoo10/protocol';
import { qoo10Ctx, qoo10World } from './helpers';

describe('Qoo10 result codes → readable messages', () => {
  const { world } = qoo10World();
  const ja = qoo10Ctx(world);
  const en = qoo10Ctx(world, {}, { locale: 'en' });
  const cases: [string, number, RegExp][] = [
    [METHODS.setSending, -10000, /販売認証キー/],
    [METHODS.setSending, -10001, /注文番号.*形式/],
    [METHODS.setSending, -10002, /配送会社/],
    [METHODS.setSending, -10003, /伝票番号/],
    [METHODS.setSending, -10004, /この販売者の注文ではありません/],
    [METHODS.setSending, -10005, /顧客番号/],
    [METHODS.setSending, -10010, /更新を受け付けません/],
    [METHODS.setSending, -10100, /更新を受け付けません/],
    // a wrong or expired key, never "this API does not exist"
    [METHODS.setSending, -90001, /API キーまたは販売認証キーを受け付けません/],
    [METHODS.setSending, -90002, /権限/],
    [METHODS.setSending, -90003, /権限/],
    [METHODS.setSending, -90004, /有効期限/],
    [METHODS.setSending, -90005, /有効期限/],
    [METHODS.shippingInfo, -10001, /販売者情報/],
    [METHODS.shippingInfo, -10002, /検索日付/],
    [METHODS.claimInfo, -10003, /90日/],
  ];
  test.each(cases)('%s %i', (method, code, re) => {
    const m = resultMessage(ja, method, code, 'raw mall text');
    expect(m).toMatch(re);
    expect(m).toContain(String(code));
    expect(m).not.toContain('raw mall text');
    expect(resultMessage(en, method, code, 'raw')).toMatch(new RegExp(`^Qoo10 error ${code}: [A-Za-z]`));
  });

  test('an unknown code shows the mall message', () => {
    expect(resultMessage(ja, METHODS.setSending, -12345, 'Something odd')).toBe('Qoo10 エラー -12345: Something odd');
  });
});
