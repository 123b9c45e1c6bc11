// Builds the sidebar and dialog pages into self-contained HTML (CSS and JS inlined: Apps Script's
// HtmlService serves one file per page, no assets). Usage: node scripts/build-ui.mjs [outDir=dist]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** the dialogs differ only in their script: one page template serves them all */
const DIALOG = 'src/ui/pages/dialog.html';

/** page file name in dist/ (what HtmlService.createHtmlOutputFromFile names) → its template and script */
export const UI_PAGES = {
  Sidebar: { template: 'src/ui/pages/sidebar.html', entry: 'src/ui/client/sidebar/index.ts' },
  DateRange: { template: DIALOG, entry: 'src/ui/client/date-range.ts' },
  Slips: { template: DIALOG, entry: 'src/ui/client/slips.ts' },
  LabelExport: { template: DIALOG, entry: 'src/ui/client/label-export.ts' },
  LabelImport: { template: DIALOG, entry: 'src/ui/client/label-import.ts' },
};

export function buildUi(outDir = join(root, 'dist')) {
  mkdirSync(outDir, { recursive: true });
  const css = readFileSync(join(root, 'src/ui/pages/styles.css'), 'utf8');
  const written = [];
  for (const [name, page] of Object.entries(UI_PAGES)) {
    const out = buildSync({
      entryPoints: [join(root, page.entry)],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      charset: 'utf8',
      legalComments: 'none',
    });
    // '</script' inside the code would end the inline script early
    const js = out.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
    const html = readFileSync(join(root, page.template), 'utf8')
      .replace('/*@STYLES*/', () => css)
      .replace('/*@SCRIPT*/', () => js);
    const file = join(outDir, `${name}.html`);
    writeFileSync(file, html);
    written.push(file);
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of buildUi(process.argv[2] ? resolve(process.argv[2]) : undefined)) console.log(`ui: ${f}`);
}
