import type { ja } from './ja';

/** The English messages table: the same keys as ja.ts (the type makes a missing key a compile error). */
export const en: Record<keyof typeof ja, string> = {
  // ---- engine ----
  'engine.busy': 'Another run is in progress; this run was skipped',

  // ---- orders ----

  // ---- settings ----

  // ---- log / run / check ----

  // ---- menu / ui ----

  // ---- sidebar ----

  // ---- temu ----

  // ---- tiktok ----

  // ---- qoo10 ----

  // ---- shared mall http ----
  'http.network': 'Cannot reach {mall}: {detail}',
};
