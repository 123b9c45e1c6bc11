import {
  CONTINUE_HANDLER,
  GasTriggers,
  type ScriptTriggerApi,
  TIMER_HANDLER,
  timerSchedule,
} from '../../src/gas/triggers';

/** A ScriptApp stub keeping the project's trigger list, as the Apps Script console shows it. */
function stubScriptApp() {
  const triggers: { handler: string; schedule: string }[] = [];
  const api: ScriptTriggerApi = {
    getProjectTriggers: () => triggers.map((t) => ({ getHandlerFunction: () => t.handler, ref: t })),
    deleteTrigger: (t) => {
      const i = triggers.indexOf((t as unknown as { ref: (typeof triggers)[number] }).ref);
      if (i < 0) throw new Error('no such trigger');
      triggers.splice(i, 1);
    },
    newTrigger: (handler) => ({
      timeBased() {
        let schedule = '';
        const b = {
          everyMinutes: (n: number) => {
            schedule = `every ${n} min`;
            return b;
          },
          everyHours: (n: number) => {
            schedule = `every ${n} h`;
            return b;
          },
          after: (ms: number) => {
            schedule = `after ${ms} ms`;
            return b;
          },
          create: () => triggers.push({ handler, schedule }),
        };
        return b;
      },
    }),
  };
  return { api, triggers };
}

describe('GasTriggers', () => {
  test('setTimer is idempotent: one timer trigger whatever was there, other handlers untouched', () => {
    const { api, triggers } = stubScriptApp();
    triggers.push(
      { handler: TIMER_HANDLER, schedule: 'every 5 min' },
      { handler: 'userOwnTrigger', schedule: 'daily' },
      { handler: TIMER_HANDLER, schedule: 'every 5 min' },
    );
    const t = new GasTriggers(api);
    t.setTimer(30);
    t.setTimer(30);
    expect(triggers).toEqual([
      { handler: 'userOwnTrigger', schedule: 'daily' },
      { handler: TIMER_HANDLER, schedule: 'every 30 min' },
    ]);
    t.setTimer(60);
    expect(triggers.filter((x) => x.handler === TIMER_HANDLER)).toEqual([
      { handler: TIMER_HANDLER, schedule: 'every 1 h' },
    ]);
    t.setTimer(0);
    expect(triggers).toEqual([{ handler: 'userOwnTrigger', schedule: 'daily' }]);
  });

  test('a continuation replaces an earlier one; clearContinuation removes a fired one', () => {
    const { api, triggers } = stubScriptApp();
    const t = new GasTriggers(api);
    t.scheduleContinuation(60_000);
    t.scheduleContinuation(90_000);
    expect(triggers).toEqual([{ handler: CONTINUE_HANDLER, schedule: 'after 90000 ms' }]);
    t.clearContinuation();
    expect(triggers).toEqual([]);
  });

  test('intervals round down to what ClockTriggerBuilder allows', () => {
    expect(timerSchedule(0)).toBeNull();
    expect(timerSchedule(5)).toEqual({ everyMinutes: 5 });
    expect(timerSchedule(20)).toEqual({ everyMinutes: 15 });
    expect(timerSchedule(3)).toEqual({ everyMinutes: 1 });
    expect(timerSchedule(1)).toEqual({ everyMinutes: 1 });
    expect(timerSchedule(90)).toEqual({ everyHours: 1 });
    expect(timerSchedule(180)).toEqual({ everyHours: 2 });
  });
});
