import { z } from 'zod';
import type { PropertiesPort } from '../../ports';
import type { Streak } from './rules';

/**
 * What alerts need to remember between runs, in one document property (one read per run, a write only when
 * something changed): the alerts already sent, and each shop's failed runs in a row.
 */
const KEY = 'alerts:state';
/** Sent keys older than this are forgotten (daily keys are long past; an expiry band is months away). */
const KEEP_DAYS = 60;

const StreakSchema = z.object({ count: z.number().int().min(0), message: z.string() });
const AlertStateSchema = z.object({
  /** alert key → the day (yyyy-MM-dd) it was sent or its problem logged */
  sent: z.record(z.string(), z.string()).default({}),
  streaks: z
    .record(z.string(), z.object({ fetch: StreakSchema.optional(), export: StreakSchema.optional() }))
    .default({}),
});
export type AlertState = z.infer<typeof AlertStateSchema>;

/** A damaged value reads as a fresh state: at worst an alert is sent again, never one lost. */
export function readAlertState(props: PropertiesPort): AlertState {
  try {
    const parsed = AlertStateSchema.safeParse(JSON.parse(props.get(KEY) ?? '{}'));
    if (parsed.success) return parsed.data;
  } catch {
    // below
  }
  return { sent: {}, streaks: {} };
}

export function writeAlertState(props: PropertiesPort, state: AlertState, today: string): void {
  const oldest = shiftDay(today, -KEEP_DAYS);
  const sent = Object.fromEntries(Object.entries(state.sent).filter(([, day]) => day >= oldest));
  props.set(KEY, JSON.stringify({ sent, streaks: state.streaks }));
}

/** One more run of `action` for the shop: a failure lengthens its streak, a success ends it. */
export function noteRun(state: AlertState, shop: string, action: 'fetch' | 'export', failure: string | null): boolean {
  const current = state.streaks[shop]?.[action];
  if (failure === null) {
    if (!current) return false;
    const rest = { ...state.streaks[shop] };
    delete rest[action];
    if (Object.keys(rest).length === 0) delete state.streaks[shop];
    else state.streaks[shop] = rest;
    return true;
  }
  const next: Streak = { count: (current?.count ?? 0) + 1, message: failure };
  state.streaks[shop] = { ...state.streaks[shop], [action]: next };
  return true;
}

/** yyyy-MM-dd plus n days (calendar arithmetic in UTC: the string is already the local day). */
export function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
