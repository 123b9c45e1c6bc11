import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * HTML → PDF for `mallsheet slips` with Debian's Chromium, driven by playwright-core: the browser the UI
 * tests already use, whose print engine honours the template's A4 CSS and finds the Noto CJK fonts
 * (fonts-noto-cjk) for every character of the sheet. The engine is synchronous, so the browser runs in a
 * child Node process and the caller waits for it (spawnSync); the PDF goes to a temp file and is renamed
 * into place, so a failed print never leaves half a file.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless print in a container: no sandbox (root), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Where Chromium is: MALLSHEET_CHROMIUM overrides the Debian path (tests use it to play "missing"). */
export function chromiumPath(): string {
  return process.env.MALLSHEET_CHROMIUM || CHROMIUM_PATH;
}

/** Plain JS run by the child: argv = [playwright-core, chromium, flags JSON, html file, pdf file]. */
const CHILD_SOURCE = `
const [pw, exe, flags, htmlFile, pdfFile] = process.argv.slice(1);
const { chromium } = require(pw);
(async () => {
  const browser = await chromium.launch({ executablePath: exe, args: JSON.parse(flags) });
  try {
    const page = await browser.newPage();
    await page.goto('file://' + htmlFile, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
})().catch((e) => {
  process.stderr.write(String((e && e.message) || e).split('\\n')[0] + '\\n');
  process.exit(1);
});
`;

export class PdfRenderError extends Error {}

/** Writes `html` as a PDF to `out`; throws PdfRenderError with Chromium's first line on failure. */
export function renderPdfSync(html: string, out: string, opts: { timeoutMs?: number } = {}): void {
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) throw new PdfRenderError(`Chromium not found at ${exe}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-slips-'));
  const htmlFile = path.join(dir, 'slips.html');
  const target = path.resolve(out);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(htmlFile, html, 'utf8');
    const res = spawnSync(
      process.execPath,
      ['-e', CHILD_SOURCE, require.resolve('playwright-core'), exe, JSON.stringify(CHROMIUM_ARGS), htmlFile, tmp],
      { encoding: 'utf8', timeout: opts.timeoutMs ?? 180_000 },
    );
    if (res.error) throw new PdfRenderError(res.error.message);
    if (res.status !== 0) throw new PdfRenderError((res.stderr || `exit ${res.status}`).trim());
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tmp, { force: true });
  }
}
