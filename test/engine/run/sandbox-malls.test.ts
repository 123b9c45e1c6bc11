import { runCheck, runExport, runFetch } from '../../../src/engine/app';
import { parseSettings } from '../../../src/engine/settings/parse';
import { CONNECTORS } from '../../../src/malls';
import { demoSettings } from '../../../src/sandbox/demo-config';
import { InProcessHttp, Sandbox } from '../../../src/sandbox/sandbox';
import { MemoryLock, MemoryLogger, MemoryProperties, MemoryTriggers, VirtualClock } from '../../../src/engine/memory-ports';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { readLog } from '../../../src/engine/log/log-sheet';
import { nodeCrypto } from '../../../src/node/crypto';
import type { Env } from '../../../src/engine/app';

/** The runs against the real connectors and the in-process sandbox malls (the demo's settings). */
test('fetch, dry-run export and check run clean against the three sandbox malls', () => {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: () => clock.now(), seed: 3 });
  const book = new MemorySpreadsheet();
  const log = new MemoryLogger();
  const settings = demoSettings('http://sandbox.local');
  const env: Env = {
    book,
    http: new InProcessHttp(sandbox),
    props: new MemoryProperties(),
    lock: new MemoryLock(),
    clock,
    crypto: nodeCrypto,
    log,
    progress: log,
    triggers: new MemoryTriggers(),
    connectors: CONNECTORS,
    loadSettings: () => parseSettings(settings, CONNECTORS),
  };
  const fetched = runFetch(env, { trigger: 'manual' });
  expect(fetched.errors).toEqual([]);
  expect(fetched.exitCode).toBe(0);
  expect(fetched.shops.map((s) => s.mall).sort()).toEqual(['Qoo10', 'Temu', 'TikTok Shop']);
  for (const s of fetched.shops) expect(s.new).toBeGreaterThan(0);
  // a fetch run's spreadsheet calls stay a small constant (issue #7: ≤ 10 per run)
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
  expect(readLog(book, 'Asia/Tokyo').map((r) => r.action)).toEqual(['fetch', 'fetch', 'fetch', 'check', 'check', 'check']);
});
