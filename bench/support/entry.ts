import path from 'node:path';

/**
 * True when the running bundle is benchmark `name` (dist-node/bench/<name>.js, started on its own or by
 * dist-node/bench.js), not another benchmark that imports its functions: bench/steady.ts imports
 * bench/e2e.ts, so both bundles hold e2e's code and only e2e.js may run it. Under jest `module` is this
 * file's own, so importing a benchmark into a test never runs it.
 */
export function runsAsBenchmark(name: string): boolean {
  return typeof module !== 'undefined' && path.basename(module.filename ?? '') === `${name}.js`;
}
