import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type EngineEnv, type RunReport, runCheck, runExport, runFetch, runSlips, type SlipsReport } from '../engine';
import { MemoryProperties } from '../engine/memory-ports';
import { checkText } from '../engine/report-text';
import { checkSettings, issueLine, settingsError } from '../engine/settings/parse';
import type { Locale, Settings } from '../engine/settings/schema';
import { MemorySpreadsheet } from '../engine/sheet/memory-sheet';
import { formatDate } from '../engine/text/dates';
import { parseDayRange } from '../engine/text/day-range';
import { type MessageKey, translate } from '../i18n';
import { CONNECTORS } from '../malls';
import type { PropertiesPort, SpreadsheetPort } from '../ports';
import { MAX_RANGE_DAYS, rangeProblems } from '../ui/shared/date-range';
import { cliEnv } from './cli-env';
import { openWorkbook, printReport, type T, UsageError } from './command-io';
import { writeConfigView } from './config-view';
import { runDemo } from './demo';
import { labelsCommand } from './labels-command';
import { FileProperties } from './node-ports';
import { chromiumPath, renderPdfSync } from './pdf';
import { serveSandbox } from './sandbox-server';
import { XlsxWorkbook } from './workbook';

/** `mallsheet` (docs/contract.md §5). Exit status: 0 all done, 1 some shops or rows failed, 2 invalid input (nothing done). */

