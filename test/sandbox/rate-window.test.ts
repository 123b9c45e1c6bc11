import { rateWindow } from '../../src/sandbox/rate-window';

describe('rateWindow', () => {
  test('refuses the send over the limit within one second, per key, and frees up as the second slides', () => {
    const over = rateWindow();
    expect([0, 100, 200].map((t) => over('a', 3, t))).toEqual([false, false, false]);
    expect(over('a', 3, 999)).toBe(true);
    expect(over('b', 3, 999)).toBe(false); // another key has its own window
    expect(over('a', 3, 1000)).toBe(false); // the send at 0 left the window; refused sends never counted
    expect(over('a', 3, 1001)).toBe(true);
  });
});
