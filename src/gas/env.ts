import type { Env } from '../engine/app';
import { loadSettingsFromBook } from '../engine/settings/tab';
import { CONNECTORS } from '../malls';
import { GasSpreadsheet } from './sheet';
import { GasHttp } from './http';
import { GasLock, GasProperties, consoleLogger, gasClock, gasCrypto, toastProgress } from './services';
import { GasTriggers } from './triggers';

/** Apps Script gives 6 minutes per execution; stop starting new work at 4.5 (spec §C1, §C2). */
const BUDGET_MS = 270_000;

/** The engine's Env over the Apps Script services of the bound spreadsheet. Called inside handlers only. */
export function gasEnv(): Env & { triggers: GasTriggers } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const book = new GasSpreadsheet(ss);
  const props = new GasProperties(PropertiesService.getDocumentProperties());
  return {
    book,
    http: new GasHttp(UrlFetchApp),
    props,
    lock: new GasLock(LockService.getDocumentLock()),
    clock: gasClock(Utilities),
    crypto: gasCrypto(Utilities),
    log: consoleLogger,
    progress: toastProgress(ss),
    triggers: new GasTriggers(ScriptApp),
    connectors: CONNECTORS,
    loadSettings: () => loadSettingsFromBook(book, props, CONNECTORS),
    budgetMs: BUDGET_MS,
  };
}
