/**
 * The layer rules (README "Architecture"): ports ← engine ← malls ← adapters (gas, node, ui, sandbox),
 * and no import cycle, type-only imports included. test/architecture/layers.test.ts runs this in `npm test`.
 * `npx depcruise src --config .dependency-cruiser.cjs` prints what breaks a rule.
 */
const ADAPTERS = '^src/(gas|node|ui|sandbox)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-knows-no-mall-or-adapter',
      comment:
        'The engine talks to ports and to the MallConnector it owns (src/engine/connector.ts), never to a mall or a runtime.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: ['^src/malls/', ADAPTERS, '^src/entry\\.ts$'] },
    },
    {
      name: 'malls-know-no-adapter',
      comment: 'A connector runs unchanged in Apps Script and in Node: it sees only ports, the engine and i18n.',
      severity: 'error',
      from: { path: '^src/malls/' },
      to: { path: [ADAPTERS, '^src/entry\\.ts$'] },
    },
    {
      name: 'ports-stand-alone',
      comment: 'src/ports.ts is the bottom layer: interfaces only, importing nothing of the project.',
      severity: 'error',
      from: { path: '^src/ports\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'i18n-stands-alone',
      comment: 'The message tables sit under the engine: every layer may translate.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: '^src/', pathNot: '^src/i18n/' },
    },
    {
      name: 'gas-knows-no-other-adapter',
      comment:
        'The Apps Script adapter cannot load Node modules, and the pages build on it (src/ui/gas), not the ' +
        'other way round: a menu item that opens a page lives with the page.',
      severity: 'error',
      from: { path: '^src/gas/' },
      to: { path: '^src/(node|sandbox|ui)/' },
    },
    {
      name: 'sandbox-is-a-node-peer',
      comment:
        'The sandbox malls run under Node only (tests, benchmarks, `mallsheet demo`): they may use Node crypto ' +
        '(src/node/crypto.ts), nothing of Apps Script, the sidebar or the CLI.',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/(gas|ui|node)/', pathNot: '^src/node/crypto\\.ts$' },
    },
    {
      name: 'no-cycle',
      comment: 'A cycle, even of types only, means two modules cannot be understood (or moved) one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dist-node)/' },
    // type-only imports count: they shape what a module needs just as much
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
