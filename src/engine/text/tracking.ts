/**
 * The engine's half of tracking-number normalisation: full-width digits and letters to
 * half-width, every kind of space removed. The connector does the rest (e.g. dropping '-').
 */
export function normalizeTrackingWidth(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u200B\uFEFF]+/g, '');
}
