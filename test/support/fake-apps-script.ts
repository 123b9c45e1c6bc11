import { createHash, createHmac } from 'node:crypto';
import { MemorySpreadsheet, type MemorySheet } from '../../src/engine/sheet/memory-sheet';
import { Sandbox, toSandboxRequest } from '../../src/sandbox/sandbox';

/**
 * Stateful stand-ins for the Apps Script services the bundle uses, for running dist/Code.js in node:vm.
 * Sheets are MemorySheets (they copy Apps Script's value quirks); UrlFetchApp answers from the sandbox
 * malls in-process; Utilities returns Java's signed bytes as the real service does.
 */
export function fakeAppsScript(sandbox: Sandbox) {
  const book = new MemorySpreadsheet();
  const props = new Map<string, string>();
  const alerts: string[] = [];
  const toasts: string[] = [];
  const fetched: string[] = [];
  let locked = false;
  const sleepCell = new Int32Array(new SharedArrayBuffer(4));
  // Dates cross between this realm and the script's vm context: each side must get its own Date objects,
  // as a script in Apps Script gets dates of its own runtime from getValues.
  let ScriptDate: DateConstructor = Date;
  const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
  const toScript = (v: unknown) => (isDate(v) ? new ScriptDate(v.getTime()) : v);
  const toHost = (v: unknown) => (isDate(v) ? new Date(v.getTime()) : v);

  const sheetApi = (sheet: MemorySheet) => {
    let maxRows = 1000;
    let maxCols = 26;
    return {
      getName: () => sheet.name,
      activate: () => undefined,
      getDataRange: () => ({
        getValues: () => {
          const v = sheet.readAll().map((row) => row.map(toScript));
          return v.length === 0 ? [['']] : v;
        },
      }),
      getRange: (row: number, col: number, h: number, w: number) => {
        if (row + h - 1 > maxRows || col + w - 1 > maxCols) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
        return {
          setValues: (values: unknown[][]) => sheet.writeBlock(row, col, values.map((r) => r.map(toHost)) as never),
          setNumberFormats: (formats: string[][]) => sheet.setFormats(row, col, formats),
        };
      },
      getMaxRows: () => maxRows,
      getMaxColumns: () => maxCols,
      insertRowsAfter: (_after: number, n: number) => void (maxRows += n),
      insertColumnsAfter: (_after: number, n: number) => void (maxCols += n),
    };
  };
  const sheets = new Map<string, ReturnType<typeof sheetApi>>();
  const wrap = (s: MemorySheet | null) => {
    if (!s) return null;
    if (!sheets.has(s.name)) sheets.set(s.name, sheetApi(s));
    return sheets.get(s.name)!;
  };

  const signed = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
  const answer = (url: string, p: { method?: string; headers?: Record<string, string>; contentType?: string; payload?: string }) => {
    fetched.push(url);
    const res = sandbox.handle(toSandboxRequest({ url, method: (p.method ?? 'get') as 'get' | 'post', headers: p.headers, contentType: p.contentType, body: p.payload }));
    return { getResponseCode: () => res.status, getContentText: () => res.body, getAllHeaders: () => res.headers ?? {} };
  };

  const globals = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => ({
        getSheetByName: (name: string) => wrap(book.getSheet(name)),
        insertSheet: (name: string) => wrap(book.insertSheet(name)),
        toast: (msg: string) => void toasts.push(msg),
      }),
      getUi: () => ({
        alert: (...args: unknown[]) => void alerts.push(args.filter((a) => typeof a === 'string' && !/^[A-Z_]+$/.test(a)).join('\n')),
        ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' },
        Button: { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' },
        showSidebar: () => undefined,
        showModalDialog: () => undefined,
        createMenu: () => ({ addItem() { return this; }, addSeparator() { return this; }, addToUi: () => undefined }),
      }),
    },
    UrlFetchApp: {
      fetch: answer,
      fetchAll: (reqs: ({ url: string } & Parameters<typeof answer>[1])[]) => reqs.map((r) => answer(r.url, r)),
    },
    PropertiesService: {
      getDocumentProperties: () => ({
        getProperty: (k: string) => props.get(k) ?? null,
        setProperty: (k: string, v: string) => void props.set(k, v),
        deleteProperty: (k: string) => void props.delete(k),
        getKeys: () => [...props.keys()],
        getProperties: () => Object.fromEntries(props),
      }),
    },
    LockService: {
      getDocumentLock: () => ({
        tryLock: () => (locked ? false : (locked = true)),
        releaseLock: () => void (locked = false),
      }),
    },
    Utilities: {
      DigestAlgorithm: { MD5: 'MD5' },
      Charset: { UTF_8: 'UTF_8' },
      computeDigest: (_alg: string, s: string, charset?: string) => {
        // without a charset Apps Script hashes non-ASCII as '?' (docs/apps-script.md §C7): make a missing charset visible
        const text = charset === 'UTF_8' ? s : s.replace(/[^\x00-\x7f]/g, '?');
        return signed(createHash('md5').update(text, 'utf8').digest());
      },
      computeHmacSha256Signature: (value: string, key: string, charset?: string) => {
        const fix = (x: string) => (charset === 'UTF_8' ? x : x.replace(/[^\x00-\x7f]/g, '?'));
        return signed(createHmac('sha256', Buffer.from(fix(key), 'utf8')).update(fix(value), 'utf8').digest());
      },
      sleep: (ms: number) => void Atomics.wait(sleepCell, 0, 0, ms),
    },
    ScriptApp: {
      getProjectTriggers: () => [],
      deleteTrigger: () => undefined,
      newTrigger: () => ({ timeBased: () => ({ after: () => ({ create: () => undefined }), everyMinutes: () => ({ create: () => undefined }), everyHours: () => ({ create: () => undefined }) }) }),
    },
    HtmlService: { createHtmlOutputFromFile: () => ({ setTitle() { return this; }, setWidth() { return this; }, setHeight() { return this; } }) },
    Session: { getActiveUserLocale: () => 'ja' },
    console: { log: () => undefined, warn: () => undefined, error: () => undefined },
  };
  /** Call with the vm context's own Date once the context exists. */
  const useScriptDate = (ctor: DateConstructor) => void (ScriptDate = ctor);
  return { globals, book, props, alerts, toasts, fetched, useScriptDate };
}
