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
  /** every HTML handed to the PDF converter, and what the seller has selected (sheet name, A1-style rows) */
  const converted: { html: string; name: string }[] = [];
  const selection = { sheet: '', ranges: [] as { row: number; rows: number; cols: number }[] };
  const mails: { to: string; subject: string; body: string }[] = [];
  const webhooks: { url: string; payload: string }[] = [];
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
    // a chat room's incoming webhook: what it was sent is kept for the test
    if (url.startsWith('https://chat.googleapis.com/')) {
      webhooks.push({ url, payload: String(p.payload ?? '') });
      return { getResponseCode: () => 200, getContentText: () => '{}', getAllHeaders: () => ({}) };
    }
    const res = sandbox.handle(toSandboxRequest({ url, method: (p.method ?? 'get') as 'get' | 'post', headers: p.headers, contentType: p.contentType, body: p.payload }));
    return { getResponseCode: () => res.status, getContentText: () => res.body, getAllHeaders: () => res.headers ?? {} };
  };

  const globals = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => ({
        getActiveSheet: () => ({ getName: () => selection.sheet }),
        getActiveRangeList: () => ({
          getRanges: () =>
            selection.ranges.map((r) => ({
              getRow: () => r.row,
              getLastRow: () => r.row + r.rows - 1,
              getNumRows: () => r.rows,
              getNumColumns: () => r.cols,
            })),
        }),
        getSheetByName: (name: string) => wrap(book.getSheet(name)),
        getUrl: () => 'https://docs.google.com/spreadsheets/d/fake-sheet/edit',
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
      // HTML → PDF as Apps Script converts it; the fake's "PDF" is a marker plus the HTML, so tests read it back
      newBlob: (data: string, contentType: string, name: string) => ({
        getAs: (type: string) => {
          if (contentType !== 'text/html' || type !== 'application/pdf') throw new Error(`cannot convert ${contentType} to ${type}`);
          converted.push({ html: data, name });
          return { getBytes: () => signed(Buffer.from(`%PDF-fake\n${data}`, 'utf8')) };
        },
      }),
      base64Encode: (bytes: number[]) => Buffer.from(bytes.map((b) => (b < 0 ? b + 256 : b))).toString('base64'),
    },
    ScriptApp: {
      getProjectTriggers: () => [],
      deleteTrigger: () => undefined,
      newTrigger: () => ({ timeBased: () => ({ after: () => ({ create: () => undefined }), everyMinutes: () => ({ create: () => undefined }), everyHours: () => ({ create: () => undefined }) }) }),
    },
    HtmlService: { createHtmlOutputFromFile: () => ({ setTitle() { return this; }, setWidth() { return this; }, setHeight() { return this; } }) },
    Session: { getActiveUserLocale: () => 'ja', getEffectiveUser: () => ({ getEmail: () => 'owner@example.com' }) },
    MailApp: { sendEmail: (m: { to: string; subject: string; body: string }) => void mails.push({ to: m.to, subject: m.subject, body: m.body }) },
    console: { log: () => undefined, warn: () => undefined, error: () => undefined },
  };
  /** Call with the vm context's own Date once the context exists. */
  const useScriptDate = (ctor: DateConstructor) => void (ScriptDate = ctor);
  return { globals, book, props, alerts, toasts, fetched, mails, webhooks, converted, selection, useScriptDate };
}
