import { runCheck, runExport, runFetch } from '../../../src/engine';
import { readLog } from '../../../src/engine/log/log-sheet';
import { demoSettings } from '../../../src/sandbox/demo-config';
import { engineWorld } from '../../support/worlds';

/** The runs against the real connectors and the in-process sandbox malls (the demo's settings). */
test('fetch, dry-run export and check run clean against the three sandbox malls', () => {
  const { book, env } = engineWorld(demoSettings('http://127.0.0.1:8787'), { seed: 3 });
  const fetched = runFetch(env, { trigger: 'manual' });
  expect(fetched.errors).toEqual([]);
  expect(fetched.exitCode).toBe(0);
  expect(fetched.shops.map((s) => s.mall).sort()).toEqual(['Qoo10', 'Temu', 'TikTok Shop']);
  for (const s of fetched.shops) expect(s.new).toBeGreaterThan(0);
  // a fetch run's spreadsheet calls stay a small constant (≤ 10 per run)
  expect(book.calls.total).toBeLessThanOrEqual(10);

  const preview = runExport(env, { trigger: 'manual', dryRun: true });
  expect(preview.exitCode).toBe(0);

  const check = runCheck(env, {});
  expect(check.exitCode).toBe(0);
  for (const s of check.shops) {
    const ids = s.lines.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['lastFetch', 'expiry', 'exportRate']));
  }
  expect(readLog(book, 'Asia/Tokyo').map((r) => r.action)).toEqual([
    'fetch',
    'fetch',
    'fetch',
    'check',
    'check',
    'check',
  ]);
});
