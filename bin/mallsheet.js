#!/usr/bin/env node

// Runs the bundled CLI, building it first when it is missing or older than src/.
const fs = require('node:fs');
const path = require('node:path');
const { CLI, root, newestMtime } = require('../scripts/node-build.cjs');

const built = fs.existsSync(CLI.outfile) ? fs.statSync(CLI.outfile).mtimeMs : 0;
if (built < newestMtime(path.join(root, 'src'))) require('esbuild').buildSync(CLI);
require(CLI.outfile).run();
