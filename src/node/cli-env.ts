import type { EngineEnv } from '../engine';
import type { Settings } from '../engine/settings/schema';
import { CONNECTORS } from '../malls';
import type { PropertiesPort, SpreadsheetPort } from '../ports';
import { nodeCrypto } from './crypto';
import { cliTriggers, heldLock, nodeClock, stderrLogger } from './node-ports';
import { StderrMail } from './stderr-mail';
import { SyncHttp } from './sync-http';

/** A CLI run has no 6-minute limit; one generous budget keeps the engine's continuation path unused. */
const CLI_BUDGET_MS = 6 * 60 * 60 * 1000;

/**
 * The EngineEnv for one CLI command. The settings were parsed (and rejected with exit 2) before the
 * workbook was opened; the workbook's FileLock is held by the caller, so the engine's lock always succeeds.
 */
export function cliEnv(
  book: SpreadsheetPort,
  props: PropertiesPort,
  settings: Settings,
  opts: { verbose: boolean; httpTimeoutMs?: number },
): EngineEnv & { http: SyncHttp } {
  const log = stderrLogger(opts.verbose);
  return {
    book,
    http: new SyncHttp({ timeoutMs: opts.httpTimeoutMs }),
    props,
    lock: heldLock,
    clock: nodeClock,
    crypto: nodeCrypto,
    log,
    progress: log,
    triggers: cliTriggers(log),
    // alerts are printed, not mailed: a person running the command reads stderr
    mail: new StderrMail(),
    connectors: CONNECTORS,
    loadSettings: () => settings,
    budgetMs: CLI_BUDGET_MS,
    // the daily URL fetch quota is Apps Script's; a local run has none
    urlFetchQuota: Number.POSITIVE_INFINITY,
  };
}
