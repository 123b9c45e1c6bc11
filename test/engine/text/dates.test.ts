import { formatDateTime, zonedTimeToEpoch } from '../../../src/engine/text/dates';

describe('date-times in a time zone', () => {
  test('formats in the zone, across a DST change', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 21, 15, 5), 'Asia/Tokyo')).toBe('2026-11-22 00:05');
    expect(formatDateTime(Date.UTC(2026, 2, 8, 6, 59), 'America/New_York')).toBe('2026-03-08 01:59');
    expect(formatDateTime(Date.UTC(2026, 2, 8, 7, 0), 'America/New_York')).toBe('2026-03-08 03:00');
  });

  test('agrees with Intl minute by minute around half-hour-zone DST changes', () => {
    const intl = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'America/St_Johns',
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    for (let ms = Date.UTC(2026, 10, 1, 3, 0); ms < Date.UTC(2026, 10, 1, 6, 0); ms += 60_000) {
      expect(formatDateTime(ms, 'America/St_Johns')).toBe(intl.format(ms));
    }
  });

  test('wall-clock time in a zone back to epoch', () => {
    expect(zonedTimeToEpoch(2026, 11, 22, 10, 0, 0, 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 22, 1, 0));
    expect(zonedTimeToEpoch(2026, 7, 1, 12, 0, 0, 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 16, 0));
  });
});
