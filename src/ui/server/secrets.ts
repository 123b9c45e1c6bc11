import type { MallConnector } from '../../engine/connector';
import { shopStorePrefix } from '../../engine/run/shop-context';
import { stateKey } from '../../engine/run/state';
import type { PropertiesPort } from '../../ports';

/**
 * Secret credential values (docs/contract.md §2 設定: never in cells, logs or messages) live in document
 * properties under `secret:<shop>:<field>`, the key the settings engine reads them back from.
 */
const PREFIX = 'secret:';
export const secretKey = (shop: string, field: string) => `${PREFIX}${shop}:${field}`;

export function secretFields(connector: MallConnector | undefined): string[] {
  return connector ? connector.credentialFields.filter((f) => f.secret).map((f) => f.key) : [];
}

/** The saved secrets of one shop, field → value (server side only: never returned to a page). */
export function savedSecrets(
  props: PropertiesPort,
  shop: string,
  connector: MallConnector | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of secretFields(connector)) {
    const v = props.get(secretKey(shop, key));
    if (v !== null && v !== '') out[key] = v;
  }
  return out;
}

/**
 * After a save: the typed values are stored, a renamed shop takes its secrets along, and secrets of
 * fields the shop's mall no longer has (the mall was changed) are dropped.
 */
export function storeSecrets(
  props: PropertiesPort,
  from: string | null,
  to: string,
  connector: MallConnector | undefined,
  typed: Record<string, string>,
): void {
  const keep = new Set(secretFields(connector));
  if (from !== null) {
    for (const k of props.keys()) {
      if (!k.startsWith(secretKey(from, ''))) continue;
      const field = k.slice(secretKey(from, '').length);
      const value = props.get(k);
      if (from !== to || !keep.has(field)) props.delete(k);
      if (keep.has(field) && value !== null && from !== to) props.set(secretKey(to, field), value);
    }
  }
  for (const [field, value] of Object.entries(typed)) {
    if (keep.has(field) && value !== '') props.set(secretKey(to, field), value);
  }
}

/**
 * What the runs keep under a shop's name (its state: last fetch, expiry, resume cursor; its connector's
 * store: e.g. TikTok's access token) follows a rename, so the shop does not start over.
 */
export function renameShopRecords(props: PropertiesPort, from: string, to: string): void {
  if (from === to) return;
  const state = props.get(stateKey(from));
  if (state !== null) {
    props.set(stateKey(to), state);
    props.delete(stateKey(from));
  }
  for (const k of props.keys()) {
    if (!k.startsWith(shopStorePrefix(from))) continue;
    props.set(shopStorePrefix(to) + k.slice(shopStorePrefix(from).length), props.get(k) ?? '');
    props.delete(k);
  }
}

/** A deleted shop leaves nothing behind in properties: secrets, state, connector store. */
export function deleteShopRecords(props: PropertiesPort, shop: string): void {
  props.delete(stateKey(shop));
  for (const k of props.keys())
    if (k.startsWith(secretKey(shop, '')) || k.startsWith(shopStorePrefix(shop))) props.delete(k);
}

/** Every secret value in the store, so no message sent to a page can echo one (defence in depth). */
export function scrubSecrets(text: string, props: PropertiesPort, extra: string[] = []): string {
  const values = [
    ...props
      .keys()
      .filter((k) => k.startsWith(PREFIX))
      .map((k) => props.get(k) ?? ''),
    ...extra,
  ]
    .filter((v) => v.length >= 4)
    .sort((a, b) => b.length - a.length);
  return values.reduce((t, v) => t.split(v).join('••••'), text);
}
