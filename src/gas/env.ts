import type { EngineEnv } from '../engine';
import { CachedProperties } from '../engine/cached-properties';
import { loadSettingsFromBook } from '../engine/settings/tab';
import { throttledProgress } from '../engine/throttled-progress';
import { CONNECTORS } from '../malls';
import { consoleLogger, GasLock, GasProperties, gasClock, gasCrypto, toastProgress } from './gas-ports';
import { GasHttp } from './http';
import { GasMail } from './mail';
import { GasSpreadsheet } from './sheet';
import { GasTriggers } from './triggers';

/** Apps Script gives 6 minutes per execution; stop starting new work at 4.5 (docs/apps-script.md §C1, §C2). */
const BUDGET_MS = 270_000;

/** The EngineEnv over the Apps Script services of the bound spreadsheet. Called inside handlers only. */
export function gasEnv(): EngineEnv & { triggers: GasTriggers } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const book = new GasSpreadsheet(ss);
  // one getProperties per run instead of a call per key read (src/engine/cached-properties.ts)
  const props = new CachedProperties(new GasProperties(PropertiesService.getDocumentProperties()));
  const clock = gasClock(Utilities);
  return {
    book,
    http: new GasHttp(UrlFetchApp),
    props,
    lock: new GasLock(LockService.getDocumentLock()),
    clock,
    crypto: gasCrypto(Utilities),
    log: consoleLogger,
    // each toast is a spreadsheet call: one every few seconds is what a person can read anyway
    progress: throttledProgress(toastProgress(ss), clock),
    triggers: new GasTriggers(ScriptApp),
    mail: new GasMail(
      () => MailApp,
      () => Session,
      () => ss.getUrl(),
    ),
    connectors: CONNECTORS,
    loadSettings: () => loadSettingsFromBook(book, props, CONNECTORS),
    budgetMs: BUDGET_MS,
  };
}
