/**
 * Apps Script entry points — the list, nothing else. scripts/build.mjs turns every name of ENTRIES into a
 * top-level `function name(e)` that delegates here (docs/apps-script.md §B3: menus and triggers find
 * functions by name). Nothing runs at load time: the bundle is evaluated on every execution, including onOpen.
 */
import {
  checkConnections,
  disableAutoFetch,
  enableAutoFetch,
  exportPreview,
  exportTracking,
  fetchOrdersNow,
  onOpen,
} from './gas/menu';
import { onContinue, onTimer } from './gas/trigger-handlers';
import { UI_ENTRIES } from './ui/gas/entries';

export const ENTRIES = {
  onOpen,
  fetchOrdersNow,
  exportTracking,
  exportPreview,
  checkConnections,
  enableAutoFetch,
  disableAutoFetch,
  onTimer,
  onContinue,
  // the menu items that open a page, and the pages' server functions (google.script.run)
  ...UI_ENTRIES,
} satisfies Record<string, (e?: never) => unknown>;

export const ENTRY_POINTS = Object.keys(ENTRIES);
