import { en } from './en';
import { ja } from './ja';

/** The languages MallSheet speaks (the settings' locale; engine/settings/schema.ts validates it). */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type MessageKey = keyof typeof ja;
const TABLES: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Looks a message up in the locale's table and fills {name} placeholders. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = TABLES[locale][key] ?? ja[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
