import type { TriggerPort } from '../ports';

/** Entry names the triggers call (src/entry.ts exports functions with exactly these names). */
export const TIMER_HANDLER = 'onTimer';
export const CONTINUE_HANDLER = 'onContinue';

export interface ScriptTriggerApi {
  getProjectTriggers(): { getHandlerFunction(): string }[];
  deleteTrigger(trigger: { getHandlerFunction(): string }): void;
  newTrigger(handler: string): { timeBased(): ClockBuilder };
}
interface ClockBuilder {
  everyMinutes(n: number): ClockBuilder;
  everyHours(n: number): ClockBuilder;
  after(ms: number): ClockBuilder;
  create(): unknown;
}

const MINUTES = [1, 5, 10, 15, 30] as const;
const HOURS = [1, 2, 4, 6, 8, 12] as const;

/**
 * Which clock schedule a timer interval becomes: everyMinutes takes only 1, 5, 10, 15 or 30 and
 * everyHours 1, 2, 4, 6, 8 or 12 (docs/apps-script.md §C2), so an interval is rounded down to the nearest allowed one.
 */
export function timerSchedule(minutes: number): { everyMinutes: number } | { everyHours: number } | null {
  if (!(minutes > 0)) return null;
  if (minutes < 60) return { everyMinutes: [...MINUTES].reverse().find((m) => m <= minutes) ?? MINUTES[0] };
  return { everyHours: [...HOURS].reverse().find((h) => h * 60 <= minutes) ?? 1 };
}

/** ScriptApp triggers: one recurring timer and at most one pending continuation, both installed idempotently. */
export class GasTriggers implements TriggerPort {
  constructor(private readonly app: ScriptTriggerApi) {}

  setTimer(minutes: number): void {
    this.deleteHandler(TIMER_HANDLER);
    const schedule = timerSchedule(minutes);
    if (!schedule) return;
    const clock = this.app.newTrigger(TIMER_HANDLER).timeBased();
    ('everyMinutes' in schedule
      ? clock.everyMinutes(schedule.everyMinutes)
      : clock.everyHours(schedule.everyHours)
    ).create();
  }

  scheduleContinuation(ms: number): void {
    this.deleteHandler(CONTINUE_HANDLER);
    this.app
      .newTrigger(CONTINUE_HANDLER)
      .timeBased()
      .after(Math.max(1000, Math.round(ms)))
      .create();
  }

  /** A fired one-off trigger stays in the project's list (and counts toward the 20-trigger cap). */
  clearContinuation(): void {
    this.deleteHandler(CONTINUE_HANDLER);
  }

  private deleteHandler(handler: string): void {
    for (const t of this.app.getProjectTriggers()) if (t.getHandlerFunction() === handler) this.app.deleteTrigger(t);
  }
}
