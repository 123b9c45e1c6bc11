import { z } from 'zod';
import type { PropertiesPort } from '../../ports';
import type { LogAction } from '../log/log-sheet';
import { type Locale, LocaleSchema, type Settings } from '../settings/schema';

/** The two document properties that outlive a run: the last display settings and the "running" marker. */

/** Locale and time zone of the last valid settings, so a busy line needs no settings read. */
const DISPLAY_KEY = 'engine:display';
const DisplaySchema = z.object({ locale: LocaleSchema, timezone: z.string() });
/**
 * Set while a run holds the lock and cleared once its Log rows are written: found set, the previous run
 * was killed (Apps Script's 6-minute limit, a crash) and the Log says so (every failure
 * visible). Runs killed before they could log that carry it over, so each is reported once.
 */
const RUNNING_KEY = 'engine:running';
const RunStartSchema = z.object({ start: z.number(), action: z.enum(['fetch', 'export', 'check', 'labels', 'slips']) });
const RunningSchema = RunStartSchema.extend({ unlogged: z.array(RunStartSchema).default([]) });
/** interrupted runs remembered at most (the marker stays one small property) */
const MAX_UNLOGGED = 5;

export type RunStart = z.infer<typeof RunStartSchema>;

export function lastDisplay(props: PropertiesPort): { locale: Locale; timezone: string } {
  try {
    const parsed = DisplaySchema.safeParse(JSON.parse(props.get(DISPLAY_KEY) ?? 'null'));
    if (parsed.success) return parsed.data;
  } catch {
    // a damaged value: the defaults below
  }
  return { locale: 'ja', timezone: 'Asia/Tokyo' };
}

export function rememberDisplay(props: PropertiesPort, settings: Settings): void {
  const display = JSON.stringify({ locale: settings.locale, timezone: settings.timezone });
  if (props.get(DISPLAY_KEY) !== display) props.set(DISPLAY_KEY, display);
}

/**
 * The runs the marker says never reached their end: null when there is no marker, 'damaged' when it
 * cannot be read (still one interrupted run to report).
 */
export function interruptedRuns(props: PropertiesPort): RunStart[] | 'damaged' | null {
  const raw = props.get(RUNNING_KEY);
  if (raw === null) return null;
  const prev = RunningSchema.safeParse(parseOrNull(raw));
  if (!prev.success) return 'damaged';
  return [...prev.data.unlogged, { start: prev.data.start, action: prev.data.action }].slice(-MAX_UNLOGGED);
}

/** Marks this run as running, carrying over the interrupted runs it could not log yet. */
export function markRunning(props: PropertiesPort, start: number, action: LogAction, unlogged: RunStart[]): void {
  props.set(RUNNING_KEY, JSON.stringify({ start, action, unlogged }));
}

export function clearRunning(props: PropertiesPort): void {
  props.delete(RUNNING_KEY);
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
