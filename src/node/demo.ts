import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  type EngineEnv,
  type RunReport,
  runExport,
  runFetch,
  runLabelExport,
  runLabelImport,
  runSlips,
  type ShopReport,
} from '../engine';
import { ORDERS_SHEET_NAMES } from '../engine/orders/columns';
import { discoverHeaders } from '../engine/orders/headers';
import { findHeaderRow } from '../engine/orders/table';
import { parseSettings } from '../engine/settings/parse';
import type { Locale, Settings } from '../engine/settings/schema';
import { formatDate } from '../engine/text/dates';
import { type MessageKey, translate } from '../i18n';
import { CONNECTORS } from '../malls';
import type { CellValue, SpreadsheetPort } from '../ports';
import { issueB2 } from '../sandbox/b2-issuer';
import { demoSettings } from '../sandbox/demo-config';
import { writeFileAtomic } from './atomic-file';
import { cliEnv } from './cli-env';
import { openWorkbook, printReport, UsageError } from './command-io';
import { writeConfigView } from './config-view';
import { labelCsvBytes, readIssuedFile } from './label-file';
import { chromiumPath, renderPdfSync } from './pdf';

/** rows a seller leaves alone: cancelled or on hold (管理ステータス, either locale) */
const NOT_SHIPPING = new Set(['キャンセル', 'Cancelled', '保留', 'On hold']);

/**
 * `mallsheet demo`: the sandbox malls in a child process, the demo settings, a fetch into the workbook,
 * tracking numbers typed in as a seller would, an export, and a summary.
 */
