/**
 * The Japanese messages table: every user-visible Japanese string lives here (en.ts has the same keys).
 * Sections are kept per area; add keys only inside your own section.
 */
export const ja = {
  // ---- engine ----
  'engine.busy': '別の処理が実行中のため、今回はスキップしました',

  // ---- orders ----

  // ---- settings ----

  // ---- log / run / check ----

  // ---- menu / ui ----

  // ---- sidebar ----

  // ---- temu ----

  // ---- tiktok ----

  // ---- qoo10 ----

  // ---- shared mall http ----
  'http.network': '{mall} に接続できません: {detail}',
} as const;
