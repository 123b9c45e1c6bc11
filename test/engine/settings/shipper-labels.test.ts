import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import { SettingsError } from '../../../src/engine/settings/errors';
import { parseSettings } from '../../../src/engine/settings/parse';
import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CARRIERS, fakeConnector, SECRET, shopConfig } from '../../support/fake-mall';

const clock = new VirtualClock();
const connectors = [fakeConnector('a', clock, { pages: [] }).connector];
const SHIPPER = {
  name: 'MallSheet商店',
  postalCode: '150-0001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '03-1234-5678',
};
const B2 = { billingCode: '012345678901', freightNo: '01', itemName: '雑貨' };

function issuesOf(input: unknown) {
  try {
    parseSettings(input, connectors);
  } catch (e) {
    if (e instanceof SettingsError) return e.issues;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

describe('shipper, labels and carrier label formats (docs/contract.md §4)', () => {
  test('the JSON config carries them through, defaults filled', () => {
    const s = parseSettings(
      {
        shops: [shopConfig('Shop A', 'a')],
        shipper: SHIPPER,
        labels: { b2: B2 },
        carriers: [{ name: 'ヤマト運輸', labels: 'b2' }],
      },
      connectors,
    );
    expect(s.shipper).toEqual(SHIPPER);
    expect(s.labels?.b2).toEqual({ ...B2, billingClass: '', handling: '' });
    expect(s.carriers[0].labels).toBe('b2');
  });

  test('they stay optional', () => {
    const s = parseSettings({ shops: [shopConfig('Shop A', 'a')], carriers: CARRIERS }, connectors);
    expect(s.shipper).toBeUndefined();
    expect(s.labels).toBeUndefined();
  });

  test('bad values are named by field, each with what to enter', () => {
    const issues = issuesOf({
      shops: [shopConfig('Shop A', 'a')],
      shipper: { ...SHIPPER, postalCode: '15-1', phone: 'abc' },
      labels: { b2: { billingCode: '123', freightNo: '1' } },
      carriers: [{ name: 'ヤマト運輸', labels: 'fedex' }],
    });
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    expect(byField['shipper.postalCode']).toMatch(/7桁/);
    expect(byField['shipper.phone']).toMatch(/電話番号/);
    expect(byField['labels.b2.billingCode']).toMatch(/10〜12桁/);
    expect(byField['labels.b2.freightNo']).toMatch(/2桁/);
    expect(byField['carriers[0].labels']).toMatch(/b2 \/ ehiden2 \/ yupri \/ clickpost/);
  });

  test('the Settings tab: a template block [ご依頼主・送り状] and a 送り状形式 carrier column, read into the same model', () => {
    const book = new MemorySpreadsheet();
    const props = new MemoryProperties();
    expect(() => loadSettingsFromBook(book, props, connectors)).toThrow(SettingsError);
    const sheet = book.getSheet('設定')!;
    const grid = sheet.readAll();
    const rowOf = (label: string) => grid.findIndex((r) => r[0] === label) + 1;
    const carrierHeader = grid.findIndex((r) => r[0] === '名前');
    expect(grid[carrierHeader]).toContain('送り状形式');
    expect(grid[carrierHeader + 1]).toContain('b2');
    expect(rowOf('[ご依頼主・送り状]')).toBeGreaterThan(carrierHeader);
    sheet.edit(7, 1, 'Shop A');
    sheet.edit(7, 2, 'Fake a');
    for (const [header, value] of [
      ['APIキー', SECRET],
      ['ユーザーID', 'u'],
    ])
      sheet.edit(7, grid[5].indexOf(header) + 1, value);
    sheet.edit(rowOf('ご依頼主名'), 2, SHIPPER.name);
    sheet.edit(rowOf('ご依頼主郵便番号'), 2, SHIPPER.postalCode);
    sheet.edit(rowOf('ご依頼主住所'), 2, SHIPPER.address);
    sheet.edit(rowOf('ご依頼主電話番号'), 2, SHIPPER.phone);
    sheet.edit(rowOf('B2 請求先顧客コード'), 2, B2.billingCode);
    sheet.edit(rowOf('B2 運賃管理番号'), 2, '1');
    let cellIssue = '';
    try {
      loadSettingsFromBook(book, props, connectors);
    } catch (e) {
      cellIssue = (e as SettingsError).lines.join('\n');
    }
    // the problem names its cell
    expect(cellIssue).toContain(`設定!B${rowOf('B2 運賃管理番号')}`);
    sheet.edit(rowOf('B2 運賃管理番号'), 2, B2.freightNo);
    const s = loadSettingsFromBook(book, props, connectors);
    expect(s.shipper).toEqual(SHIPPER);
    expect(s.labels?.b2).toMatchObject({ billingCode: B2.billingCode, freightNo: '01' });
    expect(s.carriers.find((c) => c.name === 'ヤマト運輸')?.labels).toBe('b2');
  });
});
