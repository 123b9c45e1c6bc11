import type { MallConnector } from './connector';
import type { EngineEnv } from './run/types';
import type { Settings } from './settings/schema';

/** Masks every secret the run knows of: credentials of every shop and what the connectors stored. */
export function redactor(
  env: EngineEnv,
  settings: Settings | null,
  connectors: readonly MallConnector[],
): (text: string) => string {
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

function storedSecrets(env: EngineEnv): string[] {
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
  for (const s of [...secrets].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length))
    out = out.split(s).join('●●●●');
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
