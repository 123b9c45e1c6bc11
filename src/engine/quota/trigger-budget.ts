import { z } from 'zod';
import type { ClockPort, PropertiesPort } from '../../ports';

/**
 * Apps Script caps the total runtime of time-driven triggers per day (docs/apps-script.md §C1): 90 minutes
 * for a consumer account, 6 hours for Workspace. Spent, the timer stops until the day starts over, so the
 * engine counts what its timer runs took, per rolling day like the URL fetch quota, and stretches the
 * polling interval before the budget runs out rather than after.
 */
export const TRIGGER_BUDGET_MS = { consumer: 90 * 60_000, workspace: 6 * 3_600_000 } as const;
export type AccountType = keyof typeof TRIGGER_BUDGET_MS;

const DAY_MS = 86_400_000;
/** what the plan keeps free of the day's budget: continuation runs of a backlog, drift of the estimate */
export const BUDGET_RESERVE = 0.1;
/** intervals the timer may stretch to (minutes): what everyMinutes / everyHours can honour */
export const STRETCH_STEPS = [1, 5, 10, 15, 30, 60, 120, 240] as const;
/** until runs were measured: one poll of a shop, and a timer tick with nothing due (bench figures) */
export const DEFAULT_POLL_MS = 2_000;
export const DEFAULT_TICK_MS = 500;
/** weight of the newest run in the running averages */
const EWMA = 0.2;

const KEY = 'quota:trigger';
const StoredSchema = z.object({
  since: z.number(),
  usedMs: z.number().min(0),
  /** running averages of a timer run that polled, and of one that found nothing due */
  pollMs: z.number().min(0).optional(),
  tickMs: z.number().min(0).optional(),
  /** the interval the timer was stretched to (minutes), when it was */
  stretch: z.number().optional(),
});
type Stored = z.infer<typeof StoredSchema>;

export interface TimerPlan {
  /** the timer's own period and the shops' shortest interval (minutes) */
  periodMin: number;
  intervalMin: number;
}

export class TriggerBudget {
  private state: Stored | null;

  private constructor(
    private readonly props: PropertiesPort,
    private readonly clock: ClockPort,
    readonly limitMs: number,
  ) {
    this.state = read(props);
  }

  static load(props: PropertiesPort, clock: ClockPort, account: AccountType = 'consumer'): TriggerBudget {
    return new TriggerBudget(props, clock, TRIGGER_BUDGET_MS[account]);
  }

  /** trigger runtime spent in the current day (ms) */
  usedMs(): number {
    return this.current()?.usedMs ?? 0;
  }

  /** when the current day's count starts over (epoch ms), null before the first timer run */
  resetsAt(): number | null {
    const s = this.current();
    return s ? s.since + DAY_MS : null;
  }

  /** the interval the timer was last stretched to, or null */
  stretched(): number | null {
    return this.current()?.stretch ?? null;
  }

  pollMs(): number {
    return this.state?.pollMs ?? DEFAULT_POLL_MS;
  }

  tickMs(): number {
    return this.state?.tickMs ?? DEFAULT_TICK_MS;
  }

  /**
   * Expected trigger minutes a day: every tick of the timer's period costs a tick, every poll at the
   * interval a poll (the measured averages, or the defaults before any run).
   */
  minutesPerDay(plan: TimerPlan, pollMs = this.pollMs(), tickMs = this.tickMs()): number {
    if (!(plan.periodMin > 0)) return 0;
    const ticks = 1440 / plan.periodMin;
    const polls = Math.min(ticks, 1440 / Math.max(plan.periodMin, plan.intervalMin));
    return (polls * pollMs + (ticks - polls) * tickMs) / 60_000;
  }

  /**
   * The interval (minutes) the timer can afford for the rest of the day: the shops' own, or the shortest
   * longer step whose expected cost fits in what is left of the budget (less BUDGET_RESERVE).
   */
  affordableInterval(plan: TimerPlan): number {
    const s = this.current();
    const now = this.clock.now();
    const leftMs = this.limitMs * (1 - BUDGET_RESERVE) - (s?.usedMs ?? 0);
    const restOfDay = s ? s.since + DAY_MS - now : DAY_MS;
    const costMs = (intervalMin: number) =>
      (this.minutesPerDay({ ...plan, intervalMin }) * 60_000 * restOfDay) / DAY_MS;
    const steps = [plan.intervalMin, ...STRETCH_STEPS.filter((m) => m > plan.intervalMin)];
    return steps.find((m) => costMs(m) <= leftMs) ?? steps[steps.length - 1];
  }

  /** Counts one timer run; `polled`: it fetched at least one shop. Kept in memory until save(). */
  add(ms: number, polled: boolean): void {
    const s = this.current() ?? { since: this.clock.now(), usedMs: 0 };
    const avg = (old: number | undefined) => (old === undefined ? ms : old * (1 - EWMA) + ms * EWMA);
    this.state = { ...s, usedMs: s.usedMs + ms, ...(polled ? { pollMs: avg(s.pollMs) } : { tickMs: avg(s.tickMs) }) };
  }

  /** Records the interval the timer now keeps (null: the shops' own). */
  setStretch(minutes: number | null): void {
    const s = this.current() ?? { since: this.clock.now(), usedMs: 0 };
    const { stretch: _old, ...rest } = s;
    this.state = minutes === null ? rest : { ...rest, stretch: minutes };
  }

  save(): void {
    if (this.state) this.props.set(KEY, JSON.stringify(this.state));
  }

  /** the stored day, or a fresh one once it is over (the averages and the stretch carry over: the next plan says so) */
  private current(): Stored | null {
    const s = this.state;
    if (!s) return null;
    if (this.clock.now() - s.since < DAY_MS) return s;
    this.state = { ...s, since: this.clock.now(), usedMs: 0 };
    return this.state;
  }
}

/** A damaged value counts as a fresh day. */
function read(props: PropertiesPort): Stored | null {
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(props.get(KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
