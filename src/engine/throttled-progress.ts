import type { ClockPort, ProgressPort } from '../ports';

/**
 * Progress for a person watching (Sheets toasts): the first line at once, then at most one line per
 * `gapMs`. Each toast is a spreadsheet call, and a fetch reports every page; the user needs to see the
 * run move (which shop, which page, rows so far), not every step.
 */
export function throttledProgress(inner: ProgressPort, clock: ClockPort, gapMs = 3000): ProgressPort {
  let last = -Infinity;
  return {
    progress(msg) {
      const now = clock.now();
      if (now - last < gapMs) return;
      last = now;
      inner.progress(msg);
    },
  };
}
