/**
 * The engine's public surface: what src/entry.ts (Apps Script), src/node/cli.ts and the sidebar's server
 * call. Only re-exports: engine modules import each other directly, never this barrel.
 */
export * from './run/types';
export { runFetch } from './run/fetch';
export { runExport } from './run/export';
export { runSlips, type SlipsOptions, type SlipsReport } from './run/slips';
export { runTimer, applyAutoFetchTrigger, timerMinutes, isDue } from './run/timer';
export { runCheck, type CheckReport, type ShopCheck } from './check/check';
export { parseSettings } from './settings/parse';
export { SettingsError, type SettingsIssue } from './settings/errors';
export { loadSettingsFromBook, writeShopStatus } from './settings/tab';
export { readState, type ShopState } from './run/state';
export { appendLog, readLog, type LogRow } from './log/log-sheet';
export { runLabelExport, runLabelImport, type LabelExportReport, type LabelImportReport, type LabelFile } from './run/labels';
