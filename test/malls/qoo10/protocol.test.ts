import { asRows, readEnvelope } from '../../../src/malls/qoo10/protocol';

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
