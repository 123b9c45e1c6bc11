import { runEngineBench } from '../../bench/engine';

test('the engine bench (50,000 rows; 1,000 new + 1,000 changed) stays within 8 spreadsheet calls', () => {
  const { calls, lines } = runEngineBench();
  expect(calls).toBeLessThanOrEqual(8);
  expect(lines.join('\n')).toMatch(/naive per-row writer: [\d,]+ calls/);
});
