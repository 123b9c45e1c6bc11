import { ja } from './ja';
import { en } from './en';
import type { Locale } from '../engine/settings/schema';

export type MessageKey = keyof typeof ja;
const TABLES: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Looks a message up in the locale's table and fills {name} placeholders. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = TABLES[locale][key] ?? ja[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
