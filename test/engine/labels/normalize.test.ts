import { sjisBytes } from '../../../src/engine/labels/charset';
import { itemName, splitAddress } from '../../../src/engine/labels/fit';
import { normalizePhone, normalizePostal, recipientKey } from '../../../src/engine/labels/normalize';

describe('phone, postal code, address fitting (docs/shipping-labels.md §5)', () => {
  test.each([
    ['+81-90-1234-5678', '090-1234-5678'],
    ['+819012345678', '09012345678'],
    ['０９０－１２３４－５６７８', '090-1234-5678'],
    ['(03) 1234 5678', '0312345678'],
    ['+81--', ''],
    ['', ''],
    ['abc', ''],
  ])('phone %s → %s', (raw, want) => expect(normalizePhone(raw)).toBe(want));

  test.each([
    ['1500001', '150-0001'],
    ['〒１５０－０００１', '150-0001'],
    ['150-000', ''],
  ])('postal %s → %s', (raw, want) => expect(normalizePostal(raw)).toBe(want));

  test('an address fills the fields in order, cut at a space, and never loses its tail', () => {
    const a = '東京都渋谷区神宮前一丁目二番三号 メゾン・ド・ラ・ベル・エポック南青山アネックス 1203号室';
    const parts = splitAddress(a, [32, 32, 32])!;
    expect(parts.join('').replace(/\s/g, '')).toBe(a.replace(/\s/g, ''));
    expect(parts.every((p) => sjisBytes(p) <= 32)).toBe(true);
    expect(splitAddress(a, [32])).toBeNull();
  });

  test('品名: the first item, 他N点 for more, within the field', () => {
    const long = 'あ'.repeat(600);
    const name = itemName(
      [
        { name: long, qty: 1 },
        { name: 'x', qty: 2 },
      ],
      50,
      '雑貨',
    );
    expect(sjisBytes(name)).toBeLessThanOrEqual(50);
    expect(name.endsWith('他1点')).toBe(true);
    expect(itemName([], 50, '雑貨')).toBe('雑貨');
  });

  test('同梱 recipients compare after width, spaces, hyphens and +81', () => {
    const a = {
      recipient: '山田 太郎',
      postalCode: '150-0001',
      address: '東京都渋谷区神宮前1-2-3',
      phone: '+81-90-1234-5678',
    };
    const b = {
      recipient: '山田太郎',
      postalCode: '１５００００１',
      address: '東京都渋谷区神宮前１－２－３',
      phone: '090 1234 5678',
    };
    expect(recipientKey(a)).toBe(recipientKey(b));
    expect(recipientKey({ ...b, address: '東京都渋谷区神宮前1-2-4' })).not.toBe(recipientKey(a));
  });
});
