import { templateRows } from '../../src/engine/settings/tab-layout';
import { menuLocale } from '../../src/gas/menu-locale';
import { CONNECTORS } from '../../src/malls';

describe('menuLocale', () => {
  test('reads the locale row of the Settings tab written in either language', () => {
    expect(menuLocale(templateRows(CONNECTORS, 'en'))).toBe('en');
    expect(menuLocale(templateRows(CONNECTORS, 'ja'))).toBe('ja');
    const en = templateRows(CONNECTORS, 'ja').map((r) => [...r]);
    const localeRow = en.findIndex((r) => r[1] === 'ja');
    en[localeRow][1] = 'English';
    expect(menuLocale(en)).toBe('en');
  });
  test('no tab means ja', () => {
    expect(menuLocale(null)).toBe('ja');
    expect(menuLocale([])).toBe('ja');
  });
});
