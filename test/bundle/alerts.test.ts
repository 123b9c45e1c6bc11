import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { secretValues, setUp, shopForms } from '../support/bundle-world';

/**
 * Alerts from the built bundle in node:vm, with a fake MailApp and a chat webhook: token expiry at 14, 7
 * and 1 days, three failed runs, the daily digest; one mail per kind and shop a day, nothing secret in any.
 */

const DAY = 86_400_000;
const HOOK = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=hook-key&token=hook-token-secret';

function world() {
  const w = setUp();
  expect(
    w.call('sidebarSaveCarriers', { carriers: DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values })) }).ok,
  ).toBe(true);
  for (const shop of shopForms()) expect(w.call('sidebarSaveShop', { originalName: null, shop }).ok).toBe(true);
  const settings = w.gas.book.getSheet('設定')!;
  /** general-block entries typed by the seller, below the time zone */
  const setGeneral = (entries: [string, string][]) => {
    const grid = settings.readAll().map((r) => [...r]);
    const width = grid[0].length;
    for (const [label, value] of entries) {
      const at = grid.findIndex((r) => r[0] === label);
      if (at >= 0) grid[at][1] = value;
      else grid.splice(3, 0, [label, value, ...new Array(width - 2).fill('')]);
    }
    settings.writeBlock(1, 1, grid);
  };
  const fetchNow = () => (w.ctx.fetchOrdersNow as () => void)();
  const mailsAbout = (text: string) => w.gas.mails.filter((m) => m.subject.includes(text) || m.body.includes(text));
  /** the token-expiry mails of one shop (the same shop may also be mailed about overdue rows) */
  const expiryMails = (shop: string) => mailsAbout(`${shop}: トークン`);
  return { ...w, setGeneral, fetchNow, mailsAbout, expiryMails };
}

test('a token expiring in 14, 7 and 1 days: one mail each, none again the same day', () => {
  const w = world();
  w.setGeneral([['通知Webhook', HOOK]]);
  w.sandbox.mall('temu').control('expiry', { inDays: 13.9 });
  w.fetchNow();
  expect(w.expiryMails('Temu 1号店')).toHaveLength(1);
  expect(w.expiryMails('Temu 1号店')[0]).toMatchObject({ to: 'owner@example.com' });
  expect(w.expiryMails('Temu 1号店')[0].body).toContain('あと 14 日');
  expect(w.expiryMails('Temu 1号店')[0].body).toContain('https://docs.google.com/spreadsheets/d/fake-sheet/edit');
  w.fetchNow();
  expect(w.expiryMails('Temu 1号店')).toHaveLength(1);
  // the sandbox has orders past their ship-by time: one overdue mail per shop that day, the first fetch's
  const overdue = w.mailsAbout('発送期限を過ぎた');
  expect(overdue.length).toBeGreaterThan(0);
  expect(new Set(overdue.map((m) => m.subject)).size).toBe(overdue.length);

  w.advance(7 * DAY);
  w.fetchNow();
  w.fetchNow();
  w.advance(6 * DAY);
  w.fetchNow();
  expect(w.expiryMails('Temu 1号店').map((m) => /あと (\d+) 日/.exec(m.body)?.[1])).toEqual(['14', '7', '1']);

  // the webhook got the same text as each mail
  const texts = w.gas.webhooks.map((h) => JSON.parse(h.payload).text as string);
  expect(texts).toEqual(w.gas.mails.map((m) => `${m.subject}\n\n${m.body}`));
  // the webhook's URL moved into properties: the tab shows the mask
  expect(JSON.stringify(w.gas.book.getSheet('設定')!.readAll())).not.toContain('hook-token-secret');
  const sent = JSON.stringify([...w.gas.mails, ...w.gas.webhooks.map((h) => h.payload)]);
  for (const secret of [...secretValues(), 'hook-token-secret']) expect(sent).not.toContain(secret);
});

test('three failed runs in a row send one mail; the digest groups the day into one', () => {
  const w = world();
  w.fetchNow();
  const before = w.gas.mails.length;
  w.sandbox.mall('qoo10').control('fault', { kind: 500, count: 1000 });
  w.fetchNow();
  w.fetchNow();
  expect(w.mailsAbout('回続けて失敗')).toHaveLength(0);
  w.fetchNow();
  w.fetchNow();
  expect(w.mailsAbout('回続けて失敗')).toHaveLength(1);
  expect(w.mailsAbout('回続けて失敗')[0].body).toContain('Qoo10 デモ店');

  // from now on one mail a day: the failing shop and the Temu token, together
  w.setGeneral([['通知まとめ（1日1通）', 'はい']]);
  w.sandbox.mall('temu').control('expiry', { inDays: 5 });
  w.advance(DAY);
  w.fetchNow();
  w.fetchNow();
  const digests = w.gas.mails.slice(before).filter((m) => m.subject.includes('本日のお知らせ'));
  expect(digests).toHaveLength(1);
  expect(digests[0].body).toContain('Qoo10 デモ店');
  expect(digests[0].body).toContain('Temu 1号店');
  const sent = JSON.stringify(w.gas.mails);
  for (const secret of secretValues()) expect(sent).not.toContain(secret);
});
