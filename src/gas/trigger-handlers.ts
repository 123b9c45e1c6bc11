import { runTimer } from '../engine';
import { gasEnv } from './env';

/** The recurring time-driven trigger: no UI, results go to the Log tab. */
export function onTimer(): void {
  runTimer(gasEnv());
}

/** A one-off continuation after a run spent its time budget. */
export function onContinue(): void {
  const env = gasEnv();
  env.triggers.clearContinuation();
  runTimer(env);
}
