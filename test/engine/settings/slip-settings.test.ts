import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import { SettingsError } from '../../../src/engine/settings/errors';
import { parseSettings } from '../../../src/engine/settings/parse';
import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { CARRIERS, fakeConnector, SECRET, shopConfig } from '../../support/fake-mall';

/** 納品書コメント (slipComment), the shipper a 納品書 prints, and the after-print status switch, in both views. */

const clock = new VirtualClock();
const connectors = [fakeConnector('a', clock, { pages: [] }).connector];
const SHIPPER = {
  name: 'MallSheet商店',
  postalCode: '150-0001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '03-1234-5678',
};

function issuesOf(run: () => unknown): SettingsError['issues'] {
  try {
    run();
  } catch (e) {
    if (e instanceof SettingsError) return e.issues;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

describe('JSON config', () => {
  test('shipper, slipComment and slips.advanceStatus parse; all are optional', () => {
    const s = parseSettings(
      {
        shops: [shopConfig('Shop A', 'a', { slipComment: 'ご購入ありがとうございます。' })],
        carriers: CARRIERS,
        shipper: SHIPPER,
        slips: { advanceStatus: true },
      },
      connectors,
    );
    expect(s.shipper).toEqual(SHIPPER);
    expect(s.slips).toEqual({ advanceStatus: true });
    expect(s.shops[0].slipComment).toBe('ご購入ありがとうございます。');
    const bare = parseSettings({ shops: [shopConfig('Shop A', 'a')], carriers: CARRIERS }, connectors);
    expect(bare.shipper).toBeUndefined();
    expect(bare.slips).toBeUndefined();
    expect(bare.shops[0].slipComment).toBeUndefined();
  });
});

/** A tab as a seller lays it out: the general block with ご依頼主 lines, one shop with a 納品書コメント. */
function book(general: [string, string][]) {
  const b = new MemorySpreadsheet();
  const sheet = b.insertSheet('設定');
  const rows: string[][] = [
    ['[全般]'],
    ['言語', 'ja'],
    ...general.map(([k, v]) => [k, v]),
    [''],
    ['[ショップ]'],
    ['ショップ名', 'モール', '取得ステータス', 'APIキー', 'ユーザーID', '納品書コメント'],
    ['Shop A', 'Fake a', 'NEW', SECRET, 'u1', 'またのご利用をお待ちしております。'],
    ['[配送業者]'],
    ['名前', 'Fake a'],
    ['ヤマト運輸', 'Yamato'],
  ];
  const width = 6;
  const grid = rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]);
  sheet.setFormats(
    1,
    1,
    grid.map((r) => r.map(() => '@')),
  );
  sheet.writeBlock(1, 1, grid);
  return b;
}

describe('Settings tab', () => {
  test('ご依頼主 lines under [全般] and the 納品書コメント column fill the same model', () => {
    const b = book([
      ['ご依頼主名', SHIPPER.name],
      ['ご依頼主郵便番号', SHIPPER.postalCode],
      ['ご依頼主住所', SHIPPER.address],
      ['Shipper phone', SHIPPER.phone],
      ['印刷後に発送待ちにする', 'はい'],
    ]);
    const s = loadSettingsFromBook(b, new MemoryProperties(), connectors);
    expect(s.shipper).toEqual(SHIPPER);
    expect(s.slips).toEqual({ advanceStatus: true });
    expect(s.shops[0].slipComment).toBe('またのご利用をお待ちしております。');
  });

  test("the switch reads the tab's yes/no words; anything else is named by its cell", () => {
    const off = loadSettingsFromBook(
      book([['Mark Awaiting shipment after printing', 'FALSE']]),
      new MemoryProperties(),
      connectors,
    );
    expect(off.slips).toEqual({ advanceStatus: false });
    const issues = issuesOf(() =>
      loadSettingsFromBook(book([['印刷後に発送待ちにする', 'たぶん']]), new MemoryProperties(), connectors),
    );
    expect(issues).toEqual([expect.objectContaining({ field: 'slips.advanceStatus', cell: '設定!B3' })]);
  });

  test('no ご依頼主 lines: no shipper, printing leaves statuses alone', () => {
    const s = loadSettingsFromBook(book([]), new MemoryProperties(), connectors);
    expect(s.shipper).toBeUndefined();
    expect(s.slips?.advanceStatus ?? false).toBe(false);
  });
});
