import { z } from 'zod';
import { translate } from '../../i18n';
import type { CellValue, LayoutChange, PropertiesPort, SheetPort } from '../../ports';
import type { MallConnector } from '../connector';
import { MANAGEMENT_STATUS_LABELS, MANAGEMENT_STATUSES } from '../order-line';
import { isEmptyChange } from '../sheet/layout';
import type { Locale } from './schema';
import { findColumns, shopColumns } from './tab-layout';
import { generalEntries, readTabCells } from './tab-reader';

/**
 * The Settings tab's input aids (docs/settings-tab.md): dropdowns for 言語, モール, リージョン, 自動取得（分）,
 * 初期ステータス and 既定の配送業者, a checkbox (TRUE / FALSE, as the tab stores booleans) for 有効 and
 * 自動書き出し. Set on the rows the tab has; applied again only when those rows, the carrier names or the
 * language change (remembered in document properties), so a run that changed none adds no call.
 */

const SETTINGS_LAYOUT_KEY = 'layout:settings';
const StateSchema = z.object({ fingerprint: z.string() });
/** the intervals the timer can keep (docs/apps-script.md §C2: everyMinutes 5, 10, 15, 30; hourly) */
const INTERVALS = ['0', '5', '10', '15', '30', '60'];
const REGIONS = ['global', 'us', 'eu'];

type Validation = NonNullable<LayoutChange['validations']>[number];

export function settingsTabLayout(
  grid: CellValue[][],
  connectors: readonly MallConnector[],
  carriers: readonly string[],
  locale: Locale,
): LayoutChange {
  const tab = readTabCells(grid);
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(locale, k, p);
  const validations: Validation[] = [];
  for (const e of generalEntries(tab)) {
    if (e.field === 'locale')
      validations.push({
        col: e.col + 1,
        rows: { first: e.row + 1, count: 1 },
        rule: { kind: 'list', values: ['ja', 'en'] },
      });
  }
  const shops = tab.blocks.shops;
  if (shops && shops.rows.length > 0) {
    const at = findColumns(grid[shops.header] ?? [], shopColumns(connectors));
    const rows = { first: shops.rows[0] + 1, count: shops.rows.length };
    const list = (field: string, values: readonly string[], help?: string) => {
      const c = at.get(field);
      if (c !== undefined && values.length)
        validations.push({ col: c + 1, rows, rule: { kind: 'list', values: [...values], ...(help ? { help } : {}) } });
    };
    const check = (field: string) => {
      const c = at.get(field);
      if (c !== undefined) validations.push({ col: c + 1, rows, rule: { kind: 'checkbox' } });
    };
    list(
      'mall',
      connectors.map((c) => c.label),
    );
    check('enabled');
    check('autoExport');
    list('region', REGIONS, t('layout.help.region'));
    list('autoFetchMinutes', INTERVALS, t('layout.help.interval'));
    list(
      'initialStatus',
      MANAGEMENT_STATUSES.map((s) => MANAGEMENT_STATUS_LABELS[locale][s]),
    );
    list('defaultCarrier', [...new Set(carriers.filter((n) => n !== ''))], t('layout.help.carrier'));
  }
  return validations.length ? { validations } : {};
}

/** Applies the aids when what they depend on changed since they were last set. */
export function ensureSettingsLayout(
  sheet: SheetPort,
  props: PropertiesPort,
  grid: CellValue[][],
  connectors: readonly MallConnector[],
  carriers: readonly string[],
  locale: Locale,
): void {
  const change = settingsTabLayout(grid, connectors, carriers, locale);
  const fingerprint = JSON.stringify(change);
  let before: string | null = null;
  try {
    const parsed = StateSchema.safeParse(JSON.parse(props.get(SETTINGS_LAYOUT_KEY) ?? 'null'));
    before = parsed.success ? parsed.data.fingerprint : null;
  } catch {
    before = null;
  }
  if (before === fingerprint || isEmptyChange(change)) return;
  sheet.applyLayout(change);
  props.set(SETTINGS_LAYOUT_KEY, JSON.stringify({ fingerprint }));
}
