import fs from 'node:fs';
import path from 'node:path';
import type { RunReport } from '../engine';
import { translate, type MessageKey } from '../i18n';
import type { Locale } from '../engine/settings/schema';
import { shopCounts } from '../engine/report-text';
import { XlsxWorkbook } from './workbook';
import { FileLock, FileProperties } from './node-ports';

/** What the CLI commands share: refusals (exit 2), the locked workbook session, report printing. */

export type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** A refusal before anything was fetched, sent or written: exit 2 with readable lines. */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** The locked, loaded workbook and its properties, or an exit status when that is impossible. */
export async function openWorkbook(
  file: string,
  t: T,
): Promise<{ book: XlsxWorkbook; props: FileProperties; lock: FileLock } | number> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = new FileLock(`${file}.lock`);
  if (!lock.tryLock(0)) {
    process.stderr.write(t('cli.busy', { file, lock: lock.holder() }) + '\n');
    return 1;
  }
  try {
    return { book: await XlsxWorkbook.open(file), props: FileProperties.load(`${file}.props.json`), lock };
  } catch (e) {
    lock.release();
    throw new UsageError([t('cli.workbook.invalid', { file, detail: (e as Error).message })]);
  }
}

export function printReport(report: RunReport, locale: Locale): void {
  if (report.busy) process.stderr.write(translate(locale, 'engine.busy') + '\n');
  for (const line of report.errors) process.stderr.write(line + '\n');
  for (const s of report.shops) {
    const counts = shopCounts(locale, s);
    (s.ok ? process.stdout : process.stderr).write(s.message ? `${counts}\n  ${s.message}\n` : `${counts}\n`);
  }
  for (const line of report.preview) process.stdout.write(line + '\n');
}

