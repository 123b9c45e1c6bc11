import { runFetch } from '../../../src/engine';
import { readLog } from '../../../src/engine/log/log-sheet';
import { VirtualClock } from '../../../src/engine/memory-ports';
import { CARRIERS, fakeConnector, line, shopConfig } from '../../support/fake-mall';
import { fakeEnv } from '../../support/worlds';

/** docs/contract.md §3: a shop's token / key expiry is visible in the Log, not only on the Settings tab. */
test("a fetch's Log row carries the shop's token expiry date", () => {
  const clock = new VirtualClock(Date.UTC(2026, 10, 22, 1, 0));
  const a = fakeConnector('a', clock, { pages: [[line('A1')]], expiresAt: Date.UTC(2027, 4, 20, 16, 0) });
  const w = fakeEnv(
    [a.connector],
    () => ({ locale: 'ja', shops: [shopConfig('Shop A', 'a')], carriers: CARRIERS }),
    clock,
  );
  runFetch(w.env, { trigger: 'manual' });
  const row = readLog(w.book, 'Asia/Tokyo').find((r) => r.action === 'fetch' && r.shop === 'Shop A')!;
  expect(row.message).toContain('有効期限 2027-05-21');
});
