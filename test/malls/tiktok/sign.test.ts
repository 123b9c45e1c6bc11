import { encodeQuery, signRequest, stringToSign } from '../../../src/malls/tiktok/sign';
import { nodeCrypto } from '../../../src/node/crypto';

// docs/malls/tiktok-shop.md §2.3: every vector uses the official example secret
const SECRET = 'e59af819cc';
const CIPHER = 'ROW_xkMbgAAAeVAQra0eZWebFQq5aIK';

describe('TikTok signing (docs/malls/tiktok-shop.md §2.3 vectors)', () => {
  test('A: official GET Get Authorized Shops; access_token and sign never signed', () => {
    const query = { app_key: '29a39d', timestamp: '1623812664', access_token: 'TTP_x', sign: 'old' };
    expect(stringToSign('/authorization/202309/shops', query, '')).toBe(
      '/authorization/202309/shopsapp_key29a39dtimestamp1623812664',
    );
    expect(signRequest(nodeCrypto, SECRET, '/authorization/202309/shops', query, '')).toBe(
      'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
    );
  });

  test('B: official body example string', () => {
    const q = { app_key: '68xu9ks5p4i8', shop_cipher: 'ROW_xkMbgAAAeVAQra0eZWebFQq5aIK', timestamp: '1696909648' };
    const body = '{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}';
    expect(signRequest(nodeCrypto, SECRET, '/event/202309/webhooks', q, body)).toBe(
      'cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a',
    );
  });

  test('C: Search Orders, sorted query plus the exact body', () => {
    const query = {
      app_key: '29a39d',
      timestamp: '1735689600',
      page_size: '50',
      sort_field: 'create_time',
      sort_order: 'ASC',
      shop_cipher: CIPHER,
    };
    const body = JSON.stringify({
      create_time_ge: 1735603200,
      create_time_lt: 1735689600,
      order_status: 'AWAITING_SHIPMENT',
    });
    expect(stringToSign('/order/202309/orders/search', query, body)).toBe(
      '/order/202309/orders/searchapp_key29a39dpage_size50shop_cipherROW_xkMbgAAAeVAQra0eZWebFQq5aIKsort_fieldcreate_timesort_orderASCtimestamp1735689600{"create_time_ge":1735603200,"create_time_lt":1735689600,"order_status":"AWAITING_SHIPMENT"}',
    );
    expect(signRequest(nodeCrypto, SECRET, '/order/202309/orders/search', query, body)).toBe(
      '457a7f43942bf2eeee50d5b1c2a017630a00bc13634372079c6cb250f879b656',
    );
  });

  test('D and E: Mark Package As Shipped; body key order changes the sign', () => {
    const path = '/fulfillment/202309/orders/576461413038785752/packages';
    const query = { app_key: '29a39d', shop_cipher: CIPHER, timestamp: '1735689600' };
    const d =
      '{"order_line_item_ids":["577086512123755123"],"shipping_provider_id":"7117858858072016686","tracking_number":"123456789012"}';
    const e =
      '{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686","order_line_item_ids":["577086512123755123"]}';
    expect(signRequest(nodeCrypto, SECRET, path, query, d)).toBe(
      '2d65143f81b10372a978237fd30cb5e672d4d94f712cba2f143fc78971d0d2b5',
    );
    expect(signRequest(nodeCrypto, SECRET, path, query, e)).toBe(
      '99b1fcf81df55590a02172052a94ed252296dea5de140e7005d28ba2714491ea',
    );
  });

  test('query values are percent-encoded when sent (page tokens carry + and /)', () => {
    expect(encodeQuery({ page_token: '+/+/ab=', a: 'x y' })).toBe('page_token=%2B%2F%2B%2Fab%3D&a=x%20y');
  });
});
