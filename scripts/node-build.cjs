// esbuild options of the Node side, shared by scripts/build.mjs and bin/mallsheet.js (which rebuilds a
// missing or stale dist-node/cli.js so `npx mallsheet` works right after `npm ci`).
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');

/** Options for one Node bundle: dependencies stay in node_modules (they are installed next to it). */
function nodeBundle(entry, outfile) {
  return {
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  };
}

const CLI = nodeBundle('src/node/cli.ts', 'dist-node/cli.js');

/** Newest modification time of any file under dir (0 when absent). */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

module.exports = { root, nodeBundle, CLI, newestMtime };