export async function runDemo(opts: {
  workbook?: string;
  force: boolean;
  verbose: boolean;
  cliPath: string;
}): Promise<number> {
  const file = path.resolve(opts.workbook ?? path.join('demo', 'orders.xlsx'));
  const child = spawn(process.execPath, [opts.cliPath, 'sandbox', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const baseUrl = await firstUrl(child);
    const settings: Settings = parseSettings(demoSettings(baseUrl), CONNECTORS);
    const t = (k: MessageKey, p?: Record<string, string | number>) => translate(settings.locale, k, p);
    const session = await openWorkbook(file, t, { save: true, timeZone: settings.timezone });
    if (typeof session === 'number') return session;
    const { book, props, lock } = session;
    const demoShops = new Set(settings.shops.map((s) => s.name));
    // the demo types fake tracking numbers, which a later real export would send: a seller's own shops are off limits
    const others = shopsIn(book).filter((s) => !demoShops.has(s));
    if (others.length > 0 && !opts.force) {
      lock.release();
      throw new UsageError([t('cli.demo.otherShops', { file, shops: others.join(', ') })]);
    }
    const env = cliEnv(book, props, settings, { verbose: opts.verbose });
    try {
      const fetched = runFetch(env, { trigger: 'manual' });
      printReport(fetched, settings.locale);
      // the seller's day (docs/shipping-labels.md §1): 納品書 and picking list, labels, issued data, export
      const slips = printSlips(env, path.join(path.dirname(file), 'slips.pdf'), t);
      const filled = labelRoundTrip(env, settings.locale, [...demoShops], path.dirname(file), t);
      process.stdout.write(`${filled > 0 ? t('cli.demo.filled', { count: filled }) : t('cli.demo.noRows')}\n`);
      const exported = runExport(env, { trigger: 'manual' });
      printReport(exported, settings.locale);
      writeConfigView(book, settings, props, CONNECTORS, env.clock.now());
      await book.save(file);
      props.save();
      process.stdout.write(`\n${summaryTable(fetched, exported, t)}\n\n${t('cli.saved', { file })}\n`);
      if (slips.line) process.stdout.write(`${slips.line}\n`);
      return Math.max(fetched.exitCode, exported.exitCode, slips.exitCode);
    } finally {
      await env.http.close();
      lock.release();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * The open rows (no tracking number yet) as 納品書 and a picking list, next to the workbook. Without Chromium the demo says so and goes on: the PDF is the one step that needs it.
 */
function printSlips(
  env: Parameters<typeof runSlips>[0],
  out: string,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
) {
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) return { exitCode: 0, line: t('cli.demo.noChromium', { path: exe }) };
  const report = runSlips(env, { trigger: 'manual', render: (html) => renderPdfSync(html, out) });
  if (report.exitCode !== 0) printReport(report, env.loadSettings().locale);
  const shipments = report.document?.shipments.length ?? 0;
  return {
    exitCode: report.exitCode,
    line: report.exitCode === 0 ? t('cli.demo.slips', { file: out, shipments }) : '',
  };
}

/** The sandbox child prints its URL on its first stdout line. */
function firstUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('utf8');
      const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(buf);
      if (m) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(m[0]);
      } else if (buf.includes('\n')) reject(new Error(`sandbox: unexpected first line: ${buf.trim()}`));
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sandbox exited with code ${code}`)));
    child.once('error', reject);
  });
}

/** The header row as the engine finds it, or null when the engine would refuse the sheet (it says why). */
function headerRowOf(rows: CellValue[][]): number | null {
  if (rows.length === 0) return null;
  try {
    return findHeaderRow(rows, 'ja');
  } catch {
    return null;
  }
}

/** The shop names found in 受注一覧 (by header text), each once. */
export function shopsIn(book: SpreadsheetPort): string[] {
  const sheet = book.getSheet(ORDERS_SHEET_NAMES.ja) ?? book.getSheet(ORDERS_SHEET_NAMES.en);
  const rows = sheet?.readAll() ?? [];
  const h = headerRowOf(rows);
  const col = h === null ? undefined : discoverHeaders(rows[h]).at.shop;
  if (h === null || col === undefined) return [];
  return [...new Set(rows.slice(h + 1).map((r) => String(r[col] ?? '').trim()))].filter((s) => s !== '');
}

/**
 * The seller's day through B2クラウド (docs/shipping-labels.md §1): a label CSV of the open orders, the
 * issued data a (simulated) B2クラウド gives back with 12-digit numbers, and its import — both files stay
 * beside the workbook. Returns the rows that got a tracking number.
 */
function labelRoundTrip(
  env: EngineEnv,
  locale: Locale,
  shops: string[],
  dir: string,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
): number {
  // shop by shop: the demo's fake numbers never reach a seller's own shops in the same workbook
  const rows: string[][] = [];
  for (const shop of shops) {
    const labels = runLabelExport(env, { format: 'b2', shop });
    printReport(labels, locale);
    if (labels.file) rows.push(...(rows.length > 0 ? labels.file.rows.slice(1) : labels.file.rows));
  }
  if (rows.length === 0) return 0;
  const labelFile = path.join(dir, 'labels-b2.csv');
  writeFileAtomic(labelFile, labelCsvBytes(rows));
  const issuedFile = path.join(dir, 'b2-issued.csv');
  writeFileAtomic(issuedFile, labelCsvBytes(issueB2(rows, Math.floor(env.clock.now() / 1000))));
  process.stdout.write(`${t('cli.demo.labels', { labels: labelFile, issued: issuedFile })}\n`);
  const imported = runLabelImport(env, { format: 'b2', table: readIssuedFile(fs.readFileSync(issuedFile)) });
  for (const line of imported.lines) process.stdout.write(`${line}\n`);
  return imported.plan?.fills.length ?? 0;
}

/**
 * What a seller does between fetch and export: on every other shipment still open (an order, or a 同梱
 * group), the same tracking number and today's date on each of its rows, found by header text
 * (docs/contract.md §2) through the same SheetPort. Only rows of `shops` (when given) are touched.
 */
export function fillTrackingAsSeller(
  book: SpreadsheetPort,
  timeZone: string,
  now: number,
  shops?: ReadonlySet<string>,
): number {
  const sheet = book.getSheet(ORDERS_SHEET_NAMES.ja) ?? book.getSheet(ORDERS_SHEET_NAMES.en);
  if (!sheet) return 0;
  const rows = sheet.readAll();
  const h = headerRowOf(rows);
  if (h === null || rows.length < h + 2) return 0;
  const { at } = discoverHeaders(rows[h]);
  const { shop, orderId, tracking, shippedOn, status, combined } = at;
  if (shop === undefined || orderId === undefined || tracking === undefined || shippedOn === undefined) return 0;
  const orders = new Map<string, number[]>();
  rows.slice(h + 1).forEach((row, i) => {
    if (shops && !shops.has(String(row[shop]).trim())) return;
    if (String(row[tracking]) !== '' || (status !== undefined && NOT_SHIPPING.has(String(row[status])))) return;
    // one number per shipment: an order, or a 同梱 group (docs/contract.md §3 Combined shipments)
    const group = combined === undefined ? '' : String(row[combined] ?? '').trim();
    const key = group !== '' ? `${row[shop]}\u0000g\u0000${group}` : `${row[shop]}\u0000${row[orderId]}`;
    orders.set(key, [...(orders.get(key) ?? []), i + h + 2]);
  });
  const today = formatDate(now, timeZone);
  let filled = 0;
  [...orders.values()].forEach((sheetRows, n) => {
    if (n % 2 === 1) return;
    const number = String(400000000000 + n * 7919);
    for (const r of sheetRows) {
      sheet.writeBlock(r, tracking + 1, [[number]]);
      sheet.writeBlock(r, shippedOn + 1, [[today]]);
      filled++;
    }
  });
  return filled;
}

/** fetched / new / exported / failed per shop. */
export function summaryTable(fetched: RunReport, exported: RunReport, t: (k: MessageKey) => string): string {
  const byShop = new Map<string, { f?: ShopReport; e?: ShopReport }>();
  for (const s of fetched.shops) byShop.set(s.shop, { ...byShop.get(s.shop), f: s });
  for (const s of exported.shops) byShop.set(s.shop, { ...byShop.get(s.shop), e: s });
  const header = t('cli.summary.header').split(' | ');
  const body = [...byShop.entries()].map(([name, { f, e }]) => [
    name,
    String(f?.fetched ?? 0),
    String(f?.new ?? 0),
    String(e?.exported ?? 0),
    String((f?.failed ?? 0) + (e?.failed ?? 0)),
  ]);
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((r) => displayWidth(r[c]))));
  return table
    .map((r) =>
      r
        .map((cell, c) => cell + ' '.repeat(widths[c] - displayWidth(cell)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Full-width characters take two columns in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}
