import fs from 'node:fs';
import path from 'node:path';
import { type EngineEnv, type RunReport, runLabelExport, runLabelImport } from '../engine';
import { LABEL_FORMATS, type LabelFormat, LabelFormatSchema, type Settings } from '../engine/settings/schema';
import { writeFileAtomic } from './atomic-file';
import { type T, UsageError } from './command-io';
import { labelCsvBytes, readIssuedFile } from './label-file';

/** cli.ts's lock → load → run → save, handed in (cli.ts imports this module). */
type WithWorkbook = (
  file: string,
  settings: Settings,
  opts: { save: boolean; verbose: boolean },
  run: (env: EngineEnv) => RunReport,
) => Promise<number>;

/**
 * `mallsheet labels export|import` (docs/contract.md §5). Export writes the label file first and the workbook
 * (with its 送り状キー) after it; import reads the file before the workbook is touched, and a file not of
 * the format is exit 2 with the workbook byte-identical.
 */

export interface LabelsArgs {
  action: string | undefined;
  format: string | undefined;
  out: string | undefined;
  in: string | undefined;
  shop: string | undefined;
  reissue: boolean;
  limit: string | undefined;
  verbose: boolean;
}

export async function labelsCommand(
  workbook: string,
  settings: Settings,
  args: LabelsArgs,
  t: T,
  withWorkbook: WithWorkbook,
): Promise<number> {
  const format = formatOf(args.format, t);
  if (args.action === 'export') {
    const out = args.out;
    if (!out) throw new UsageError([t('cli.args.invalid', { detail: '--out FILE is required' })]);
    const limit = args.limit === undefined ? undefined : Number(args.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
      throw new UsageError([t('cli.args.invalid', { detail: `--limit ${args.limit}` })]);
    return withWorkbook(workbook, settings, { save: true, verbose: args.verbose }, (env) => {
      const report = runLabelExport(env, { format, shop: args.shop, reissue: args.reissue, limit });
      if (report.file) {
        // the file before the workbook: keys in the sheet always have a file that carries them
        writeFileAtomic(path.resolve(out), labelCsvBytes(report.file.rows));
        report.preview.push(t('cli.labels.wrote', { file: out, count: report.shipments }));
      }
      return report;
    });
  }
  if (args.action === 'import') {
    const file = args.in;
    if (!file) throw new UsageError([t('cli.args.invalid', { detail: '--in FILE is required' })]);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new UsageError([t('cli.labels.unreadable', { file, detail: (e as Error).message })]);
    }
    const table = readIssuedFile(bytes);
    return withWorkbook(workbook, settings, { save: true, verbose: args.verbose }, (env) => {
      const report = runLabelImport(env, { format, table });
      const [summary, ...problems] = report.lines;
      if (summary) report.preview.push(summary);
      for (const p of problems) process.stderr.write(`${p}\n`);
      if (report.exitCode === 2) report.errors = report.errors.map((e) => `${file}: ${e}`);
      return report;
    });
  }
  throw new UsageError([t('cli.args.invalid', { detail: 'labels export | labels import' })]);
}

function formatOf(v: string | undefined, t: T): LabelFormat {
  const parsed = LabelFormatSchema.safeParse(v);
  if (!parsed.success) throw new UsageError([t('cli.args.invalid', { detail: `--format ${LABEL_FORMATS.join('|')}` })]);
  return parsed.data;
}
