import { carrierColumns } from '../../../src/engine/settings/tab-layout';
import { generalEntries, parseCell, readTabCells, readTable } from '../../../src/engine/settings/tab-reader';

describe('tab-reader', () => {
  it('finds blocks whose markers moved out of column A, and the general values beside their labels', () => {
    const tab = readTabCells([
      ['', '[全般]'],
      ['', '言語', 'English'],
      ['', 'Time zone', 'UTC'],
      ['', '[Carriers]'],
      ['', '名前', 'Qoo10'],
      ['', 'ヤマト運輸', 'yamato'],
    ]);
    expect(tab.blocks).toEqual({
      general: [1, 2],
      shipper: [],
      alerts: [],
      shops: null,
      carriers: { header: 4, rows: [5] },
    });
    expect(generalEntries(tab)).toEqual([
      { field: 'locale', row: 1, col: 2, value: 'en' },
      { field: 'timezone', row: 2, col: 2, value: 'UTC' },
    ]);
    const cols = carrierColumns([{ carrierKey: 'qoo10', label: 'Qoo10' } as never]);
    const { rows } = readTable(tab, tab.blocks.carriers!, cols);
    expect(rows.map((r) => [r.get('name'), r.get('qoo10')])).toEqual([['ヤマト運輸', 'yamato']]);
  });

  it('a row with another filled cell beside a marker is no marker', () => {
    expect(readTabCells([['[ショップ]', 'note']]).blocks.shops).toBeNull();
  });

  it('reads the word tables and leaves unknown words as typed for the schema to name', () => {
    expect(['はい', '○', 'ON'].map((v) => parseCell(v, 'boolean'))).toEqual([true, true, true]);
    expect(['しない', '×'].map((v) => parseCell(v, 'boolean'))).toEqual([false, false]);
    expect(parseCell('たぶん', 'boolean')).toBe('たぶん');
    expect(parseCell('１,０００', 'number')).toBe(1000);
    expect(parseCell('A、B, C', 'list')).toEqual(['A', 'B', 'C']);
  });
});
