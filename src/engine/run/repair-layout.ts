import { OrdersTable } from '../orders/table';
import { SettingsError } from '../settings/errors';
import type { EngineEnv } from './types';

/**
 * The menu's layout repair (docs/contract.md §2 Layout): 受注一覧's validations, colours, protections and
 * frozen header applied again whatever was remembered, the header style and widths left as the seller
 * has them. `errors`: readable lines when the settings are invalid or the tab could not be read.
 */
export function repairOrdersLayout(env: EngineEnv): { busy: boolean; errors: string[] } {
  if (!env.lock.tryLock(3000)) return { busy: true, errors: [] };
  try {
    const settings = env.loadSettings();
    const layout = { props: env.props, carriers: settings.carriers.map((c) => c.name), repair: true };
    OrdersTable.open(env.book, { locale: settings.locale, timezone: settings.timezone, layout });
    return { busy: false, errors: [] };
  } catch (e) {
    return { busy: false, errors: e instanceof SettingsError ? e.lines : [e instanceof Error ? e.message : String(e)] };
  } finally {
    env.lock.release();
  }
}
