// npm run layers: checks the import graph of src/ against .dependency-cruiser.cjs (layers one way, no cycle).
// Uses dependency-cruiser's API: its CLI refuses Node 20, the API runs on it.
// Usage: node scripts/check-layers.mjs [root]  (root defaults to the repository; test/architecture uses a
// scratch tree with its own tsconfig.json to prove each rule bites). Prints one line per violation; exit 1 when there is any.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(process.argv[2] ?? repo);
const options = await extractDepcruiseOptions(path.join(repo, '.dependency-cruiser.cjs'));
process.chdir(root);
const result = await cruise(['src'], { ...options, outputType: 'json' }, undefined, {
  tsConfig: extractTSConfig('tsconfig.json'),
});
const { summary } = JSON.parse(result.output);
for (const v of summary.violations) {
  const via = v.cycle ? v.cycle.map((c) => c.name ?? c).join(' → ') : v.to;
  console.log(`${v.rule.name}: ${v.from} → ${via}`);
}
console.log(`${summary.violations.length} violation(s), ${summary.totalCruised} modules`);
process.exitCode = summary.violations.length === 0 ? 0 : 1;
