import { domesticPhone, statusDigit } from '../../../src/malls/qoo10/mapping';

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
});
