import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** Loads dist/Code.js the way Apps Script does: one classic script in a context holding only Apps Script globals. */

const root = path.resolve(__dirname, '../..');
const codeFile = path.join(root, 'dist/Code.js');

function newestMtime(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }, 0);
}

let code: string;
beforeAll(() => {
  const built = fs.existsSync(codeFile) ? fs.statSync(codeFile).mtimeMs : 0;
  if (
    built < Math.max(newestMtime(path.join(root, 'src')), fs.statSync(path.join(root, 'scripts/build.mjs')).mtimeMs)
  ) {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  }
  code = fs.readFileSync(codeFile, 'utf8');
});

function appsScriptGlobals(tabs: Record<string, unknown[][]> = {}) {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
    };
  const menu = {
    items: [] as [string, string][],
    addItem(caption: string, fn: string) {
      this.items.push([caption, fn]);
      return this;
    },
    addSeparator() {
      return this;
    },
    addSubMenu() {
      return this;
    },
    addToUi: record('Menu.addToUi'),
  };
  const triggers: { handler: string }[] = [{ handler: 'onTimer' }, { handler: 'somethingElse' }];
  const globals = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => ({
        getSheetByName: (name: string) =>
          name in tabs
            ? {
                getName: () => name,
                getDataRange: () => ({
                  getValues: () => {
                    calls.push(`getValues(${name})`);
                    return tabs[name];
                  },
                }),
              }
            : null,
        toast: record('toast'),
      }),
      getUi: () => ({
        createMenu: (title: string) => {
          calls.push(`createMenu(${title})`);
          return menu;
        },
        alert: record('Ui.alert'),
        ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL' },
        Button: { OK: 'OK' },
      }),
    },
    UrlFetchApp: { fetch: record('UrlFetchApp.fetch'), fetchAll: record('UrlFetchApp.fetchAll') },
    PropertiesService: { getDocumentProperties: record('PropertiesService.getDocumentProperties') },
    LockService: { getDocumentLock: record('LockService.getDocumentLock') },
    Utilities: {
      computeDigest: record('Utilities.computeDigest'),
      sleep: record('Utilities.sleep'),
      Charset: { UTF_8: 'UTF_8' },
      DigestAlgorithm: { MD5: 'MD5' },
    },
    ScriptApp: {
      getProjectTriggers: () => triggers.map((t) => ({ getHandlerFunction: () => t.handler, t })),
      deleteTrigger: (x: { t: { handler: string } }) => triggers.splice(triggers.indexOf(x.t), 1),
      newTrigger: record('ScriptApp.newTrigger'),
    },
    HtmlService: { createHtmlOutput: record('HtmlService.createHtmlOutput') },
    Session: { getActiveUserLocale: () => 'ja' },
    console: { log: record('console.log'), warn: record('console.warn'), error: record('console.error') },
  };
  return { globals, calls, menu, triggers };
}

function load(tabs: Record<string, unknown[][]> = {}) {
  const world = appsScriptGlobals(tabs);
  const ctx = vm.createContext({ ...world.globals });
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  return { ...world, ctx: ctx as Record<string, unknown> };
}

describe('dist/Code.js in node:vm', () => {
  test('loading it touches no service and needs no Node global', () => {
    const { calls, ctx } = load();
    expect(calls).toEqual([]);
    for (const g of ['require', 'process', 'module', 'global', 'exports', 'Buffer']) expect(ctx[g]).toBeUndefined();
  });

  test('every entry point is a top-level function declaration', () => {
    const { ctx } = load();
    const names = Array.from((ctx.MallSheet as { ENTRY_POINTS: string[] }).ENTRY_POINTS);
    expect(names).toEqual(
      expect.arrayContaining(['onOpen', 'fetchOrdersNow', 'exportTracking', 'onTimer', 'onContinue']),
    );
    for (const n of names) {
      expect(typeof ctx[n]).toBe('function');
      expect(code).toMatch(new RegExp(`^function ${n}\\(e\\) \\{`, 'm'));
    }
  });

  test('onOpen builds the menu and nothing else: no web call, no properties read', () => {
    const { calls, menu, ctx } = load();
    (ctx.onOpen as () => void)();
    expect(calls).toEqual(['createMenu(MallSheet)', 'createMenu(ステータス別に表示)', 'Menu.addToUi()']);
    const handlers = menu.items.map(([, fn]) => fn);
    expect(handlers).toEqual([
      'fetchOrdersNow',
      'fetchOrdersRange',
      'printSlips',
      'createLabelCsv',
      'importIssuedData',
      'exportTracking',
      'exportPreview',
      'openSettings',
      'checkConnections',
      'enableAutoFetch',
      'disableAutoFetch',
      'viewNew',
      'viewAwaiting',
      'viewDone',
      'viewHold',
      'viewCancelled',
      'viewAll',
      'searchOrdersPrompt',
      'repairLayout',
    ]);
    for (const fn of handlers) expect(typeof ctx[fn]).toBe('function');
    expect(menu.items[0][0]).toBe('注文を今すぐ取得');
  });

  test("the menu speaks the Settings tab's language, read with one getValues", () => {
    const { calls, menu, ctx } = load({ Settings: [['[General]'], ['Language', 'en'], ['Time zone', 'Asia/Tokyo']] });
    (ctx.onOpen as () => void)();
    expect(calls).toEqual([
      'getValues(Settings)',
      'createMenu(MallSheet)',
      'createMenu(Show by status)',
      'Menu.addToUi()',
    ]);
    expect(menu.items[0][0]).toBe('Fetch orders now');
  });

  test('disableAutoFetch removes the timer trigger through ScriptApp', () => {
    const { triggers, ctx } = load();
    (ctx.disableAutoFetch as () => void)();
    expect(triggers).toEqual([{ handler: 'somethingElse' }]);
  });

  test('the bundle is a classic script: no import, export or require', () => {
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bprocess\.(env|argv|exit)/);
  });

  test('dist/appsscript.json: Tokyo, V8 and exactly the narrow scopes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist/appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({ timeZone: 'Asia/Tokyo', runtimeVersion: 'V8' });
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/script.container.ui',
      // alert mail: MailApp, and the owner's address as the default recipient
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });
});
