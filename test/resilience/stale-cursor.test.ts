import { runFetch } from '../../src/engine';
import { MAX_RESUME_FAILURES } from '../../src/engine/run/fetch';
import { stateKey } from '../../src/engine/run/state';
import { expectInvariants } from './support/invariants';
import { runUntilDone, world } from './support/world';

/**
 * A resume cursor the mall no longer accepts (TikTok page tokens are opaque and may expire) must not stop
 * the shop for good: after MAX_RESUME_FAILURES fetches failing on it, the window starts over.
 */
test('tiktok: a page token the mall refuses is dropped after a few failed runs, and the window is read again', () => {
  const w = world('tiktok', { seed: 31, orders: 400, budgetMs: 600 });
  runFetch(w.env, { trigger: 'auto' });
  const state = w.state();
  expect(state.resume).toBeDefined();
  const cursor = state.resume!.cursor as { pass: number; pageToken: string };
  w.props.set(
    stateKey(w.shopName),
    JSON.stringify({ ...state, resume: { ...state.resume!, cursor: { ...cursor, pageToken: 'expired-token' } } }),
  );

  w.env.budgetMs = 270_000;
  for (let i = 1; i <= MAX_RESUME_FAILURES; i++) {
    w.clock.advance(60_000);
    const report = runFetch(w.env, { trigger: 'auto' });
    expect(report.shops[0].ok).toBe(false);
    expect(report.shops[0].message).toContain('page_token');
  }
  expect(w.state().resume).toBeUndefined();
  expect(w.logRows().some((r) => r.message.includes('期間の最初から取り直します'))).toBe(true);

  runUntilDone(w, (x) => runFetch(x.env, { trigger: 'auto' }));
  expect(w.state().resumeFailures).toBeUndefined();
  expectInvariants(w);
});
