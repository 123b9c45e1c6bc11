import { MemoryProperties } from '../../../src/engine/memory-ports';
import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CONNECTORS } from '../../../src/malls';

/**
 * The Settings tab's input aids (docs/settings-tab.md): dropdowns for language, mall, region, interval,
 * initial status and carrier, checkboxes for the booleans; set once for the rows the tab has, and again
 * only when the shop rows, the carrier names or the language change.
 */

function load(book: MemorySpreadsheet, props: MemoryProperties) {
  try {
    return loadSettingsFromBook(book, props, CONNECTORS);
  } catch {
    return null; // an empty template is invalid settings: the aids are set all the same
  }
}

test('a new Settings tab gets its dropdowns and checkboxes; the next read adds none; a new carrier updates them', () => {
  const book = new MemorySpreadsheet();
  const props = new MemoryProperties();
  load(book, props);
  const sheet = book.getSheet('設定')!;
  const grid = sheet.readAll();
  const header = grid.findIndex((r) => r.includes('ショップ名'));
  const col = (h: string) => grid[header].indexOf(h) + 1;
  const L = sheet.layout;
  expect(L.history).toHaveLength(1);
  expect(L.validations.get(col('モール'))).toMatchObject({ kind: 'list', values: ['Temu', 'TikTok Shop', 'Qoo10'] });
  expect(L.validations.get(col('有効'))).toMatchObject({ kind: 'checkbox' });
  expect(L.validations.get(col('初期ステータス'))).toMatchObject({
    kind: 'list',
    values: ['新規受付', '発送待ち', '処理済', '保留', 'キャンセル'],
  });
  expect(L.validations.get(col('既定の配送業者'))).toMatchObject({
    kind: 'list',
    values: ['ヤマト運輸', '佐川急便', '日本郵便'],
  });
  // the language cell (general block): ja / en
  const localeRow = grid.findIndex((r) => r[0] === '言語');
  expect(L.history[0].validations!.find((v) => v.rows?.first === localeRow + 1)).toMatchObject({
    col: 2,
    rule: { values: ['ja', 'en'] },
  });
  // the shop rules cover the template's blank shop rows
  const shopRule = L.history[0].validations!.find((v) => v.col === col('モール') && v.rows!.first > localeRow + 1)!;
  expect(shopRule.rows).toEqual({ first: header + 2, count: expect.any(Number) });
  expect(shopRule.rows!.count).toBeGreaterThanOrEqual(5);

  load(book, props);
  expect(L.history).toHaveLength(1);

  const carriersHeader = grid.findIndex((r, i) => i > header && r.includes('名前'));
  sheet.edit(carriersHeader + 4 + 1, 1, '西濃運輸');
  load(book, props);
  expect(L.history).toHaveLength(2);
  expect(L.validations.get(col('既定の配送業者'))).toMatchObject({ values: expect.arrayContaining(['西濃運輸']) });
});