const OPTIONS = {
  config: { type: 'string' },
  workbook: { type: 'string' },
  shop: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  port: { type: 'string' },
  verbose: { type: 'boolean' },
  format: { type: 'string' },
  in: { type: 'string' },
  reissue: { type: 'boolean' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options each command accepts (anything else is an argument error). */
const ACCEPTS: Record<string, readonly string[]> = {
  demo: ['workbook', 'force', 'verbose'],
  fetch: ['config', 'workbook', 'shop', 'from', 'to', 'verbose'],
  export: ['config', 'workbook', 'shop', 'dry-run', 'verbose'],
  check: ['config', 'workbook', 'shop', 'verbose'],
  sandbox: ['port'],
  labels: ['config', 'workbook', 'shop', 'format', 'out', 'in', 'reissue', 'limit', 'verbose'],
  slips: ['config', 'workbook', 'shop', 'out', 'verbose'],
};

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Language of the CLI's own lines before settings are known. */
export function envLocale(): Locale {
  return /^ja/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'ja' : 'en';
}

/** The command line read against OPTIONS; one it cannot read is a usage error. */
function readCommandLine(argv: string[], t: T): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (e) {
    throw new UsageError([t('cli.args.invalid', { detail: (e as Error).message })]);
  }
}

export async function main(argv: string[]): Promise<number> {
  let L = envLocale();
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(L, k, p);
  try {
    const { values, positionals: words } = readCommandLine(argv, t);
    const [command, ...positionals] = words;
    // `labels export` / `labels import`: the one command with a sub-command
    const sub = command === 'labels' ? positionals[0] : undefined;
    const extra = command === 'labels' ? positionals.slice(1) : positionals;
    if (values.help || command === undefined || command === 'help') {
      process.stdout.write(`${t('cli.help')}\n`);
      return values.help || command === 'help' ? 0 : 2;
    }
    const accepts = ACCEPTS[command];
    if (!accepts) throw new UsageError([t('cli.args.invalid', { detail: `unknown command "${command}"` })]);
    if (extra.length) throw new UsageError([t('cli.args.invalid', { detail: `unexpected "${extra.join(' ')}"` })]);
    const wrong = Object.keys(values).filter((k) => !accepts.includes(k));
    if (wrong.length)
      throw new UsageError([t('cli.args.invalid', { detail: `${command} does not take --${wrong.join(', --')}` })]);

    if (command === 'sandbox') return await sandboxCommand(values, t);
    if (command === 'demo')
      return await runDemo({
        workbook: values.workbook,
        force: !!values.force,
        verbose: !!values.verbose,
        cliPath: __filename,
      });

    const settings = loadConfig(need(values, 'config', t), t);
    L = settings.locale;
    if (values.shop !== undefined && !settings.shops.some((s) => s.name === values.shop)) {
      throw new UsageError([
        t('cli.args.invalid', { detail: `--shop "${values.shop}" is not a shop in ${values.config}` }),
      ]);
    }
    const verbose = !!values.verbose;
    if (command === 'check') return await checkCommand(settings, values, verbose, t);
    const workbook = path.resolve(need(values, 'workbook', t));
    if (command === 'labels') {
      const args = {
        action: sub,
        format: values.format,
        out: values.out,
        in: values.in,
        shop: values.shop,
        reissue: !!values.reissue,
        limit: values.limit,
        verbose,
      };
      return await labelsCommand(workbook, settings, args, t, withWorkbook);
    }
    if (command === 'fetch') {
      const range = rangeOf(values, settings.timezone, t);
      return await withWorkbook(workbook, settings, { save: true, verbose }, (env) =>
        runFetch(env, { trigger: 'manual', shop: values.shop, range }),
      );
    }
    if (command === 'slips') return await slipsCommand(workbook, settings, values, verbose, t);
    const dryRun = !!values['dry-run'];
    return await withWorkbook(workbook, settings, { save: !dryRun, verbose }, (env) =>
      runExport(env, { trigger: 'manual', shop: values.shop, dryRun }),
    );
  } catch (e) {
    if (e instanceof UsageError) {
      for (const line of e.lines) process.stderr.write(`${line}\n`);
      return 2;
    }
    // an unexpected failure: one readable line (the stack only on request), nothing saved
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.MALLSHEET_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

function need(values: Values, name: 'config' | 'workbook', t: T): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '')
    throw new UsageError([t('cli.args.invalid', { detail: `--${name} FILE is required` })]);
  return v;
}

/**
 * Reads and validates the JSON config (docs/contract.md §4); every problem is reported, each naming shop and
 * field; fields no schema knows are warned about (a typo would otherwise do nothing).
 */
export function loadConfig(file: string, t: T): Settings {
  let input: unknown;
  try {
    // Windows editors save UTF-8 with a byte order mark, which JSON.parse refuses
    input = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError([t('cli.config.unreadable', { file, detail: (e as Error).message })]);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const kind = Array.isArray(input) ? t('cli.config.kind.list') : input === null ? 'null' : typeof input;
    throw new UsageError([t('cli.config.notObject', { file, kind })]);
  }
  let checked: ReturnType<typeof checkSettings>;
  try {
    checked = checkSettings(input, CONNECTORS);
  } catch (e) {
    throw new UsageError([t('cli.config.unreadable', { file, detail: (e as Error).message })]);
  }
  const { settings, issues, warnings, locale } = checked;
  if (!settings) throw new UsageError([`${file}:`, ...settingsError(issues, locale).lines]);
  for (const w of warnings) process.stderr.write(`warning: ${file}: ${issueLine(w, locale)}\n`);
  return settings;
}

/** --from/--to by the date-range dialog's own rules (≤ 365 days, not in the future), then as the engine's range. */
function rangeOf(values: Values, timeZone: string, t: T): { from: number; to: number } | undefined {
  if (values.from === undefined && values.to === undefined) return undefined;
  if (values.from === undefined || values.to === undefined) {
    throw new UsageError([t('cli.args.invalid', { detail: '--from and --to go together' })]);
  }
  const problems = rangeProblems(values.from, values.to, formatDate(Date.now(), timeZone));
  if (problems.length > 0) {
    throw new UsageError(
      problems.map((p) =>
        t('cli.args.invalid', {
          detail: `--${p.field} ${values[p.field]}: ${t(`sidebar.range.${p.code}`, { days: MAX_RANGE_DAYS })}`,
        }),
      ),
    );
  }
  const r = parseDayRange(values.from, values.to, timeZone);
  if (!r.ok)
    throw new UsageError([
      t('cli.args.invalid', { detail: `--${r.field === 'order' ? 'from/--to' : r.field} ${r.value} (YYYY-MM-DD)` }),
    ]);
  return { from: r.from, to: r.to };
}

/**
 * Lock → load → run → save → unlock. The lock is taken before loading, so two commands on one workbook
 * never both work from the same old copy. Exit 2 and dry runs never save: the file stays byte-identical.
 */
export async function withWorkbook(
  file: string,
  settings: Settings,
  opts: { save: boolean; verbose: boolean },
  run: (env: EngineEnv) => RunReport,
): Promise<number> {
  const t: T = (k, p) => translate(settings.locale, k, p);
  const session = await openWorkbook(file, t, { save: opts.save, timeZone: settings.timezone });
  if (typeof session === 'number') return session;
  const { book, props, lock } = session;
  const env = cliEnv(book, props, settings, { verbose: opts.verbose });
  try {
    const report = run(env);
    if (report.exitCode !== 2 && opts.save) {
      // docs/contract.md §5: the workbook has every tab, 設定 included, as a view of the JSON config
      writeConfigView(book, settings, props, CONNECTORS, env.clock.now());
      await book.save(file);
      props.save();
    }
    printReport(report, settings.locale);
    if (!opts.save && report.exitCode !== 2) process.stdout.write(`${t('cli.dryRun.unchanged')}\n`);
    else if (report.exitCode !== 2) process.stdout.write(`${t('cli.saved', { file })}\n`);
    return report.exitCode;
  } finally {
    await env.http.close();
    lock.release();
  }
}

/**
 * 納品書 and picking list as one PDF (docs/contract.md §5). Chromium is looked for before the workbook is
 * opened: without it nothing is read or written (exit 2). The Log row and any status change are saved
 * with the workbook after the PDF is in place.
 */
async function slipsCommand(
  workbook: string,
  settings: Settings,
  values: Values,
  verbose: boolean,
  t: T,
): Promise<number> {
  const out = values.out;
  if (typeof out !== 'string' || !/\.pdf$/i.test(out)) throw new UsageError([t('cli.slips.out')]);
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) throw new UsageError([t('cli.slips.noChromium', { path: exe })]);
  const file = path.resolve(out);
  let report: SlipsReport | null = null;
  const code = await withWorkbook(workbook, settings, { save: true, verbose }, (env) => {
    report = runSlips(env, { trigger: 'manual', shop: values.shop, render: (html) => renderPdfSync(html, file) });
    return report;
  });
  const done = report as SlipsReport | null;
  if (done && done.exitCode === 0) {
    const shipments = done.document?.shipments.length ?? 0;
    process.stdout.write(`${shipments > 0 ? t('cli.slips.written', { file, shipments }) : t('cli.slips.none')}\n`);
  }
  return code;
}

