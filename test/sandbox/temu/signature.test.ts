import fs from 'node:fs';
import path from 'node:path';
import { temuConnector } from '../../../src/malls/temu';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { expectedSign } from '../../../src/sandbox/temu/signature';
import { temuCtx, temuWorld } from '../../malls/temu/helpers';

/**
 * The sandbox checks signatures with its own signer (docs/malls/temu.md §6), so a signing bug in the
 * connector fails against the sandbox instead of being repeated by it. The connector's signer is replaced
 * here by one with a plausible bug (lower-case hex, as an MD5 helper returns it).
 */
jest.mock('../../../src/malls/temu/sign', () => {
  const actual = jest.requireActual('../../../src/malls/temu/sign');
  return {
    ...actual,
    signParams: (params: Record<string, unknown>, secret: string, md5Hex: (s: string) => string) =>
      md5Hex(secret + actual.signingString(params) + secret),
  };
});

describe('Temu sandbox signer (independent of the connector)', () => {
  test('V1: the doc confirm example, nested order as in its signing string → 4CCF2199…', () => {
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
    const body = JSON.parse(JSON.stringify({ ...params, sign: '4CCF219942D4180C6DDA3CE36C1B838F' }));
    expect(expectedSign(body, 'c7e0a1a63542be4de3cb5488f9fba8149e8fc290')).toBe('4CCF219942D4180C6DDA3CE36C1B838F');
  });

  test('V2: the v2.confirm split-and-ship example → 78D86872…', () => {
    const line = {
      quantity: 1,
      orderSn: '211-03568305731193450',
      parentOrderSn: 'PO-211-03568242816633450',
      goodsId: 602368171198347,
      skuId: 37386079732361,
    };
    const body = JSON.parse(
      JSON.stringify({
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
        sign: '78D868729C113975C644FD07962DDE96',
      }),
    );
    expect(expectedSign(body, '4782d2d827276688bf4758bed55dbdd4bbe79a79')).toBe('78D868729C113975C644FD07962DDE96');
  });

  test('a connector whose signer is wrong is refused with 3000001', () => {
    const lines = temuConnector.check(temuCtx(temuWorld()), DEMO_CARRIERS);
    expect(lines).toEqual([{ id: 'auth', ok: false, message: expect.stringContaining('3000001') }]);
  });

  test("no sandbox module imports the connector's signer", () => {
    const dir = path.join(__dirname, '../../../src/sandbox/temu');
    for (const f of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toMatch(/malls\/temu\/sign/);
    }
  });
});
