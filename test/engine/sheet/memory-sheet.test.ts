import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';

describe('MemorySpreadsheet copies Apps Script value quirks', () => {
  const setup = () => {
    const book = new MemorySpreadsheet('Asia/Tokyo');
    return { book, sheet: book.insertSheet('S') };
  };

  test('a string starting with = or + becomes a formula; unparsable ones read as #ERROR!', () => {
    const { sheet } = setup();
    sheet.writeBlock(1, 1, [['=SUM(1,2)', '+81-90-1234-5678', '=1+2']]);
    expect(sheet.formulaAt(1, 1)).toBe('=SUM(1,2)');
    expect(sheet.readAll()[0]).toEqual(['#ERROR!', 81 - 90 - 1234 - 5678, 3]);
    expect(sheet.formulaAt(1, 2)).toBe('=+81-90-1234-5678');
  });

  test('a leading apostrophe is stripped and the rest kept as text', () => {
    const { sheet } = setup();
    sheet.writeBlock(1, 1, [["'=SUM(1,2)", "'00123", "'2026-11-22"]]);
    expect(sheet.formulaAt(1, 1)).toBeNull();
    expect(sheet.readAll()[0]).toEqual(['=SUM(1,2)', '00123', '2026-11-22']);
  });

  test('numbers and dates are parsed unless the cell is formatted as text', () => {
    const { sheet } = setup();
    sheet.setFormats(1, 2, [['@', '@']]);
    sheet.writeBlock(1, 1, [['00123', '00123', '2026-11-22 10:00', '2026-11-22 10:00']]);
    const [a, b, c, d] = sheet.readAll()[0];
    expect(a).toBe(123);
    expect(b).toBe('00123');
    expect(c).toBe('2026-11-22 10:00');
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).toISOString()).toBe('2026-11-22T01:00:00.000Z');
  });

  test('calls and cells are counted per method', () => {
    const { book, sheet } = setup();
    sheet.writeBlock(1, 1, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    sheet.setFormats(1, 1, [['@']]);
    sheet.readAll();
    expect(book.calls).toEqual({
      readAll: 1,
      readBlock: 0,
      writeBlock: 1,
      setFormats: 1,
      setNotes: 0,
      applyLayout: 0,
      layoutServiceCalls: 0,
      total: 3,
      cellsWritten: 4,
    });
  });

  test('user actions move values with their formats and formulas', () => {
    const { sheet } = setup();
    sheet.writeBlock(1, 1, [
      ['k', 'v'],
      ['b', '=2*2'],
      ['a', '=1*1'],
    ]);
    sheet.sortBy(1);
    expect(sheet.readAll()).toEqual([
      ['k', 'v'],
      ['a', 1],
      ['b', 4],
    ]);
    expect(sheet.formulaAt(3, 2)).toBe('=2*2');
    sheet.insertColumn(1, 'mine');
    expect(sheet.readAll()[0]).toEqual(['mine', 'k', 'v']);
    sheet.moveColumn(3, 1);
    expect(sheet.readAll()[0]).toEqual(['v', 'mine', 'k']);
  });
});
