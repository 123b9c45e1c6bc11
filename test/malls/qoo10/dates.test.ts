import { jstStamp, parseJstDateTime, searchBounds, splitWindows } from '../../../src/malls/qoo10/dates';

describe('Qoo10 dates (JST)', () => {
  test('14-digit stamps in JST, whatever the runtime zone', () => {
    expect(jstStamp(Date.UTC(2026, 10, 21, 15, 0, 0))).toBe('20261122000000');
    expect(parseJstDateTime('2026-11-22 00:00:00')).toBe(Date.UTC(2026, 10, 21, 15, 0, 0));
    expect(parseJstDateTime('2026/11/22')).toBe(Date.UTC(2026, 10, 21, 15));
    expect(parseJstDateTime('')).toBeNull();
    expect(parseJstDateTime('1900-01-01 00:00:00')).toBeNull();
  });

  test('windows of at most 89 days cover the range exactly; the end includes the second `to` falls in', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2026, 6, 1);
    const ws = splitWindows(from, to);
    expect(ws[0].from).toBe(from);
    expect(ws[ws.length - 1].to).toBe(to);
    for (let i = 1; i < ws.length; i++) expect(ws[i].from).toBe(ws[i - 1].to);
    for (const w of ws) expect(w.to - w.from).toBeLessThanOrEqual(89 * 86_400_000);
    expect(ws.some((w) => w.to - w.from === 89 * 86_400_000)).toBe(true);
    expect(searchBounds({ from: Date.UTC(2026, 0, 1, 15), to: Date.UTC(2026, 0, 2, 15) })).toEqual({
      start: '20260102000000',
      end: '20260103000000',
    });
    expect(searchBounds({ from: Date.UTC(2026, 0, 1, 15), to: Date.UTC(2026, 0, 2, 15, 0, 0, 700) }).end).toBe(
      '20260103000000',
    );
  });
});
