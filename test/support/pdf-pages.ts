import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * A PDF as a reader sees it, through Debian's poppler (pdftoppm, pdftotext, pdfinfo): its page count,
 * each page's text, and how much of each page is ink (grey raster, PGM) — a blank page has none.
 */
export interface PdfPage {
  text: string;
  /** share of pixels darker than light grey, 0..1 */
  ink: number;
}

export function pdfPages(file: string, opts: { dpi?: number; pngDir?: string } = {}): PdfPage[] {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-pages-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', String(opts.dpi ?? 30), file, path.join(dir, 'p')]);
    if (opts.pngDir) {
      fs.mkdirSync(opts.pngDir, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '80', file, path.join(opts.pngDir, 'page')]);
    }
    const rasters = fs.readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
    if (rasters.length !== count) throw new Error(`pdfinfo says ${count} pages, pdftoppm made ${rasters.length}`);
    return rasters.map((f, i) => ({
      text: execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
      ink: inkOf(fs.readFileSync(path.join(dir, f))),
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Binary PGM (P5, 8-bit): the share of pixels below 200 of 255. */
function inkOf(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark++;
  return dark / pixels.length;
}
