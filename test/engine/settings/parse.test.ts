import { VirtualClock } from '../../../src/engine/memory-ports';
import { SettingsError } from '../../../src/engine/settings/errors';
import { parseSettings } from '../../../src/engine/settings/parse';
import { CARRIERS, fakeConnector, SECRET, shopConfig } from '../../support/fake-mall';

const clock = new VirtualClock();
const connectors = [
  fakeConnector('a', clock, { pages: [] }).connector,
  fakeConnector('b', clock, { pages: [] }).connector,
];

function errorOf(input: unknown): SettingsError {
  try {
    parseSettings(input, connectors);
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

describe('parseSettings', () => {
  test('a valid config parses with defaults filled in', () => {
    const s = parseSettings(
      { shops: [shopConfig('Shop A', 'a', { autoFetchMinutes: 120 })], carriers: CARRIERS },
      connectors,
    );
    expect(s.locale).toBe('ja');
    expect(s.timezone).toBe('Asia/Tokyo');
    expect(s.shops[0]).toMatchObject({
      name: 'Shop A',
      mall: 'a',
      enabled: true,
      initialStatus: '新規受付',
      autoExport: false,
      autoFetchMinutes: 120,
    });
  });

  test('every problem is reported at once, each naming the shop and the field', () => {
    const e = errorOf({
      shops: [
        shopConfig('Shop A', 'a', { autoFetchMinutes: 7, fetch: { statuses: ['NEW', 'BOGUS'], days: 7 } }),
        shopConfig('Shop A', 'b', { initialStatus: '未処理', defaultCarrier: '謎の運送' }),
        shopConfig('Shop C', 'zzz'),
        shopConfig('Shop D', 'a', { credentials: {}, endpoints: { api: 'http://127.0.0.1:8787/api' } }),
      ],
      carriers: CARRIERS,
    });
    const found = e.issues.map((i) => [i.shop, i.field]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['Shop A', 'autoFetchMinutes'],
        ['Shop A', 'fetch.statuses'],
        ['Shop A', 'initialStatus'],
        ['Shop A', 'defaultCarrier'],
        ['Shop A', 'name'],
        ['Shop C', 'mall'],
        ['Shop D', 'credentials.apiKey'],
        ['Shop D', 'endpoints.api'],
      ]),
    );
    expect(e.message.split('\n')[0]).toContain(`${e.issues.length} 件`);
    expect(e.message).toContain('BOGUS');
    expect(e.message).toContain('謎の運送');
    expect(e.message).toContain('zzz');
    expect(e.message).toContain('ショップ「Shop D」 credentials.apiKey: 入力してください');
    expect(e.message).not.toMatch(/\n\s+at /);
  });

  test('messages follow the settings locale', () => {
    const e = errorOf({
      locale: 'en',
      shops: [shopConfig('Shop A', 'a', { autoFetchMinutes: 45 })],
      carriers: CARRIERS,
    });
    expect(e.lines[1]).toBe(
      'shop "Shop A" autoFetchMinutes: an auto-fetch interval of 45 minutes cannot be scheduled: use 0 (off), 5, 10, 15, 30, 60 or a multiple of 60',
    );
  });

  test('a secret that fails validation is never quoted', () => {
    const short = 'pw12345';
    const e = errorOf({ shops: [shopConfig('Shop A', 'a', { credentials: { apiKey: short } })], carriers: CARRIERS });
    expect(e.issues).toEqual([expect.objectContaining({ shop: 'Shop A', field: 'credentials.apiKey' })]);
    expect(e.message).not.toContain(short);
    const ok = parseSettings({ shops: [shopConfig('Shop A', 'a')], carriers: CARRIERS }, connectors);
    expect(ok.shops[0].credentials.apiKey).toBe(SECRET);
  });

  test('wrong types, an empty shop list, a bad time zone and a ":" in a name are named', () => {
    expect(errorOf({ shops: [], carriers: CARRIERS }).issues).toEqual([expect.objectContaining({ field: 'shops' })]);
    const e = errorOf({
      timezone: 'Mars/Base',
      shops: [shopConfig('A:B', 'a', { enabled: 'yes' })],
      carriers: CARRIERS,
    });
    expect(e.issues.map((i) => i.field).sort()).toEqual(['enabled', 'name', 'timezone']);
    expect(e.message).toContain('Mars/Base');
  });

  test("fetch statuses and days default to the mall's default statuses over 7 days", () => {
    const shop = { ...shopConfig('Shop A', 'a'), fetch: undefined };
    const s = parseSettings(
      { shops: [shop, shopConfig('Shop B', 'b', { fetch: { days: 3 } })], carriers: CARRIERS },
      connectors,
    );
    expect(s.shops.map((x) => x.fetch)).toEqual([
      { statuses: ['NEW'], days: 7 },
      { statuses: ['NEW'], days: 3 },
    ]);
    expect(
      errorOf({ shops: [shopConfig('Shop A', 'a', { fetch: { statuses: [], days: 0 } })], carriers: CARRIERS })
        .issues.map((i) => i.field)
        .sort(),
    ).toEqual(['fetch.days', 'fetch.statuses']);
  });

  test('a duplicate carrier and a carrier without a name are named by row', () => {
    const e = errorOf({ shops: [shopConfig('Shop A', 'a')], carriers: [...CARRIERS, { name: 'ヤマト運輸' }] });
    expect(e.issues).toEqual([expect.objectContaining({ field: 'carriers[1].name' })]);
    const e2 = errorOf({ shops: [shopConfig('Shop A', 'a')], carriers: [{ name: '' }] });
    expect(e2.issues).toEqual([expect.objectContaining({ field: 'carriers[0].name' })]);
  });
});
