import { z } from 'zod';

/**
 * The sandbox malls' test and demo controls (POST /__sandbox/<mall>/<command>, or MallSandbox.control in-process):
 * one argument parser (a zod schema per command), one reply shape and one "unknown command" answer for every mall.
 * A control never throws at its caller: bad arguments and refusals come back as `{ ok: false, error }`.
 */

export type ControlReply = { ok: true; [field: string]: unknown } | { ok: false; error: string };

/**
 * A control's answer for the tests and benchmarks that drive a sandbox in-process (T: what they read of it). A
 * refusal throws, naming why: a control that did nothing must not pass unnoticed.
 */
export function answered<T extends object = Record<string, unknown>>(reply: ControlReply): T {
  if (!reply.ok) throw new Error(`the sandbox refused the control: ${reply.error}`);
  return reply as unknown as T;
}

/** What a command's `run` returns when it refuses (an unknown order, a status the mall does not have). */
export interface Refused {
  ok: false;
  error: string;
}

export const refused = (error: string): Refused => ({ ok: false, error });

export interface Control {
  run(raw: Record<string, unknown>): ControlReply;
}

/** A command: its arguments' schema and what it does with them; `run`'s fields go into the `{ ok: true }` reply. */
export function command<S extends z.ZodType<Record<string, unknown>>>(
  args: S,
  run: (args: z.output<S>) => Record<string, unknown> | Refused,
): Control {
  return {
    run(raw) {
      const parsed = args.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refused(issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
      }
      const out = run(parsed.data);
      return out.ok === false ? refused(String(out.error)) : { ...out, ok: true };
    },
  };
}

/** A command without arguments (any given are ignored, as the controls always did). */
export const noArgs = z.object({});

/** An order or package number: a string, or a number as a JSON caller may write it. */
export const Id = z.union([z.string(), z.number()]).transform(String);

/** How many (orders to place, faults to queue…): a whole number, 1 when left out. */
export const Count = z.number().int().min(0).default(1);

/** One mall's control table behind the single entry point MallSandbox.control. */
export function defineControls(
  table: Record<string, Control>,
): (name: string, raw: Record<string, unknown>) => ControlReply {
  return (name, raw) =>
    Object.hasOwn(table, name)
      ? table[name].run(raw)
      : refused(`unknown command ${name} (known: ${Object.keys(table).join(', ')})`);
}
