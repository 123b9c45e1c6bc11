import { createHash, createHmac } from 'node:crypto';
import { type MemorySheet, MemorySpreadsheet } from '../../src/engine/sheet/memory-sheet';
import { type Sandbox, toSandboxRequest } from '../../src/sandbox/sandbox';
import { fakeBlobUtilities } from './fake-blob';

/**
 * Stateful stand-ins for the Apps Script services the bundle uses, for running dist/Code.js in node:vm.
 * Sheets are MemorySheets (they copy Apps Script's value quirks); UrlFetchApp answers from the sandbox
 * malls in-process; Utilities returns Java's signed bytes as the real service does.
 */
/** An Apps Script builder: each setter changes what is built and returns the builder, as the real ones do. */
type Builder<S, R> = {
  [K in keyof S]: S[K] extends (...args: infer A) => unknown ? (...args: A) => Builder<S, R> : never;
} & {
  build: () => R;
};

function builder<S extends Record<string, (...args: never[]) => unknown>, R>(
  setters: S,
  build: () => R,
): Builder<S, R> {
  const b: Record<string, unknown> = { build };
  for (const [name, set] of Object.entries(setters))
    b[name] = (...args: never[]) => {
      set(...args);
      return b;
    };
  return b as Builder<S, R>;
}

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

  /** Every layout call a sheet received, as `<sheet> <method> <args>`; and what each sheet then holds. */
  const layoutCalls: string[] = [];
  const layouts = new Map<string, FakeLayout>();
  const sheetApi = (sheet: MemorySheet) => {
    let maxRows = 1000;
    let maxCols = 26;
    const L: FakeLayout = {
      frozenRows: 0,
      validations: new Map(),
      rules: [],
      protections: [],
      charts: [],
      header: new Map(),
      widths: new Map(),
    };
    layouts.set(sheet.name, L);
    const rec = (method: string, ...args: unknown[]) =>
      layoutCalls.push(`${sheet.name} ${method} ${JSON.stringify(args)}`);
    const range = (row: number, col: number, h: number, w: number) => {
      const self = {
        getValues: () => {
          const all = sheet.readAll();
          return Array.from({ length: h }, (_, r) =>
            Array.from({ length: w }, (_, c) => toScript(all[row - 1 + r]?.[col - 1 + c] ?? '')),
          );
        },
        createFilter: () => {
          const filter = fakeFilter(row, col, h, w, () => filters.delete(sheet.name));
          filters.set(sheet.name, filter);
          return filter;
        },
        setValues: (values: unknown[][]) => sheet.writeBlock(row, col, values.map((r) => r.map(toHost)) as never),
        setNumberFormats: (formats: string[][]) => sheet.setFormats(row, col, formats),
        // notes as Sheets holds them, whole: the adapter merges its own part in
        getNotes: () => {
          rec('getNotes', row, col, h, w);
          return Array.from({ length: h }, (_, r) =>
            Array.from({ length: w }, (_, c) => sheet.noteAt(row + r, col + c)),
          );
        },
        setNotes: (notes: string[][]) => {
          rec('setNotes', row, col, h, w);
          for (const [r, line] of notes.entries())
            for (const [c, n] of line.entries()) sheet.putNote(row + r, col + c, n);
          return self;
        },
        getA1Notation: () => `R${row}C${col}:R${row + h - 1}C${col + w - 1}`,
        grid: { row, col, h, w },
        setBackground: (c: string) => {
          rec('setBackground', row, col, w, c);
          forCols(col, w, (k) => {
            headerStyle(k).background = c;
          });
          return self;
        },
        setFontColor: (c: string) => {
          rec('setFontColor', row, col, w, c);
          return self;
        },
        setFontWeight: (x: string) => {
          rec('setFontWeight', row, col, w, x);
          forCols(col, w, (k) => {
            headerStyle(k).bold = x === 'bold';
          });
          return self;
        },
        setDataValidation: (rule: FakeValidation | null) => {
          rec('setDataValidation', col, h);
          if (rule) L.validations.set(col, rule);
          else L.validations.delete(col);
          return self;
        },
        protect: () => {
          rec('protect', col, w);
          const p = { description: '', warningOnly: false, first: col, last: col + w - 1 };
          L.protections.push(p);
          const api = {
            setDescription: (d: string) => {
              p.description = d;
              rec('setDescription', d);
              return api;
            },
            setWarningOnly: (b: boolean) => {
              p.warningOnly = b;
              rec('setWarningOnly', b);
              return api;
            },
            getDescription: () => p.description,
            remove: () => removeProtection(p),
          };
          return api;
        },
      };
      return self;
    };
    const forCols = (col: number, w: number, f: (c: number) => void) => {
      for (let c = col; c < col + w; c++) f(c);
    };
    /** the header style the layout gave column c, made empty on first use */
    const headerStyle = (c: number) => {
      const style = L.header.get(c) ?? {};
      L.header.set(c, style);
      return style;
    };
    const removeProtection = (p: FakeLayout['protections'][number]) => {
      rec('remove');
      L.protections.splice(L.protections.indexOf(p), 1);
    };
    return {
      getName: () => sheet.name,
      activate: () => undefined,
      getDataRange: () => ({
        getValues: () => {
          const v = sheet.readAll().map((row) => row.map(toScript));
          return v.length === 0 ? [['']] : v;
        },
        createFilter: () => {
          const all = sheet.readAll();
          return range(1, 1, Math.max(1, all.length), Math.max(1, all[0]?.length ?? 1)).createFilter();
        },
      }),
      getLastRow: () => sheet.readAll().length,
      getLastColumn: () => sheet.readAll()[0]?.length ?? 0,
      getFilter: () => filters.get(sheet.name) ?? null,
      getRange: (row: number, col: number, h: number, w: number) => {
        if (row + h - 1 > maxRows || col + w - 1 > maxCols)
          throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
        return range(row, col, h, w);
      },
      getMaxRows: () => maxRows,
      getMaxColumns: () => maxCols,
      insertRowsAfter: (_after: number, n: number) => {
        maxRows += n;
      },
      insertColumnsAfter: (_after: number, n: number) => {
        maxCols += n;
      },
      setFrozenRows: (n: number) => {
        rec('setFrozenRows', n);
        L.frozenRows = n;
      },
      setColumnWidths: (first: number, count: number, px: number) => {
        rec('setColumnWidths', first, count, px);
        forCols(first, count, (c) => L.widths.set(c, px));
      },
      getConditionalFormatRules: () => {
        rec('getConditionalFormatRules');
        return [...L.rules];
      },
      setConditionalFormatRules: (rules: FakeRule[]) => {
        rec('setConditionalFormatRules', rules.length);
        L.rules = [...rules];
      },
      getProtections: (type: string) => {
        rec('getProtections', type);
        return L.protections.map((p) => ({ getDescription: () => p.description, remove: () => removeProtection(p) }));
      },
      getCharts: () => {
        rec('getCharts');
        return L.charts.map((c) => ({ getRanges: () => [{ getA1Notation: () => c.a1 }], chart: c }));
      },
      removeChart: (c: { chart: FakeChart }) => {
        rec('removeChart');
        L.charts.splice(L.charts.indexOf(c.chart), 1);
      },
      insertChart: (c: FakeChart) => {
        rec('insertChart', c.kind, c.a1);
        L.charts.push(c);
      },
      newChart: () => chartBuilder(),
    };
  };
  /** The basic filter of each sheet: its range and the custom-formula criteria per column. */
  const filters = new Map<string, FakeFilter>();
  const fakeFilter = (row: number, col: number, h: number, w: number, remove: () => void): FakeFilter => {
    const criteria = new Map<number, { formula: string }>();
    return {
      criteria,
      range: { row, col, h, w },
      getRange: () => ({
        getRow: () => row,
        getColumn: () => col,
        getNumColumns: () => w,
        getLastRow: () => row + h - 1,
      }),
      getColumnFilterCriteria: (c: number) => criteria.get(c) ?? null,
      removeColumnFilterCriteria: (c: number) => void criteria.delete(c),
      setColumnFilterCriteria: (c: number, x: { formula: string }) => void criteria.set(c, x),
      remove,
    };
  };
  let promptAnswer = '';
  const chartBuilder = () => {
    const c: FakeChart = { kind: '', a1: '', anchor: [0, 0], options: {} };
    return builder(
      {
        asColumnChart: () => (c.kind = 'column'),
        asLineChart: () => (c.kind = 'line'),
        addRange: (r: { getA1Notation(): string }) => (c.a1 = r.getA1Notation()),
        setPosition: (row: number, col: number) => (c.anchor = [row, col]),
        setOption: (k: string, v: unknown) => (c.options[k] = v),
      },
      () => c,
    );
  };
  const validationBuilder = () => {
    const v: FakeValidation = { kind: '', values: [], allowInvalid: true, help: '' };
    return builder(
      {
        requireValueInList: (values: string[]) => Object.assign(v, { kind: 'list', values: [...values] }),
        requireDate: () => (v.kind = 'date'),
        requireCheckbox: () => (v.kind = 'checkbox'),
        setAllowInvalid: (x: boolean) => (v.allowInvalid = x),
        setHelpText: (t: string) => (v.help = t),
      },
      () => v,
    );
  };
  const ruleBuilder = () => {
    const r: FakeRule = {
      formula: '',
      ranges: [],
      style: {},
      getBooleanCondition: () => ({ getCriteriaValues: () => [r.formula] }),
    };
    return builder(
      {
        whenFormulaSatisfied: (f: string) => (r.formula = f),
        setRanges: (ranges: { grid: FakeRule['ranges'][number] }[]) => (r.ranges = ranges.map((x) => x.grid)),
        setBackground: (c: string) => (r.style.background = c),
        setFontColor: (c: string) => (r.style.fontColor = c),
        setBold: (x: boolean) => (r.style.bold = x),
      },
      () => r,
    );
  };
  const sheets = new Map<string, ReturnType<typeof sheetApi>>();
  const wrap = (s: MemorySheet | null) => {
    if (!s) return null;
    if (!sheets.has(s.name)) sheets.set(s.name, sheetApi(s));
    return sheets.get(s.name)!;
  };

  const signed = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
  const answer = (
    url: string,
    p: { method?: string; headers?: Record<string, string>; contentType?: string; payload?: string },
  ) => {
    fetched.push(url);
    // a chat room's incoming webhook: what it was sent is kept for the test
    if (url.startsWith('https://chat.googleapis.com/')) {
      webhooks.push({ url, payload: String(p.payload ?? '') });
      return { getResponseCode: () => 200, getContentText: () => '{}', getAllHeaders: () => ({}) };
    }
    const res = sandbox.handle(
      toSandboxRequest({
        url,
        method: (p.method ?? 'get') as 'get' | 'post',
        headers: p.headers,
        contentType: p.contentType,
        body: p.payload,
      }),
    );
    return {
      getResponseCode: () => res.status,
      getContentText: () => res.body,
      getAllHeaders: () => res.headers ?? {},
    };
  };

  const globals = {
    SpreadsheetApp: {
      newFilterCriteria: () => {
        const c = { formula: '' };
        return builder({ whenFormulaSatisfied: (f: string) => (c.formula = f) }, () => ({ ...c }));
      },
      newDataValidation: validationBuilder,
      newConditionalFormatRule: ruleBuilder,
      ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
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
        getSpreadsheetLocale: () => book.spreadsheetLocale ?? 'ja_JP',
        getUrl: () => 'https://docs.google.com/spreadsheets/d/fake-sheet/edit',
        insertSheet: (name: string) => wrap(book.insertSheet(name)),
        toast: (msg: string) => void toasts.push(msg),
      }),
      getUi: () => ({
        alert: (...args: unknown[]) =>
          void alerts.push(args.filter((a) => typeof a === 'string' && !/^[A-Z_]+$/.test(a)).join('\n')),
        ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' },
        Button: { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' },
        prompt: () => ({ getSelectedButton: () => 'OK', getResponseText: () => promptAnswer }),
        showSidebar: () => undefined,
        showModalDialog: () => undefined,
        createMenu: () => ({
          addItem() {
            return this;
          },
          addSeparator() {
            return this;
          },
          addSubMenu() {
            return this;
          },
          addToUi: () => undefined,
        }),
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
        tryLock: () => {
          if (locked) return false;
          locked = true;
          return true;
        },
        releaseLock: () => {
          locked = false;
        },
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
        return signed(
          createHmac('sha256', Buffer.from(fix(key), 'utf8'))
            .update(fix(value), 'utf8')
            .digest(),
        );
      },
      sleep: (ms: number) => void Atomics.wait(sleepCell, 0, 0, ms),
      // HTML → PDF, Shift-JIS / UTF-8 blobs, base64 and CSV as Apps Script has them (fake-blob.ts)
      ...fakeBlobUtilities((html, name) => void converted.push({ html, name })),
    },
    ScriptApp: {
      getProjectTriggers: () => [],
      deleteTrigger: () => undefined,
      newTrigger: () => ({
        timeBased: () => ({
          after: () => ({ create: () => undefined }),
          everyMinutes: () => ({ create: () => undefined }),
          everyHours: () => ({ create: () => undefined }),
        }),
      }),
    },
    HtmlService: {
      createHtmlOutputFromFile: () => ({
        setTitle() {
          return this;
        },
        setWidth() {
          return this;
        },
        setHeight() {
          return this;
        },
      }),
    },
    Session: { getActiveUserLocale: () => 'ja', getEffectiveUser: () => ({ getEmail: () => 'owner@example.com' }) },
    MailApp: {
      sendEmail: (m: { to: string; subject: string; body: string }) =>
        void mails.push({ to: m.to, subject: m.subject, body: m.body }),
    },
    console: { log: () => undefined, warn: () => undefined, error: () => undefined },
  };
  /** Call with the vm context's own Date once the context exists. */
  const useScriptDate = (ctor: DateConstructor) => {
    ScriptDate = ctor;
  };
  /** What the seller types into the next prompt (ui.prompt). */
  const answerPrompt = (text: string) => {
    promptAnswer = text;
  };
  return {
    globals,
    book,
    props,
    alerts,
    toasts,
    fetched,
    mails,
    webhooks,
    converted,
    selection,
    useScriptDate,
    layoutCalls,
    layouts,
    filters,
    answerPrompt,
  };
}

