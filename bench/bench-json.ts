import fs from 'node:fs';
import path from 'node:path';

/** artifacts/bench.json, shared by the benchmarks that write figures (bench/steady.ts, bench/archive.ts). */

/** Merges `part` into artifacts/bench.json (other benchmarks may write their own keys). */
export function writeBenchJson(part: Record<string, unknown>, root = process.cwd()): string {
  const file = path.join(root, 'artifacts', 'bench.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let old: Record<string, unknown> = {};
  try {
    old = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // absent or damaged: written afresh
  }
  fs.writeFileSync(file, `${JSON.stringify({ ...old, ...part }, null, 2)}\n`);
  return file;
}
