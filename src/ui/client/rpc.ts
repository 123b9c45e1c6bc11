import type { Reply, UiApi, UiCall } from '../shared/rpc';

/** google.script.run as the page sees it (Apps Script injects it; the browser test injects a shim). */
interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (err: unknown) => void): ScriptRun;
  [fn: string]: unknown;
}
declare const google: { script: { run: ScriptRun; host: { close(): void } } };

/** Raised when a call fails; message is already readable (the server never sends a stack trace). */
export class CallError extends Error {}

/** One typed call: the request and the answer types come from UiApi (src/ui/shared/rpc.ts). */
export function call<K extends UiCall>(name: K, req: UiApi[K]['req']): Promise<UiApi[K]['res']> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((reply) => {
        const r = reply as Reply<UiApi[K]['res']>;
        if (r?.ok) resolve(r.value);
        else reject(new CallError(r ? r.message : String(reply)));
      })
      .withFailureHandler((err) => reject(new CallError(err instanceof Error ? err.message : String(err))));
    (runner[name] as (r: unknown) => void)(req);
  });
}

export function closeDialog(): void {
  google.script.host.close();
}
