import { type Block, columnRuns, MAX_BLOCKS, planBlocks } from '../../../src/engine/sheet/write-plan';

const covers = (blocks: Block[], r: number, c: number) =>
  blocks.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right);

describe('write planning', () => {
  test('column runs split at columns the engine must not write', () => {
    expect(columnRuns([0, 1, 2, 5, 6, 9])).toEqual([
      [0, 2],
      [5, 6],
      [9, 9],
    ]);
  });

  test('scattered changes fit in at most MAX_BLOCKS rectangles that cover every change and no foreign column', () => {
    const writable = [0, 1, 2, 3, 4, 8, 9];
    const dirty = new Map<number, number[]>();
    for (let i = 0; i < 1000; i++) dirty.set(3 + i * 47, [i % 2 ? 1 : 4, 9]);
    const blocks = planBlocks(dirty, writable);
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const [r, cols] of dirty) for (const c of cols) expect(covers(blocks, r, c)).toBe(true);
    for (const b of blocks) for (let c = b.left; c <= b.right; c++) expect(writable).toContain(c);
  });

  test('two far-apart single cells stay two calls (merging would cost more than it saves)', () => {
    const blocks = planBlocks(
      new Map([
        [1, [0]],
        [40000, [0]],
      ]),
      [0],
    );
    expect(blocks).toEqual([
      { top: 1, bottom: 1, left: 0, right: 0 },
      { top: 40000, bottom: 40000, left: 0, right: 0 },
    ]);
  });

  test('neighbouring rows merge into one rectangle', () => {
    expect(
      planBlocks(
        new Map([
          [5, [2]],
          [6, [3]],
          [8, [2]],
        ]),
        [0, 1, 2, 3],
      ),
    ).toEqual([{ top: 5, bottom: 8, left: 2, right: 3 }]);
  });
});
