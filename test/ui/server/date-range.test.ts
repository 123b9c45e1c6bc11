import { dayRangeToEpoch } from '../../../src/ui/server/date-range';
import { MAX_RANGE_DAYS, rangeProblems } from '../../../src/ui/shared/date-range';

describe('date range', () => {
  test('both days are included, midnight to midnight in the time zone', () => {
    expect(dayRangeToEpoch('2026-11-01', '2026-11-22', 'Asia/Tokyo')).toEqual({
      from: Date.UTC(2026, 9, 31, 15, 0, 0),
      to: Date.UTC(2026, 10, 22, 15, 0, 0),
    });
    // across a DST change the day boundaries stay local midnights
    expect(dayRangeToEpoch('2026-03-08', '2026-03-08', 'America/New_York')).toEqual({
      from: Date.UTC(2026, 2, 8, 5, 0, 0),
      to: Date.UTC(2026, 2, 9, 4, 0, 0),
    });
  });

  test('what the dialog and the server refuse', () => {
    const today = '2026-11-22';
    expect(rangeProblems('2026-11-01', '2026-11-22', today)).toEqual([]);
    expect(rangeProblems('2026-11-22', '2026-11-22', today)).toEqual([]);
    expect(rangeProblems('2026/11/01', '2026-11-31', today)).toEqual([
      { field: 'from', code: 'errDate' },
      { field: 'to', code: 'errDate' },
    ]);
    expect(rangeProblems('2026-11-10', '2026-11-09', today)).toEqual([{ field: 'to', code: 'errOrder' }]);
    expect(rangeProblems('2026-11-20', '2026-11-23', today)).toEqual([{ field: 'to', code: 'errFuture' }]);
    const first = new Date(Date.UTC(2026, 10, 22 - MAX_RANGE_DAYS + 1)).toISOString().slice(0, 10);
    const tooEarly = new Date(Date.UTC(2026, 10, 22 - MAX_RANGE_DAYS)).toISOString().slice(0, 10);
    expect(rangeProblems(first, today, today)).toEqual([]);
    expect(rangeProblems(tooEarly, today, today)).toEqual([{ field: 'from', code: 'errTooLong' }]);
  });
});
