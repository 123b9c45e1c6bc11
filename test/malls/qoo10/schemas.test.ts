import { ShippingRowSchema } from '../../../src/malls/qoo10/schemas';

describe('Qoo10 row schemas', () => {
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
