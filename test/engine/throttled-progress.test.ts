import { MemoryLogger, VirtualClock } from '../../src/engine/memory-ports';
import { throttledProgress } from '../../src/engine/throttled-progress';

test('progress toasts: the first at once, then at most one per gap', () => {
  const clock = new VirtualClock(0);
  const shown = new MemoryLogger();
  const p = throttledProgress(shown, clock, 3000);
  p.progress('Temu 1号店: page 1, 50 rows');
  clock.advance(1000);
  p.progress('Temu 1号店: page 2, 100 rows');
  clock.advance(2000);
  p.progress('Temu 1号店: page 3, 150 rows');
  clock.advance(500);
  p.progress('Qoo10: page 1, 20 rows');
  expect(shown.lines).toEqual(['PROGRESS Temu 1号店: page 1, 50 rows', 'PROGRESS Temu 1号店: page 3, 150 rows']);
});
