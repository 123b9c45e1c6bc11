/** What every mall's connector tests share; test/malls/<mall>/helpers.ts keep only what differs per mall. */

/** The address the demo shops point at (InProcessHttp ignores the host: the sandbox answers in-process). */
export const BASE = 'http://127.0.0.1:8787';
export const DAY = 86_400_000;
