import type { z } from 'zod';
import { translate } from '../../i18n';
import {
  CheckShopRequestSchema,
  DeleteShopRequestSchema,
  EmptyRequestSchema,
  FetchRangeRequestSchema,
  LabelExportRequestSchema,
  LabelExportStateRequestSchema,
  LabelImportRequestSchema,
  type Reply,
  SaveAlertsRequestSchema,
  SaveCarriersRequestSchema,
  SaveGeneralRequestSchema,
  SaveShopRequestSchema,
  SlipsRequestSchema,
  type UiApi,
  type UiCall,
} from '../shared/rpc';
import { testAlert } from './alerts';
import { checkOneShop } from './check';
import { dateRangeState, fetchForRange } from './date-range';
import { labelExportFile, labelExportState, labelImportApply, labelImportPreview, labelImportState } from './labels';
import { scrubSecrets } from './secrets';
import type { UiEnv } from './settings-document';
import {
  deleteShop,
  localeOf,
  saveAlerts,
  saveCarriers,
  saveGeneral,
  saveShop,
  sidebarState,
  UiError,
} from './sidebar';
import { slipsPdf, slipsState } from './slips';

/**
 * Every call a page makes, by name: the request is parsed with its schema (zod at the boundary) and the
 * answer wrapped in a Reply. Apps Script's entry points and the browser test's shim both go through here.
 */

type Handler<K extends UiCall> = {
  schema: z.ZodType<UiApi[K]['req']>;
  run: (env: UiEnv, req: UiApi[K]['req']) => UiApi[K]['res'];
};

export const UI_HANDLERS: { [K in UiCall]: Handler<K> } = {
  sidebarGetState: { schema: EmptyRequestSchema, run: (env) => sidebarState(env) },
  sidebarSaveShop: { schema: SaveShopRequestSchema, run: saveShop },
  sidebarDeleteShop: { schema: DeleteShopRequestSchema, run: (env, req) => deleteShop(env, req.name) },
  sidebarSaveCarriers: { schema: SaveCarriersRequestSchema, run: saveCarriers },
  sidebarSaveGeneral: { schema: SaveGeneralRequestSchema, run: saveGeneral },
  sidebarCheckShop: { schema: CheckShopRequestSchema, run: (env, req) => checkOneShop(env, req.shop) },
  sidebarSaveAlerts: { schema: SaveAlertsRequestSchema, run: saveAlerts },
  sidebarTestAlert: { schema: EmptyRequestSchema, run: (env) => testAlert(env) },
  dateRangeGetState: { schema: EmptyRequestSchema, run: (env) => dateRangeState(env) },
  fetchOrdersForRange: { schema: FetchRangeRequestSchema, run: fetchForRange },
  slipsGetState: { schema: SlipsRequestSchema, run: slipsState },
  slipsMakePdf: { schema: SlipsRequestSchema, run: slipsPdf },
  labelExportGetState: { schema: LabelExportStateRequestSchema, run: labelExportState },
  labelExportMakeFile: { schema: LabelExportRequestSchema, run: labelExportFile },
  labelImportGetState: { schema: EmptyRequestSchema, run: (env) => labelImportState(env) },
  labelImportPreview: { schema: LabelImportRequestSchema, run: labelImportPreview },
  labelImportApply: { schema: LabelImportRequestSchema, run: labelImportApply },
};

export const UI_CALLS = Object.keys(UI_HANDLERS) as UiCall[];

export function isUiCall(name: string): name is UiCall {
  return Object.hasOwn(UI_HANDLERS, name);
}

/**
 * Runs one call. Never throws: a failure becomes a readable message in the settings' language, with
 * every stored secret masked out; the details go to the log only.
 */
export function handleUiCall<K extends UiCall>(name: K, env: UiEnv, input: unknown): Reply<UiApi[K]['res']> {
  const handler = UI_HANDLERS[name] as Handler<K>;
  let locale: 'ja' | 'en' = 'ja';
  try {
    locale = localeOf(env.settingsDoc.read());
    const req = handler.schema.safeParse(input ?? {});
    if (!req.success) return { ok: false, message: translate(locale, 'sidebar.err.badRequest') };
    return { ok: true, value: handler.run(env, req.data) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const typed = typedSecrets(input);
    env.log.error(scrubSecrets(`${name}: ${e instanceof Error ? (e.stack ?? detail) : detail}`, env.props, typed));
    const message = e instanceof UiError ? detail : translate(locale, 'sidebar.err.failed', { detail });
    return { ok: false, message: scrubSecrets(message, env.props, typed) };
  }
}

/** Secret values a save request carries (not yet in properties when the save fails). */
function typedSecrets(input: unknown): string[] {
  const shop =
    typeof input === 'object' && input !== null ? (input as { shop?: { secrets?: unknown } }).shop : undefined;
  const secrets = shop && typeof shop.secrets === 'object' && shop.secrets !== null ? Object.values(shop.secrets) : [];
  return secrets.filter((v): v is string => typeof v === 'string');
}
