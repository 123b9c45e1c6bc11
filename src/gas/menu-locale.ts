import type { Locale } from '../engine/settings/schema';
import { GENERAL_FIELDS } from '../engine/settings/tab-layout';
import { looseKey } from '../engine/text/sheet-text';
import { translate } from '../i18n';
import type { CellValue } from '../ports';

/**
 * The menu's language from the Settings tab's locale row (label in column A, value in B), read from one
 * getValues of that tab: onOpen may read its own sheet but not properties (docs/apps-script.md §C2). Default ja.
 */
export function menuLocale(grid: CellValue[][] | null): Locale {
  const labels = new Set((['ja', 'en'] as const).map((l) => looseKey(translate(l, GENERAL_FIELDS.locale))));
  const row = grid?.find((r) => typeof r[0] === 'string' && labels.has(looseKey(r[0])));
  const value = looseKey(String(row?.[1] ?? ''));
  return value === 'en' || value === 'english' || value === '英語' ? 'en' : 'ja';
}
