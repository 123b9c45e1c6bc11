import { translate } from '../../i18n';
import type { ShopContext } from '../connector';
import { PrefixedProperties } from '../memory-ports';
import type { UrlFetchQuota } from '../quota/url-fetch-quota';
import type { Locale, Settings, ShopSettings } from '../settings/schema';
import { formatDateTime } from '../text/dates';
import { updateState } from './state';
import type { EngineEnv } from './types';

/** Everything one connector call may touch, built the same way for fetch, export and check. */
export function buildShopContext(
  env: EngineEnv,
  settings: Settings,
  shop: ShopSettings,
  deadline: number,
  /** false in a dry run: nothing is recorded */
  persist: boolean,
  /** what a connector logs passes the run's secret mask too: a slip in one connector never leaks */
  redact: (text: string) => string,
  /** the run's URL fetch count: every request of the connector goes through it */
  quota?: UrlFetchQuota,
): ShopContext {
  const locale = settings.locale;
  const http = quota ? quota.wrap(env.http, () => quotaText(quota, locale, settings.timezone)) : env.http;
  return {
    shop,
    locale,
    timezone: settings.timezone,
    carriers: settings.carriers,
    http,
    clock: env.clock,
    crypto: env.crypto,
    log: {
      info: (m) => env.log.info(redact(m)),
      warn: (m) => env.log.warn(redact(m)),
      error: (m) => env.log.error(redact(m)),
    },
    progress: env.progress,
    store: new PrefixedProperties(env.props, shopStorePrefix(shop.name)),
    t: (key, params) => translate(locale, key, params),
    deadline,
    setExpiry: (ms) => {
      if (persist) updateState(env.props, shop.name, { expiresAt: ms });
    },
  };
}

/** The Log line of a run stopped by the day's URL fetch quota: how many, and when it starts over. */
export function quotaText(quota: UrlFetchQuota, locale: Locale, timezone: string): string {
  const reset = quota.resetsAt();
  return translate(locale, 'run.quotaStop', {
    used: quota.used(),
    limit: quota.limit,
    reset: reset === null ? '-' : formatDateTime(reset, timezone),
  });
}

export const shopStorePrefix = (name: string) => `shop:${name}:`;
