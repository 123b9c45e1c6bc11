import { signingString, signParams, withoutEmpty } from '../../../src/malls/temu/sign';
import { nodeCrypto } from '../../../src/node/crypto';

const md5 = nodeCrypto.md5Hex;

describe('Temu signing (docs/malls/temu.md §6.3, appendix vectors)', () => {
  test("V1: the doc confirm example, nested objects in the signing string's own order → 4CCF2199…", () => {
    const params = {
      access_token: '2nifvmpyymvypwmcms5ct4uqqudrwgpmzbcnmkt1jzjkuaf3x56iixym',
      app_key: 'f9d5cc9313893a20d5aa85c654e8f503',
      data_type: 'JSON',
      sendRequestList: [
        {
          orderSendInfoList: [
            {
              quantity: 1,
              orderSn: '211-21905473070712792',
              parentOrderSn: 'PO-211-21905452099192792',
              goodsId: 601099548666279,
              skuId: 17592352673534,
            },
          ],
          carrierId: '699272611',
          trackingNumber: '270324232756',
        },
      ],
      sendType: 0,
      timestamp: 1711009072,
      type: 'bg.logistics.shipment.confirm',
    };
    expect(signParams(params, 'c7e0a1a63542be4de3cb5488f9fba8149e8fc290', md5)).toBe(
      '4CCF219942D4180C6DDA3CE36C1B838F',
    );
  });

  test('V2: v2.confirm split-and-ship example (top-level keys unsorted in the object) → 78D86872…', () => {
    const line = {
      quantity: 1,
      orderSn: '211-03568305731193450',
      parentOrderSn: 'PO-211-03568242816633450',
      goodsId: 602368171198347,
      skuId: 37386079732361,
    };
    const params = {
      app_key: '4ebbc9190ae410443d65b4c2faca981f',
      access_token: 'uplv3hfyt5kcwoymrgnajnbl1ow5qxlz4sqhev6hl3xosz5dejrtyl2jre7',
      data_type: 'JSON',
      timestamp: 1768189927,
      type: 'bg.logistics.shipment.v2.confirm',
      version: 'V1',
      sendRequestList: [
        {
          orderSendInfoList: [line],
          selfShippingWarehouseId: 'WH-04024228864152414',
          carrierId: 998264743,
          trackingNumber: 'AAAstwbsn1767818982181269',
        },
        {
          orderSendInfoList: [line],
          selfShippingWarehouseId: 'WH-04024228864152414',
          carrierId: 998264743,
          trackingNumber: 'BBBstwbsn1767818982181269',
        },
      ],
      sendType: 1,
    };
    expect(signParams(params, '4782d2d827276688bf4758bed55dbdd4bbe79a79', md5)).toBe(
      '78D868729C113975C644FD07962DDE96',
    );
  });

  test('nested key order matters (the doc body order gives another sign), top-level order does not', () => {
    const a = { b: 1, a: [{ x: 1, y: 2 }] };
    const reordered = { a: [{ y: 2, x: 1 }], b: 1 };
    const sameNested = { a: [{ x: 1, y: 2 }], b: 1 };
    expect(signingString(a)).toBe('a[{"x":1,"y":2}]b1');
    expect(signParams(a, 's', md5)).toBe(signParams(sameNested, 's', md5));
    expect(signParams(a, 's', md5)).not.toBe(signParams(reordered, 's', md5));
  });

  test('strings are raw: non-ASCII, "/" and "&" unescaped, quotes removed; a number and its string sign alike', () => {
    expect(signingString({ n: '山田&/x', t: 1711009072 })).toBe('n山田&/xt1711009072');
    expect(signParams({ t: '1711009072' }, 's', md5)).toBe(signParams({ t: 1711009072 }, 's', md5));
  });

  test('withoutEmpty drops null, undefined and empty strings only', () => {
    expect(withoutEmpty({ a: null, b: undefined, c: '', d: 0, e: false, f: 'x' })).toEqual({ d: 0, e: false, f: 'x' });
  });
});
