import { parseDayRange } from '../../../src/engine/text/day-range';

describe('parseDayRange', () => {
  test('both days included: [from midnight, day after to) in the time zone', () => {
    expect(parseDayRange('2026-11-01', '2026/11/20', 'Asia/Tokyo')).toEqual({
      ok: true,
      from: Date.UTC(2026, 9, 31, 15),
      to: Date.UTC(2026, 10, 20, 15),
    });
  });
  test('names the bad field', () => {
    expect(parseDayRange('2026-02-30', '2026-03-01', 'Asia/Tokyo')).toEqual({
      ok: false,
      field: 'from',
      value: '2026-02-30',
    });
    expect(parseDayRange('2026-03-01', 'tomorrow', 'Asia/Tokyo')).toEqual({
      ok: false,
      field: 'to',
      value: 'tomorrow',
    });
    expect(parseDayRange('2026-03-02', '2026-03-01', 'Asia/Tokyo')).toMatchObject({ ok: false, field: 'order' });
  });
});
