import fs from 'node:fs';
import path from 'node:path';

/**
 * Comments cite the repository's own docs (docs/README.md): every cited page must exist, and every cited
 * section must be a heading of that page. Citations of documents outside the repository, and issue numbers,
 * mean nothing to a reader of the code.
 */
const root = path.join(__dirname, '../..');
const SCANNED = ['src', 'test', 'bench', 'scripts', 'docs'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|mjs|cjs|js|md|html|css)$/.test(e.name) ? [p] : [];
  });
}

const sources = [...SCANNED.flatMap((d) => files(path.join(root, d))), path.join(root, 'README.md')].filter(
  (f) => f !== __filename,
);
const rel = (f: string) => path.relative(root, f);

function sectionsOf(page: string): Set<string> {
  const text = fs.readFileSync(path.join(root, page), 'utf8');
  return new Set([...text.matchAll(/^#{1,4} §([A-Z]?\d*(?:\.\d+)*)/gm)].map((m) => m[1]));
}

describe('doc citations', () => {
  const cites = sources.flatMap((f) =>
    [...fs.readFileSync(f, 'utf8').matchAll(/docs\/([\w./-]+\.md)((?: ?§[A-Z]?\d*(?:\.\d+)*(?:[–,/] ?)?)*)/g)].map(
      (m) => ({
        file: rel(f),
        page: `docs/${m[1]}`,
        sections: [...m[2].matchAll(/§([A-Z]?\d*(?:\.\d+)*)/g)].map((s) => s[1]),
      }),
    ),
  );

  it('finds citations to check', () => {
    expect(cites.length).toBeGreaterThan(100);
  });

  it('cites pages that exist', () => {
    const missing = cites.filter((c) => !fs.existsSync(path.join(root, c.page))).map((c) => `${c.file}: ${c.page}`);
    expect(missing).toEqual([]);
  });

  it('cites sections that are headings of their page', () => {
    const cache = new Map<string, Set<string>>();
    const bad = cites.flatMap((c) => {
      if (!fs.existsSync(path.join(root, c.page))) return [];
      const have = cache.get(c.page) ?? sectionsOf(c.page);
      cache.set(c.page, have);
      return c.sections.filter((s) => !have.has(s)).map((s) => `${c.file}: ${c.page} §${s}`);
    });
    expect(bad).toEqual([]);
  });

  it('cites no document outside the repository and no issue number', () => {
    const stale = sources.flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
        .filter(({ line }) =>
          /CONTRACT §|(^|[^\w/.])spec §|\.\.\/shared\/(CONTRACT|specs|reviews|seeds)|[Ii]ssue #\d/.test(line),
        )
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(stale).toEqual([]);
  });
});
