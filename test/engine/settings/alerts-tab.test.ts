import { MemoryProperties, VirtualClock } from '../../../src/engine/memory-ports';
import { ALERT_WEBHOOK_KEY, loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { templateRows } from '../../../src/engine/settings/tab-layout';
import { MemorySpreadsheet } from '../../../src/engine/sheet/memory-sheet';
import { fakeConnector } from '../../support/fake-mall';

/** The alert entries of the Settings tab's general block (docs/settings-tab.md). */
const clock = new VirtualClock();
const connectors = [fakeConnector('a', clock, { pages: [] }).connector];
const HOOK = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t';

function book(entries: [string, string][]) {
  const grid = templateRows(connectors, 'ja');
  // the template's [通知] block holds the entries' labels: the seller types the values beside them
  for (const [label, value] of entries) {
    const at = grid.findIndex((r) => r[0] === label);
    if (at >= 0) grid[at][1] = value;
    else grid.push([label, value, ...new Array<string>(grid[0].length - 2).fill('')]);
  }
  const shopHeader = grid.findIndex((r) => r[0] === 'ショップ名');
  const row = [...grid[shopHeader + 1]];
  row[grid[shopHeader].indexOf('ショップ名')] = 'Shop A';
  row[grid[shopHeader].indexOf('モール')] = 'Fake a';
  row[grid[shopHeader].indexOf('APIキー')] = 'key-12345678';
  row[grid[shopHeader].indexOf('ユーザーID')] = 'u';
  grid[shopHeader + 1] = row;
  const b = new MemorySpreadsheet();
  b.insertSheet('設定').writeBlock(1, 1, grid);
  return b;
}

test('addresses, digest and a typed webhook are read; the webhook moves to properties and its cell is masked', () => {
  const b = book([
    ['通知メール', 'a@example.com, b@example.com'],
    ['通知まとめ（1日1通）', 'はい'],
    ['通知Webhook', HOOK],
  ]);
  const props = new MemoryProperties();
  const s = loadSettingsFromBook(b, props, connectors);
  expect(s.alerts).toEqual({ email: ['a@example.com', 'b@example.com'], digest: true, webhook: HOOK });
  expect(props.get(ALERT_WEBHOOK_KEY)).toBe(HOOK);
  expect(JSON.stringify(b.getSheet('設定')!.readAll())).not.toContain('token=t');
  // the next read finds the mask and takes the value from properties
  expect(loadSettingsFromBook(b, props, connectors).alerts?.webhook).toBe(HOOK);
});

test('a cleared webhook cell forgets the webhook; no alert entries means no alert settings', () => {
  const props = new MemoryProperties();
  loadSettingsFromBook(book([['通知Webhook', HOOK]]), props, connectors);
  expect(loadSettingsFromBook(book([['通知Webhook', '']]), props, connectors).alerts).toBeUndefined();
  expect(props.get(ALERT_WEBHOOK_KEY)).toBeNull();
  expect(loadSettingsFromBook(book([]), new MemoryProperties(), connectors).alerts).toBeUndefined();
});

test('English labels work too', () => {
  const s = loadSettingsFromBook(book([['Alert e-mail', 'x@example.com']]), new MemoryProperties(), connectors);
  expect(s.alerts).toEqual({ email: ['x@example.com'], digest: false });
});
