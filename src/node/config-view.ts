import { readState, type ShopState, writeShopStatus } from '../engine';
import type { MallConnector } from '../engine/connector';
import { MemoryProperties } from '../engine/memory-ports';
import type { Settings } from '../engine/settings/schema';
import { findSettingsSheet } from '../engine/settings/tab';
import { secretKey, shopColumns } from '../engine/settings/tab-layout';
import { ensureSettingsLayout } from '../engine/settings/tab-look';
import type { PropertiesPort, SpreadsheetPort } from '../ports';
import type { RawSettings } from '../ui/server/settings-document';
import { SettingsTabDocument } from '../ui/server/settings-tab-document';

/**
 * 設定 in the local workbook as a view of the JSON config (docs/contract.md §5): the same tab the Sheet
 * has, written by the same code as the sidebar's (so its rows, columns and the seller's own columns are
 * kept alike), secrets shown only as the mask, and each shop's 最終取得日時 / 有効期限 from the
 * workbook's state. The JSON file stays the source: the tab is rewritten from it on every saved run.
 */
export function writeConfigView(
  book: SpreadsheetPort,
  settings: Settings,
  props: PropertiesPort,
  connectors: readonly MallConnector[],
  now: number,
): void {
  // the tab writer masks a secret cell when a value is stored for it; here the value is in the config
  const present = new MemoryProperties();
  const secrets = shopColumns(connectors)
    .filter((c) => c.kind === 'secret')
    .map((c) => c.field.slice('credentials.'.length));
  for (const shop of settings.shops) {
    const creds = shop.credentials as Record<string, unknown>;
    for (const key of secrets)
      if (typeof creds[key] === 'string' && creds[key] !== '') present.set(secretKey(shop.name, key), 'set');
  }
  const doc = new SettingsTabDocument(book, present, connectors);
  const before = doc.read();
  // shops already in the tab keep their rows (and whatever the seller put beside them)
  const byName = new Map(before.shops.map((s) => [s.name, s]));
  const shops = settings.shops.map((s) => {
    const kept: Record<string, unknown> = byName.get(s.name) ?? {};
    for (const k of Object.keys(kept)) delete kept[k];
    return Object.assign(kept, withoutSecrets(s, secrets));
  });
  const next: RawSettings = {
    locale: settings.locale,
    timezone: settings.timezone,
    shops,
    carriers: settings.carriers,
  };
  doc.write(next);
  const state: Record<string, ShopState> = {};
  for (const s of settings.shops) state[s.name] = readState(props, s.name);
  writeShopStatus(book, settings, state, now);
  const sheet = findSettingsSheet(book);
  if (sheet)
    ensureSettingsLayout(
      sheet,
      props,
      sheet.readAll(),
      connectors,
      settings.carriers.map((c) => c.name),
      settings.locale,
    );
}

function withoutSecrets(shop: Settings['shops'][number], secrets: readonly string[]): Record<string, unknown> {
  const credentials = Object.fromEntries(
    Object.entries(shop.credentials as Record<string, unknown>).filter(([k]) => !secrets.includes(k)),
  );
  return { ...shop, credentials };
}
