import { runLabelsBench } from '../../bench/labels';

test('labels bench: 5,000 shipments export and import with at most 3 calls on 受注一覧 each, well within a minute simulated', () => {
  const r = runLabelsBench();
  for (const run of [r.export, r.import]) {
    expect(run.ordersCalls).toBeLessThanOrEqual(3);
    expect(run.simulatedMs).toBeLessThan(60_000);
  }
}, 120_000);