export interface FakeValidation {
  kind: string;
  values: string[];
  allowInvalid: boolean;
  help: string;
}
export interface FakeRule {
  formula: string;
  ranges: { row: number; col: number; h: number; w: number }[];
  style: { background?: string; fontColor?: string; bold?: boolean };
  getBooleanCondition(): { getCriteriaValues(): unknown[] };
}
export interface FakeChart {
  kind: string;
  a1: string;
  anchor: [number, number];
  options: Record<string, unknown>;
}
/** What a fake sheet holds after the layout calls it received. */
export interface FakeLayout {
  frozenRows: number;
  validations: Map<number, FakeValidation>;
  rules: FakeRule[];
  protections: { description: string; warningOnly: boolean; first: number; last: number }[];
  charts: FakeChart[];
  header: Map<number, { background?: string; bold?: boolean }>;
  widths: Map<number, number>;
}

/** A sheet's basic filter as the fake keeps it. */
export interface FakeFilter {
  criteria: Map<number, { formula: string }>;
  range: { row: number; col: number; h: number; w: number };
  getRange(): { getRow(): number; getColumn(): number; getNumColumns(): number; getLastRow(): number };
  getColumnFilterCriteria(c: number): { formula: string } | null;
  removeColumnFilterCriteria(c: number): void;
  setColumnFilterCriteria(c: number, x: { formula: string }): void;
  remove(): void;
}
