import fs from 'node:fs';
import path from 'node:path';
import type { RunReport } from '../engine';
import { shopCounts } from '../engine/report-text';
import type { Locale } from '../engine/settings/schema';
import { type MessageKey, translate } from '../i18n';
import { isReadOnlyFile, removeStaleTemps } from './atomic-file';
import { FileLock, FileProperties } from './node-ports';
import { XlsxWorkbook } from './workbook';

/** What the CLI commands share: refusals (exit 2), the locked workbook session, report printing. */

export type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** A refusal before anything was fetched, sent or written: exit 2 with readable lines. */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/**
 * The locked, loaded workbook and its properties, or an exit status when that is impossible. Everything that
 * would make the save fail or lose the seller's content is refused here, before anything is fetched or sent:
 * a read-only folder or file, a damaged props file, parts the xlsx library cannot write back (`save`).
 */
export async function openWorkbook(
  file: string,
  t: T,
  opts: { save: boolean; timeZone: string },
): Promise<{ book: XlsxWorkbook; props: FileProperties; lock: FileLock } | number> {
  const dir = path.dirname(file);
  const propsFile = `${file}.props.json`;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError([
      t('cli.folder.unusable', { dir, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }),
    ]);
  }
  if (isReadOnlyFile(dir)) throw new UsageError([t('cli.folder.readOnly', { dir })]);
  if (opts.save) {
    for (const f of [file, propsFile])
      if (isReadOnlyFile(f)) throw new UsageError([t('cli.file.readOnly', { file: f })]);
  }
  const lock = new FileLock(`${file}.lock`);
  if (!lock.tryLock(0)) {
    const holder = lock.holder();
    const lockFile = lock.file;
    process.stderr.write(
      `${holder ? t('cli.busy', { file, lock: holder, lockFile }) : t('cli.lock.damaged', { lockFile })}\n`,
    );
    return 1;
  }
  try {
    // under the lock no other save of this workbook is under way: temp files of one are left from a kill
    for (const f of [file, propsFile]) removeStaleTemps(f);
    let book: XlsxWorkbook;
    try {
      book = await XlsxWorkbook.open(file, opts.timeZone);
    } catch (e) {
      throw new UsageError([t('cli.workbook.invalid', { file, detail: (e as Error).message })]);
    }
    let props: FileProperties;
    try {
      props = FileProperties.load(propsFile);
    } catch (e) {
      throw new UsageError([t('cli.props.invalid', { file: propsFile, detail: (e as Error).message })]);
    }
    if (opts.save) {
      const lost = await book.unkeptContent();
      if (lost.length > 0) {
        const parts = lost.map((l) => `${t(`cli.workbook.part.${l.kind}` as const)} (${l.count})`).join(', ');
        throw new UsageError([t('cli.workbook.wouldLose', { file, parts })]);
      }
    }
    return { book, props, lock };
  } catch (e) {
    lock.release();
    throw e;
  }
}

export function printReport(report: RunReport, locale: Locale): void {
  if (report.busy) process.stderr.write(`${translate(locale, 'engine.busy')}\n`);
  for (const line of report.errors) process.stderr.write(`${line}\n`);
  for (const s of report.shops) {
    const counts = shopCounts(locale, s);
    (s.ok ? process.stdout : process.stderr).write(s.message ? `${counts}\n  ${s.message}\n` : `${counts}\n`);
  }
  for (const line of report.preview) process.stdout.write(`${line}\n`);
}
