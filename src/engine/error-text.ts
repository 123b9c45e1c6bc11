import { translate } from '../i18n';
import { MallUnreachableError } from './errors';
import type { Locale } from './settings/schema';

/**
 * A thrown error as a line a seller can read: no stack trace, the mall's reason for HTTP failures, and no
 * secret (every credential and stored token is masked out).
 */
export function errorText(e: unknown, locale: Locale): string {
  if (e instanceof MallUnreachableError) return translate(locale, 'run.httpError', { mall: e.mall, reason: e.reason });
  const raw = e instanceof Error ? e.message : String(e);
  const firstLine = raw.split('\n')[0].trim();
  const text = firstLine === '' ? translate(locale, 'run.unknownError') : firstLine;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
