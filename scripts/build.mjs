// npm run build: the Apps Script bundle (dist/, docs/contract.md §6) and the Node CLI and benchmarks (dist-node/).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { buildUi } from './build-ui.mjs';

const require = createRequire(import.meta.url);
const { root, nodeBundle, CLI } = require('./node-build.cjs');
const GLOBAL = 'MallSheet';
const dist = path.join(root, 'dist');

// ---- Apps Script: one classic script, an IIFE whose entry points become top-level functions ----
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
const gas = await esbuild.build({
  entryPoints: [path.join(root, 'src/entry.ts')],
  bundle: true,
  format: 'iife',
  globalName: GLOBAL,
  platform: 'browser',
  target: 'es2020',
  minify: true,
  // Apps Script files are UTF-8: keeping Japanese text as is, not \u-escaped, halves the message tables
  charset: 'utf8',
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const body = gas.outputFiles[0].text;
const names = entryPointsOf(body);
// Delegating wrappers from the explicit list (docs/apps-script.md §B3): only our entry names, no stubs to overwrite.
const wrappers = names.map((n) => `function ${n}(e) { return ${GLOBAL}.ENTRIES.${n}(e); }`).join('\n');
const code = `${body}\n${wrappers}\n`;
fs.writeFileSync(path.join(dist, 'Code.js'), code);

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
fs.writeFileSync(path.join(dist, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// the sidebar and dialog pages, self-contained HTML (scripts/build-ui.mjs)
const html = buildUi(dist);
console.log(
  `dist/Code.js ${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB, ${names.length} entry points${html.length ? `, ${html.length} html` : ''}`,
);

// ---- Node: the CLI and every benchmark ----
await esbuild.build(CLI);
const benchDir = path.join(root, 'bench');
const benches = fs.existsSync(benchDir) ? fs.readdirSync(benchDir).filter((f) => f.endsWith('.ts')) : [];
for (const f of benches) await esbuild.build(nodeBundle(`bench/${f}`, `dist-node/bench/${f.replace(/\.ts$/, '.js')}`));
// `npm run bench` runs dist-node/bench.js: it runs every built benchmark in turn
fs.writeFileSync(
  path.join(root, 'dist-node/bench.js'),
  [
    "'use strict';",
    "const fs = require('node:fs'), path = require('node:path');",
    "const dir = path.join(__dirname, 'bench');",
    "const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort() : [];",
    "if (files.length === 0) console.log('no benchmarks under bench/');",
    'for (const f of files) require(path.join(dir, f));',
    '',
  ].join('\n'),
);
console.log(`dist-node/cli.js, ${benches.length} benchmark(s)`);

/**
 * Reads ENTRY_POINTS by evaluating the bundle in an empty context: this also proves that loading the
 * bundle touches no service and needs no global (everything runs inside handlers).
 */
function entryPointsOf(js) {
  const ctx = vm.createContext({});
  vm.runInContext(`${js}\n;this.__entry = ${GLOBAL};`, ctx);
  const mod = ctx.__entry;
  const list = Array.from(mod.ENTRY_POINTS ?? []);
  if (list.length === 0) throw new Error('src/entry.ts must export ENTRY_POINTS');
  for (const n of list) {
    if (!/^[A-Za-z_$][\w$]*$/.test(n)) throw new Error(`entry point name ${n} is not an identifier`);
    if (typeof mod.ENTRIES?.[n] !== 'function')
      throw new Error(`entry point ${n} is not a function in ENTRIES of src/entry.ts`);
  }
  return list;
}
