import { runFetch } from '../../src/engine';
import { discoverHeaders } from '../../src/engine/orders/headers';
import type { CellValue } from '../../src/ports';
import { Killed, runUntilDone, type World, world } from './support/world';

/**
 * Archive rotation killed mid-move (docs/contract.md §2 受注アーカイブ): the archive is appended first and
 * 受注一覧 rewritten after, so an execution killed anywhere in between leaves rows in both tabs at worst;
 * the next run finds their keys in the archive and only drops them from 受注一覧. No row lost, none doubled,
 * and the seller's own column travels with each row.
 */

const DAY = 86_400_000;
const fetchRun = (w: World) => runFetch(w.env, { trigger: 'manual' });

interface TabRow {
  key: string;
  status: string;
  note: CellValue;
}

function tab(w: World, name: string): TabRow[] {
  const sheet = w.book.getSheet(name);
  if (!sheet) return [];
  const [header, ...body] = sheet.readAll();
  const { at } = discoverHeaders(header ?? []);
  const note = (header ?? []).indexOf('社内メモ');
  return body
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => ({
      key: `${r[at.shop!]}|${r[at.orderId!]}|${r[at.lineId!]}`,
      status: String(r[at.status!]),
      note: note < 0 ? '' : r[note],
    }));
}

/** A shop of a few months: fetched, the seller's column filled in, a third done and a fifth cancelled. */
function desk(seed: number) {
  const w = world('temu', { seed, orders: 40, budgetMs: 270_000 });
  runUntilDone(w, fetchRun);
  const sheet = w.book.getSheet('受注一覧')!;
  const header = sheet.readAll()[0];
  const { at } = discoverHeaders(header);
  sheet.edit(1, header.length + 1, '社内メモ');
  sheet
    .readAll()
    .slice(1)
    .forEach((_, i) => {
      const row = i + 2;
      sheet.edit(row, header.length + 1, `note-${i}`);
      if (i % 3 === 0) sheet.edit(row, at.status! + 1, '処理済');
      else if (i % 5 === 0) sheet.edit(row, at.status! + 1, 'キャンセル');
    });
  const all = tab(w, '受注一覧');
  const due = all.filter((r) => r.status === '処理済' || r.status === 'キャンセル').map((r) => r.key);
  w.clock.advance(91 * DAY);
  return { w, all, due };
}

/** From the first call `when` accepts on, every port call of the execution throws Killed. */
function killWhen(w: World, when: (what: string, seen: string[]) => boolean): { dead: boolean } {
  const seen: string[] = [];
  const tick = w.fuse.tick.bind(w.fuse);
  const state = { dead: false };
  w.fuse.tick = (what: string) => {
    if (state.dead || when(what, seen)) {
      state.dead = true;
      throw new Killed(what);
    }
    seen.push(what);
    tick(what);
  };
  return state;
}

function revive(w: World): void {
  w.fuse.tick = Object.getPrototypeOf(w.fuse).tick.bind(w.fuse);
}

const KILL_POINTS: [string, (what: string, seen: string[]) => boolean][] = [
  ['before the archive gets its rows', (what) => what === '受注アーカイブ.setFormats'],
  [
    'between the archive formats and values',
    (what, seen) => what === '受注アーカイブ.writeBlock' && seen[seen.length - 1] === '受注アーカイブ.setFormats',
  ],
  [
    'after the archive append, before 受注一覧 is rewritten',
    (what, seen) => what === '受注一覧.writeBlock' && seen.includes('受注アーカイブ.setFormats'),
  ],
  [
    'after 受注一覧 was rewritten, before the move is marked done',
    (what, seen) => what === 'props.delete' && seen.includes('受注アーカイブ.writeBlock'),
  ],
];

describe('archive rotation killed mid-move', () => {
  test.each(KILL_POINTS)('killed %s: the next run ends with every row in exactly one tab', (_, when) => {
    const { w, all, due } = desk(3);
    expect(due.length).toBeGreaterThan(5);
    const kill = killWhen(w, when);
    try {
      fetchRun(w);
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
    }
    expect(kill.dead).toBe(true);
    revive(w);
    fetchRun(w);
    const orders = tab(w, '受注一覧');
    const archive = tab(w, '受注アーカイブ');
    const keys = [...orders, ...archive].map((r) => r.key);
    // nothing doubled, nothing lost
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(all.map((r) => r.key).sort());
    expect(archive.map((r) => r.key).sort()).toEqual([...due].sort());
    // the seller's column went with its row
    const noteOf = new Map([...orders, ...archive].map((r) => [r.key, r.note]));
    for (const r of all) expect(noteOf.get(r.key)).toBe(r.note);
  });

  test('a run killed between the append and the rewrite leaves the rows in both tabs; the next one drops them from 受注一覧', () => {
    const { w, due } = desk(4);
    killWhen(w, (what, seen) => what === '受注一覧.writeBlock' && seen.includes('受注アーカイブ.setFormats'));
    try {
      fetchRun(w);
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
    }
    revive(w);
    const inOrders = new Set(tab(w, '受注一覧').map((r) => r.key));
    const inArchive = tab(w, '受注アーカイブ').map((r) => r.key);
    expect(inArchive.sort()).toEqual([...due].sort());
    expect(due.every((k) => inOrders.has(k))).toBe(true);
    fetchRun(w);
    const after = new Set(tab(w, '受注一覧').map((r) => r.key));
    expect(due.some((k) => after.has(k))).toBe(false);
    expect(tab(w, '受注アーカイブ')).toHaveLength(due.length);
    const log = w.logRows().map((r) => r.message);
    expect(log.some((m) => m.includes(`${due.length} 行を受注一覧から外しました`))).toBe(true);
  });
});
