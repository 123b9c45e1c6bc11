import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** README "Architecture": ports ← engine ← malls ← adapters, no cycle (rules in .dependency-cruiser.cjs). */

const repo = path.resolve(__dirname, '../..');
const script = path.join(repo, 'scripts/check-layers.mjs');

function checkLayers(root?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script, ...(root ? [root] : [])], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('layers', () => {
  test('src/ imports point one way and form no cycle', () => {
    const { status, out } = checkLayers();
    expect(out).toMatch(/^0 violation\(s\)/m);
    expect(status).toBe(0);
  });

  test('each rule catches the import it forbids (type-only imports and cycles included)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
      'src/ports.ts': "import type { A } from './engine/a';\nexport type P = A;\n",
      'src/engine/a.ts': "import type { B } from '../malls/b';\nexport type A = B;\n",
      'src/engine/x.ts': "import type { Y } from './y';\nexport type X = { y?: Y };\n",
      'src/engine/y.ts': "import type { X } from './x';\nexport type Y = { x?: X };\n",
      'src/malls/b.ts': "import { c } from '../node/c';\nexport type B = typeof c;\n",
      'src/node/c.ts': 'export const c = 1;\n',
      'src/i18n/index.ts': "import type { A } from '../engine/a';\nexport type L = A;\n",
      'src/gas/g.ts': "import { c } from '../node/c';\nexport const g = c;\n",
      'src/node/crypto.ts': 'export const crypto = 1;\n',
      'src/sandbox/s.ts':
        "import { c } from '../node/c';\nimport { crypto } from '../node/crypto';\nexport const s = c + crypto;\n",
    };
    try {
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      const { status, out } = checkLayers(root);
      expect(status).toBe(1);
      expect(out).toContain('engine-knows-no-mall-or-adapter: src/engine/a.ts → src/malls/b.ts');
      expect(out).toContain('malls-know-no-adapter: src/malls/b.ts → src/node/c.ts');
      expect(out).toContain('ports-stand-alone: src/ports.ts → src/engine/a.ts');
      expect(out).toContain('i18n-stands-alone: src/i18n/index.ts → src/engine/a.ts');
      expect(out).toContain('gas-knows-no-other-adapter: src/gas/g.ts → src/node/c.ts');
      expect(out).toContain('sandbox-is-a-node-peer: src/sandbox/s.ts → src/node/c.ts');
      expect(out).not.toContain('src/sandbox/s.ts → src/node/crypto.ts');
      expect(out).toMatch(/no-cycle: src\/engine\/(x|y)\.ts →/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