/**
 * Connection and credential health. With --workbook, its state (last fetch, tokens) is read too, and
 * nothing is saved; without it an in-memory book and store stand in.
 */
async function checkCommand(settings: Settings, values: Values, verbose: boolean, t: T): Promise<number> {
  let book: SpreadsheetPort = new MemorySpreadsheet(settings.timezone);
  let props: PropertiesPort = new MemoryProperties();
  if (values.workbook !== undefined) {
    const file = path.resolve(values.workbook);
    try {
      book = await XlsxWorkbook.open(file, settings.timezone);
      props = FileProperties.load(`${file}.props.json`);
    } catch (e) {
      throw new UsageError([t('cli.workbook.invalid', { file, detail: (e as Error).message })]);
    }
  }
  const env = cliEnv(book, props, settings, { verbose });
  try {
    const report = runCheck(env, { shop: values.shop });
    for (const line of report.errors) process.stderr.write(`${line}\n`);
    for (const line of checkText(report)) process.stdout.write(`${line}\n`);
    if (report.shops.length === 0 && report.exitCode !== 2) process.stdout.write(`${t('ui.report.none')}\n`);
    return report.exitCode;
  } finally {
    await env.http.close();
  }
}

async function sandboxCommand(values: Values, t: T): Promise<number> {
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError([t('cli.args.invalid', { detail: `--port ${values.port}` })]);
  }
  let server: Server;
  try {
    server = await serveSandbox(port);
  } catch (e) {
    process.stderr.write(`${t('cli.sandbox.failed', { detail: (e as Error).message })}\n`);
    return 1;
  }
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  // the first stdout line carries the URL: `demo` and the tests read the chosen port from it
  process.stdout.write(`${t('cli.sandbox.listening', { url })}\n`);
  return new Promise((resolve) => {
    const stop = () => server.close(() => resolve(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

/** Runs the CLI as the process's command (bin/mallsheet.js and `node dist-node/cli.js`). */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) run();
