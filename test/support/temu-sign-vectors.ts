/**
 * Temu's signing vectors (docs/malls/temu.md §6.3 and its appendix): the doc's own request bodies with the
 * app secret and the sign Temu computed. The connector's signer and the sandbox's own must both give `sign`.
 */

/** V1: the doc's confirm example, nested objects in its signing string's own order. */
export const TEMU_V1 = {
  secret: 'c7e0a1a63542be4de3cb5488f9fba8149e8fc290',
  sign: '4CCF219942D4180C6DDA3CE36C1B838F',
  params: {
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
  },
};

const V2_LINE = {
  quantity: 1,
  orderSn: '211-03568305731193450',
  parentOrderSn: 'PO-211-03568242816633450',
  goodsId: 602368171198347,
  skuId: 37386079732361,
};

/** V2: the v2.confirm split-and-ship example, its top-level keys unsorted in the object. */
export const TEMU_V2 = {
  secret: '4782d2d827276688bf4758bed55dbdd4bbe79a79',
  sign: '78D868729C113975C644FD07962DDE96',
  params: {
    app_key: '4ebbc9190ae410443d65b4c2faca981f',
    access_token: 'uplv3hfyt5kcwoymrgnajnbl1ow5qxlz4sqhev6hl3xosz5dejrtyl2jre7',
    data_type: 'JSON',
    timestamp: 1768189927,
    type: 'bg.logistics.shipment.v2.confirm',
    version: 'V1',
    sendRequestList: [
      {
        orderSendInfoList: [V2_LINE],
        selfShippingWarehouseId: 'WH-04024228864152414',
        carrierId: 998264743,
        trackingNumber: 'AAAstwbsn1767818982181269',
      },
      {
        orderSendInfoList: [V2_LINE],
        selfShippingWarehouseId: 'WH-04024228864152414',
        carrierId: 998264743,
        trackingNumber: 'BBBstwbsn1767818982181269',
      },
    ],
    sendType: 1,
  },
};
