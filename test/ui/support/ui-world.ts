import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { MemoryLock, MemoryLogger, MemoryProperties, MemoryTriggers, VirtualClock } from '../../../src/engine/memory-ports';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CONNECTORS } from '../../../src/malls';
import { nodeCrypto } from '../../../src/node/crypto';
import { InProcessHttp, Sandbox } from '../../../src/sandbox/sandbox';
import type { UiEnv } from '../../../src/ui/server/settings-document';
import { SettingsTabDocument } from '../../../src/ui/server/settings-tab-document';
import type { ShopForm } from '../../../src/ui/shared/rpc';

/** The address the sandbox malls answer on in-process (InProcessHttp ignores the host). */
export const SANDBOX_URL = 'http://sandbox.local';

/**
 * The sidebar's server world as Apps Script would have it, in memory: the Settings tab in a
 * MemorySpreadsheet (with Sheets' quirks), document properties, the engine's own settings reader, and
 * the three sandbox malls answering in-process on a virtual clock.
 */
export function uiWorld(opts: { seed?: number } = {}) {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: () => clock.now(), seed: opts.seed ?? 5 });
  const book = new MemorySpreadsheet();
  const props = new MemoryProperties();
  const log = new MemoryLogger();
  const mails: { to: string[]; subject: string; body: string }[] = [];
  const env: UiEnv = {
    book,
    http: new InProcessHttp(sandbox),
    props,
    lock: new MemoryLock(),
    clock,
    crypto: nodeCrypto,
    log,
    progress: log,
    triggers: new MemoryTriggers(),
    mail: { send: (m) => void mails.push(m), owner: () => 'owner@example.com', link: () => null },
    connectors: CONNECTORS,
    loadSettings: () => loadSettingsFromBook(book, props, CONNECTORS),
    settingsDoc: new SettingsTabDocument(book, props, CONNECTORS),
  };
  return { env, clock, sandbox, book, props, log, mails };
}

export type UiWorld = ReturnType<typeof uiWorld>;

/** Every cell of every tab as text: what "never in a cell" is checked against. */
export function allCellText(book: MemorySpreadsheet, names: string[]): string {
  return names
    .map((n) => book.getSheet(n))
    .filter((s) => s !== null)
    .map((s) => JSON.stringify(s!.readAll()))
    .join('\n');
}

export function shopForm(over: Partial<ShopForm> = {}): ShopForm {
  return {
    name: 'Temu 1号店',
    mall: 'temu',
    enabled: true,
    credentials: {},
    secrets: {},
    region: 'global',
    warehouseId: '',
    statuses: ['UN_SHIPPING'],
    days: '7',
    initialStatus: '新規受付',
    autoFetchMinutes: '30',
    autoExport: false,
    defaultCarrier: '',
    endpointApi: SANDBOX_URL,
    endpointAuth: '',
    ...over,
  };
}
