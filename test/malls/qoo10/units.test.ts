import { jstStamp, parseJstDateTime, searchBounds, splitWindows } from '../../../src/malls/qoo10/dates';
import { resultMessage } from '../../../src/malls/qoo10/errors';
import { domesticPhone, statusDigit } from '../../../src/malls/qoo10/mapping';
import { asRows, METHODS, readEnvelope } from '../../../src/malls/qoo10/protocol';
import { ShippingRowSchema } from '../../../src/malls/qoo10/schemas';
import { qoo10Ctx, qoo10World } from './helpers';

describe('Qoo10 envelopes', () => {
  test('ResultCode as number or string; the ErrorCode envelope; junk is null', () => {
    expect(readEnvelope({ ResultCode: 0, ResultMsg: 'SUCCESS', ResultObject: [] })).toEqual({
      form: 'result',
      code: 0,
      msg: 'SUCCESS',
      obj: [],
    });
    expect(readEnvelope({ ResultCode: '-10003', ResultMsg: '成功' })).toMatchObject({
      form: 'result',
      code: -10003,
      obj: null,
    });
    expect(readEnvelope({ ErrorCode: -90001, ErrorMsg: 'invalid' })).toEqual({
      form: 'error',
      code: -90001,
      msg: 'invalid',
      obj: null,
    });
    expect(readEnvelope({ ResultCode: 'abc' })).toBeNull();
    expect(readEnvelope('<html>')).toBeNull();
  });

  test('ResultObject null, one object or an array is always a list', () => {
    expect(asRows(null)).toEqual([]);
    expect(asRows(undefined)).toEqual([]);
    expect(asRows({ OrderNo: 1 })).toEqual([{ OrderNo: 1 }]);
    expect(asRows([{ a: 1 }, { a: 2 }])).toHaveLength(2);
  });
});

describe('Qoo10 dates (JST)', () => {
  test('14-digit stamps in JST, whatever the runtime zone', () => {
    expect(jstStamp(Date.UTC(2026, 10, 21, 15, 0, 0))).toBe('20261122000000');
    expect(parseJstDateTime('2026-11-22 00:00:00')).toBe(Date.UTC(2026, 10, 21, 15, 0, 0));
    expect(parseJstDateTime('2026/11/22')).toBe(Date.UTC(2026, 10, 21, 15));
    expect(parseJstDateTime('')).toBeNull();
    expect(parseJstDateTime('1900-01-01 00:00:00')).toBeNull();
  });

  test('windows of at most 89 days cover the range exactly; the end includes the second `to` falls in', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2026, 6, 1);
    const ws = splitWindows(from, to);
    expect(ws[0].from).toBe(from);
    expect(ws[ws.length - 1].to).toBe(to);
    for (let i = 1; i < ws.length; i++) expect(ws[i].from).toBe(ws[i - 1].to);
    for (const w of ws) expect(w.to - w.from).toBeLessThanOrEqual(89 * 86_400_000);
    expect(ws.some((w) => w.to - w.from === 89 * 86_400_000)).toBe(true);
    expect(searchBounds({ from: Date.UTC(2026, 0, 1, 15), to: Date.UTC(2026, 0, 2, 15) })).toEqual({
      start: '20260102000000',
      end: '20260103000000',
    });
    expect(searchBounds({ from: Date.UTC(2026, 0, 1, 15), to: Date.UTC(2026, 0, 2, 15, 0, 0, 700) }).end).toBe(
      '20260103000000',
    );
  });
});

describe('Qoo10 mapping', () => {
  test('status digit from the label in parentheses, never the text', () => {
    expect(statusDigit('On request(2)')).toBe('2');
    expect(statusDigit('配送準備(3)')).toBe('3');
    expect(statusDigit('4')).toBe('4');
    expect(statusDigit('On request')).toBeNull();
  });

  test('phones lose the +81 form, an empty "+81--" stays empty', () => {
    expect(domesticPhone('+81-90-1234-5678')).toBe('090-1234-5678');
    expect(domesticPhone('+81-3-1234-5678')).toBe('03-1234-5678');
    expect(domesticPhone('+81--')).toBe('');
    expect(domesticPhone('+81 80 2345 6789')).toBe('080 2345 6789');
    expect(domesticPhone('090-1111-2222')).toBe('090-1111-2222');
  });

  test('IDs become text, postcodes stay text, numeric strings are read', () => {
    const r = ShippingRowSchema.parse({
      OrderNo: 1100000001,
      PackNo: '700000001',
      ZipCode: '001-0010',
      OrderQty: '2',
      Total: '3,960',
      ShippingStatus: 'On request(2)',
    });
    expect(r).toMatchObject({
      OrderNo: '1100000001',
      PackNo: '700000001',
      ZipCode: '001-0010',
      OrderQty: 2,
      Total: 3960,
      Receiver: '',
    });
    expect(ShippingRowSchema.safeParse({ OrderNo: 1, PackNo: 2, Total: 'abc' }).success).toBe(false);
  });
});

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
