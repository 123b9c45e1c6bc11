import { runCheck } from '../../engine';
import { translate } from '../../i18n';
import type { CheckShopResponse } from '../shared/rpc';
import type { UiEnv } from './settings-document';
import { localeOf } from './sidebar';

/** The sidebar's 接続チェック button: the engine's check of one shop, every line as the user reads it. */
export function checkOneShop(env: UiEnv, shop: string): CheckShopResponse {
  const locale = localeOf(env.settingsDoc.read());
  const report = runCheck(env, { shop });
  const fail = (message: string): CheckShopResponse => ({ shop, lines: [{ id: 'run', ok: false, message }] });
  if (report.busy) return fail(translate(locale, 'sidebar.err.busy'));
  if (report.exitCode === 2)
    return fail(translate(locale, 'sidebar.err.settings', { detail: report.errors.join(' / ') }));
  const mine = report.shops.find((s) => s.shop === shop);
  if (!mine) return fail(report.errors.join(' / ') || translate(locale, 'sidebar.check.none'));
  return { shop, lines: mine.lines.map((l) => ({ id: l.id, ok: l.ok, message: l.message })) };
}
