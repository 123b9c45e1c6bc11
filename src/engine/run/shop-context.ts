import type { MallConnector, ShopContext } from '../../malls/connector';
import { MallHttpError } from '../../malls/shared/http';
import { PrefixedProperties } from '../memory-ports';
import { translate } from '../../i18n';
import type { Env } from '../app';
import type { Locale, Settings, ShopSettings } from '../settings/schema';
import { updateState } from './state';
import type { UrlFetchQuota } from '../quota/url-fetch-quota';
import { formatDateTime } from '../text/dates';

/** Everything one connector call may touch, built the same way for fetch, export and check. */
export function buildShopContext(
  env: Env,
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

/**
 * A thrown error as a line a seller can read: no stack trace, the mall's reason for HTTP failures, and no
 * secret (every credential and stored token is masked out).
 */
export function errorText(e: unknown, locale: Locale): string {
  if (e instanceof MallHttpError) return translate(locale, 'run.httpError', { mall: e.mall, reason: e.reason });
  const raw = e instanceof Error ? e.message : String(e);
  const firstLine = raw.split('\n')[0].trim();
  const text = firstLine === '' ? translate(locale, 'run.unknownError') : firstLine;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Masks every secret the run knows of: credentials of every shop and what the connectors stored. */
export function redactor(env: Env, settings: Settings | null, connectors: readonly MallConnector[]): (text: string) => string {
  /** what the stores held when last read: used when a read fails (any port call may fail) */
  let stored: string[] | null = null;
  return (text: string) => {
    const secrets = new Set<string>();
    for (const shop of settings?.shops ?? []) {
      const declared = connectors.find((c) => c.id === shop.mall)?.credentialFields ?? [];
      for (const [k, v] of Object.entries(shop.credentials)) {
        if (declared.some((f) => f.key === k && !f.secret) && !looksLikeToken(v)) continue;
        secrets.add(v);
      }
    }
    try {
      stored = storedSecrets(env);
    } catch {
      // never read: whatever looks like a token goes, so a failing store cannot leak one
      if (stored === null) return maskTokenLike(mask(text, secrets));
    }
    for (const v of stored) secrets.add(v);
    return mask(text, secrets);
  };
}

function storedSecrets(env: Env): string[] {
  const out: string[] = [];
  for (const key of env.props.keys()) {
    if (!key.startsWith('shop:') && !key.startsWith('secret:')) continue;
    const v = env.props.get(key);
    if (v !== null) out.push(...stringLeaves(v));
  }
  return out;
}

/** The same shape looksLikeToken tests a whole value for, anywhere in a text. */
function maskTokenLike(text: string): string {
  return text.replace(/[A-Za-z0-9_\-.=+/]{16,}/g, '●●●●');
}

function mask(text: string, secrets: Set<string>): string {
  let out = text;
  for (const s of [...secrets].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length)) out = out.split(s).join('●●●●');
  return out;
}

/** A stored value, and when it is JSON (a token record), every string inside it. */
function stringLeaves(v: string): string[] {
  const out = [v];
  const walk = (x: unknown): void => {
    if (typeof x === 'string') out.push(x);
    else if (x !== null && typeof x === 'object') Object.values(x).forEach(walk);
  };
  if (v.startsWith('{') || v.startsWith('[')) {
    try {
      walk(JSON.parse(v));
    } catch {
      // not JSON: the whole value is what we mask
    }
  }
  return out;
}

/** A non-secret field (an app key) still stays out of messages when it looks like a credential. */
function looksLikeToken(v: string): boolean {
  return /^[A-Za-z0-9_\-.=+/]{16,}$/.test(v);
}
