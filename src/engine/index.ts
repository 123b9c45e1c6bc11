/**
 * The engine's public surface: what src/entry.ts (Apps Script), src/node/cli.ts and the sidebar's server
 * call. Only re-exports: engine modules import each other directly, never this barrel.
 */

export { type CheckReport, runCheck, type ShopCheck } from './check/check';
export { appendLog, type LogRow, readLog } from './log/log-sheet';
export { runExport } from './run/export';
export { runFetch } from './run/fetch';
export {
  type LabelExportReport,
  type LabelFile,
  type LabelImportReport,
  runLabelExport,
  runLabelImport,
} from './run/labels';
export { repairOrdersLayout } from './run/repair-layout';
export { runSlips, type SlipsOptions, type SlipsReport } from './run/slips';
export { readState, type ShopState } from './run/state';
export { applyAutoFetchTrigger, isDue, runTimer, timerMinutes } from './run/timer';
export * from './run/types';
export { SettingsError, type SettingsIssue } from './settings/errors';
export { parseSettings } from './settings/parse';
export { loadSettingsFromBook, writeShopStatus } from './settings/tab';
