import { benchWorld } from '../../../bench/e2e';
import { readLog, readState, runCheck, runFetch, runTimer } from '../../../src/engine';
import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import { TRIGGER_BUDGET_MS, TriggerBudget } from '../../../src/engine/quota/trigger-budget';
import { parseSettings } from '../../../src/engine/settings/parse';
import type { Settings } from '../../../src/engine/settings/schema';
import { CONNECTORS } from '../../../src/malls';

/**
 * The daily trigger budget (docs/apps-script.md §C1: 90 min consumer, 6 h Workspace) as a quota: timer runs
 * are counted, the interval is stretched before the budget runs out (and the Log says so), and the check
 * shows the expected minutes a day.
 */

const MIN = 60_000;
const DAY = 86_400_000;
const start = (k: number) => Date.UTC(2027, 5, 1) + k * 40 * DAY;

describe('TriggerBudget', () => {
  test('expected minutes a day: a poll per interval, a tick per timer period', () => {
    const props = new MemoryProperties();
    const b = TriggerBudget.load(props, new VirtualClock(start(0)));
    b.add(2_000, true);
    b.add(400, false);
    // 288 polls of 2 s at 5 minutes
    expect(b.minutesPerDay({ periodMin: 5, intervalMin: 5 })).toBeCloseTo((288 * 2_000) / MIN, 5);
    // a 1-minute timer for shops polled every 5: 288 polls and 1,152 ticks of 0.4 s
    expect(b.minutesPerDay({ periodMin: 1, intervalMin: 5 })).toBeCloseTo((288 * 2_000 + 1152 * 400) / MIN, 5);
  });

  test('the interval is stretched only as far as the rest of the day needs, and counted per rolling day', () => {
    const clock = new VirtualClock(start(0));
    const props = new MemoryProperties();
    const b = TriggerBudget.load(props, clock);
    b.add(10_000, true); // a 10-second poll: 288 a day would be 48 minutes
    b.add(400, false);
    expect(b.affordableInterval({ periodMin: 5, intervalMin: 5 })).toBe(5);
    b.save();
    // 60 of the 90 minutes spent by noon (a sale day's backlog): the 12 hours left at 10 s a poll fit in
    // 81 − 60 = 21 minutes only every 10 minutes (72 polls and 72 idle ticks: 12.5 minutes)
    clock.advance(12 * 3_600_000);
    props.set('quota:trigger', JSON.stringify({ ...JSON.parse(props.get('quota:trigger')!), usedMs: 60 * MIN }));
    const noon = TriggerBudget.load(props, clock);
    expect(noon.affordableInterval({ periodMin: 5, intervalMin: 5 })).toBe(10);
    // a new day starts over; the averages are kept
    clock.advance(12 * 3_600_000 + 1);
    const next = TriggerBudget.load(props, clock);
    expect(next.usedMs()).toBe(0);
    expect(next.affordableInterval({ periodMin: 5, intervalMin: 5 })).toBe(5);
    // Workspace: six hours
    expect(TriggerBudget.load(props, clock, 'workspace').limitMs).toBe(TRIGGER_BUDGET_MS.workspace);
  });
});

function timerWorld(k: number, opts: { account?: 'consumer' | 'workspace'; minutes?: number } = {}) {
  const w = benchWorld({ ordersPerMall: 30, start: start(k) });
  const load = w.env.loadSettings;
  w.env.loadSettings = (): Settings => {
    const s = load();
    return {
      ...s,
      accountType: opts.account ?? 'consumer',
      shops: s.shops.map((shop) => ({ ...shop, autoFetchMinutes: opts.minutes ?? 5 })),
    };
  };
  runFetch(w.env, { trigger: 'manual' });
  return w;
}

describe('the timer and its budget', () => {
  test('every timer run is counted; near the limit the interval is stretched, the Log says so, and it comes back', () => {
    const w = timerWorld(1);
    for (let i = 0; i < 3; i++) {
      w.clock.advance(5 * MIN);
      runTimer(w.env);
    }
    const used = TriggerBudget.load(w.rawProps, w.clock).usedMs();
    expect(used).toBeGreaterThan(0);
    // the day is nearly spent (another run's hours): 85 of 90 minutes
    const stored = JSON.parse(w.rawProps.get('quota:trigger')!);
    w.rawProps.set('quota:trigger', JSON.stringify({ ...stored, usedMs: 85 * MIN }));
    w.clock.advance(5 * MIN);
    runTimer(w.env);
    const stretchLine = readLog(w.rawBook, 'Asia/Tokyo').find((r) => r.message.includes('取得間隔を 5 分から'));
    expect(stretchLine).toBeDefined();
    const to = Number(/から (\d+) 分に延ばします/.exec(stretchLine!.message)![1]);
    expect(to).toBeGreaterThan(5);
    // the next ticks skip the shops until the stretched interval has passed
    const temu = w.settings.shops.find((s) => s.mall === 'temu')!;
    const attempted = readState(w.rawProps, temu.name).lastAttemptAt!;
    w.clock.advance(5 * MIN);
    const skipped = runTimer(w.env);
    expect(skipped.shops).toHaveLength(0);
    expect(readState(w.rawProps, temu.name).lastAttemptAt).toBe(attempted);
    // 24 hours later the day starts over: the shops' own interval again, and the Log says that too
    w.clock.advance(DAY);
    runTimer(w.env);
    expect(readLog(w.rawBook, 'Asia/Tokyo').some((r) => r.message.includes('取得間隔を 5 分に戻しました'))).toBe(true);
    expect(readState(w.rawProps, temu.name).lastAttemptAt).toBeGreaterThan(attempted);
  });

  test('the check shows the timer minutes a day for the chosen intervals, against the account type', () => {
    const consumer = timerWorld(2, { minutes: 1 });
    for (let i = 0; i < 3; i++) {
      consumer.clock.advance(MIN);
      runTimer(consumer.env);
    }
    const line = runCheck(consumer.env).shops[0].lines.find((l) => l.id === 'timerBudget')!;
    expect(line.message).toMatch(/1 分ごと：タイマーは 1 日約 \d+ 分/);
    expect(line.message).toContain('consumer');
    const minutes = Number(/約 (\d+) 分/.exec(line.message)![1]);
    const budget = TriggerBudget.load(consumer.rawProps, consumer.clock);
    expect(minutes).toBe(Math.ceil(budget.minutesPerDay({ periodMin: 1, intervalMin: 1 })));
    const workspace = timerWorld(3, { minutes: 1, account: 'workspace' });
    const ws = runCheck(workspace.env).shops[0].lines.find((l) => l.id === 'timerBudget')!;
    expect(ws.message).toContain('上限 360 分');
  });

  test('accountType and archiveAfterDays are settings fields (the Settings tab gives them as text)', () => {
    const base = {
      shops: [
        {
          name: 'A',
          mall: 'qoo10',
          credentials: { apiKey: 'k', userId: 'u', password: 'p' },
          fetch: { statuses: ['SHIPPING_REQUESTED'], days: 7 },
        },
      ],
    };
    const d = parseSettings(base, CONNECTORS);
    expect(d.accountType).toBe('consumer');
    expect(d.archiveAfterDays).toBe(90);
    const s = parseSettings({ ...base, accountType: ' Workspace ', archiveAfterDays: '３０' }, CONNECTORS);
    expect(s.accountType).toBe('workspace');
    expect(s.archiveAfterDays).toBe(30);
    expect(() => parseSettings({ ...base, accountType: 'gold' }, CONNECTORS)).toThrow(/accountType/);
  });
});
