/**
 * Plans how buffered cell changes reach the sheet in a constant number of calls.
 * Apps Script charges per call far more than per cell (docs/apps-script.md §C5: one setValues of
 * 4,000 cells < 50 ms; any call ~100 ms), so scattered changes are grouped into rectangles over runs of
 * writable columns, merging row gaps (the gap cells are rewritten with their current values) by a cost model
 * until at most MAX_BLOCKS rectangles remain.
 */

/** A rectangle in 0-based sheet coordinates, inclusive. */
export interface Block {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const CALL_COST_MS = 100;
export const CELL_COST_MS = 0.0125;
export const MAX_BLOCKS = 3;

const cost = (b: Block) => CALL_COST_MS + CELL_COST_MS * (b.bottom - b.top + 1) * (b.right - b.left + 1);
const union = (a: Block, b: Block): Block => ({
  top: Math.min(a.top, b.top),
  bottom: Math.max(a.bottom, b.bottom),
  left: Math.min(a.left, b.left),
  right: Math.max(a.right, b.right),
});

/** Splits sorted 0-based column indexes into contiguous runs [first, last]. */
export function columnRuns(columns: readonly number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

interface Node {
  block: Block;
  run: number;
  prev: Node | null;
  next: Node | null;
  alive: boolean;
  version: number;
}

interface Candidate {
  left: Node;
  delta: number;
  leftVersion: number;
  rightVersion: number;
}

/** Minimal binary heap on delta (merges are picked cheapest first). */
class Heap {
  private items: Candidate[] = [];
  get size() {
    return this.items.length;
  }
  push(c: Candidate) {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].delta <= a[i].delta) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Candidate | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].delta < a[m].delta) m = l;
        if (r < a.length && a[r].delta < a[m].delta) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * dirty: changed cells as (0-based row → 0-based columns). writable: the columns that may be written
 * (a rectangle never crosses a column outside it). Returns rectangles covering every dirty writable cell.
 */
export function planBlocks(
  dirty: ReadonlyMap<number, readonly number[]>,
  writable: readonly number[],
  maxBlocks = MAX_BLOCKS,
): Block[] {
  const runs = columnRuns(writable);
  const rows = [...dirty].sort(([a], [b]) => a - b);
  const nodes: Node[] = [];
  runs.forEach(([first, last], run) => {
    let prev: Node | null = null;
    for (const [row, dirtyCols] of rows) {
      const cols = dirtyCols.filter((c) => c >= first && c <= last);
      if (!cols.length) continue;
      const node: Node = {
        block: { top: row, bottom: row, left: Math.min(...cols), right: Math.max(...cols) },
        run,
        prev,
        next: null,
        alive: true,
        version: 0,
      };
      if (prev) prev.next = node;
      prev = node;
      nodes.push(node);
    }
  });

  const heap = new Heap();
  const offer = (left: Node) => {
    const right = left.next;
    if (!right) return;
    const delta = cost(union(left.block, right.block)) - cost(left.block) - cost(right.block);
    heap.push({ left, delta, leftVersion: left.version, rightVersion: right.version });
  };
  nodes.forEach(offer);

  let count = nodes.length;
  for (let cand = heap.pop(); cand !== undefined; cand = heap.pop()) {
    const { left } = cand;
    const right = left.next;
    if (!left.alive || !right || left.version !== cand.leftVersion || right.version !== cand.rightVersion) continue;
    // Merge while it saves time, and beyond that only as long as too many blocks remain.
    if (cand.delta >= 0 && count <= maxBlocks) break;
    left.block = union(left.block, right.block);
    left.version++;
    right.alive = false;
    left.next = right.next;
    if (right.next) right.next.prev = left;
    count--;
    offer(left);
    if (left.prev) offer(left.prev);
  }
  return nodes.filter((n) => n.alive).map((n) => n.block);
}
