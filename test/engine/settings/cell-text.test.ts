import { VirtualClock } from '../../../src/engine/memory-ports';
import { SettingsError } from '../../../src/engine/settings/errors';
import { parseSettings } from '../../../src/engine/settings/parse';
import { CARRIERS, fakeConnector, shopConfig } from '../../support/fake-mall';

/**
 * Settings text ends up in cells (ショップ, 配送業者, the Settings tab). Characters an .xlsx file (XML) cannot
 * hold would be dropped on save, and a shop name that changes on the way loses every one of its rows' keys.
 */
const connectors = [fakeConnector('a', new VirtualClock(), { pages: [] }).connector];

function errorOf(input: unknown): SettingsError {
  try {
    parseSettings(input, connectors);
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

test.each([
  ['NUL', '\u0000'],
  ['a bell', '\u0007'],
  ['an escape', '\u001b'],
  ['U+FFFF', '\uffff'],
  ['a lone surrogate', '\ud800'],
])('a shop name with %s is refused, naming the shop (readably) and the field', (_, ch) => {
  const e = errorOf({ locale: 'en', shops: [shopConfig(`Shop${ch}A`, 'a')], carriers: CARRIERS });
  expect(e.issues).toEqual([expect.objectContaining({ field: 'name' })]);
  expect(e.issues[0].shop).toMatch(/^Shop\\u[0-9a-f]{4}A$/);
  expect(e.message).toMatch(/control character/);
});

test('other text written to cells is checked too; tabs, line breaks and Japanese are fine', () => {
  const e = errorOf({
    locale: 'en',
    shops: [shopConfig('Shop A', 'a', { defaultCarrier: 'ヤマト\u0001運輸' })],
    carriers: [...CARRIERS, { name: '佐川\u0002急便', a: 'Sagawa' }],
  });
  expect(e.issues.map((i) => i.field).sort()).toEqual(['carriers[1].name', 'defaultCarrier']);
  const ok = parseSettings(
    {
      shops: [shopConfig('Shop A', 'a', { initialStatus: '新規受付' })],
      carriers: [{ name: 'ヤマト運輸', a: 'Y\tamato\n' }],
    },
    connectors,
  );
  expect(ok.shops[0].name).toBe('Shop A');
});
