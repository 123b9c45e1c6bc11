import { readShippedOn } from '../../../src/engine/export/shipped-on';
import { normalizeTrackingWidth } from '../../../src/engine/text/tracking';

describe('出荷日 forms', () => {
  test.each([
    ['2026-11-22', '2026-11-22'],
    ['2026/11/22', '2026-11-22'],
    ['2026.11.22', '2026-11-22'],
    ['2026/1/5', '2026-01-05'],
    ['２０２６／１１／２２', '2026-11-22'],
    ['2026年11月22日', '2026-11-22'],
    [' 2026-11-22 10:30 ', '2026-11-22'],
  ])('%s reads as %s', (text, date) => {
    expect(readShippedOn(text, 'Asia/Tokyo')).toEqual({ kind: 'date', date });
  });

  test('a date cell is read in the configured zone', () => {
    const lateUtc = new Date(Date.UTC(2026, 10, 21, 15, 0)); // 2026-11-22 00:00 JST
    expect(readShippedOn(lateUtc, 'Asia/Tokyo')).toEqual({ kind: 'date', date: '2026-11-22' });
    expect(readShippedOn(lateUtc, 'UTC')).toEqual({ kind: 'date', date: '2026-11-21' });
  });

  test.each(['11/22', '2026-02-30', 'tomorrow', '22.11.2026'])('%s is invalid, not guessed', (text) => {
    expect(readShippedOn(text, 'Asia/Tokyo')).toEqual({ kind: 'invalid', text });
  });

  test('empty is empty', () => {
    expect(readShippedOn('', 'Asia/Tokyo')).toEqual({ kind: 'empty' });
    expect(readShippedOn('  ', 'Asia/Tokyo')).toEqual({ kind: 'empty' });
  });
});

describe('tracking width normalisation', () => {
  test('full-width digits and letters become half-width; every space goes', () => {
    expect(normalizeTrackingWidth('１２３４　５６７８ ＡＢ-9')).toBe('12345678AB-9');
  });
});
