import fs from 'node:fs';
import path from 'node:path';
import { demoSettings } from '../../src/sandbox/demo-config';
import { readLog } from '../../src/engine/log/log-sheet';
import { XlsxWorkbook } from '../../src/node/workbook';
import { pdfPages } from '../support/pdf-pages';
import { orderRowsOf, startCliWorld, type CliWorld } from './support';

/**
 * `mallsheet slips` end to end: fetch from the sandbox malls, print 納品書 and the picking list with Debian's
 * Chromium, and read the PDF back as pages (poppler): one 納品書 per shipment, then the picking list, no
 * blank page. The pages land in artifacts/slips/ as PNG for a look.
 */

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld('slips');
}, 60_000);
afterAll(() => w.stop());

const ARTIFACTS = path.resolve(__dirname, '../../artifacts/slips');

test('fetch, then slips: one page per shipment and the picking list, every page inked; Log row; statuses moved', async () => {
  const config = w.writeConfig('config.json', { ...demoSettings(w.url), slips: { advanceStatus: true } });
  const book = path.join(w.dir, 'orders.xlsx');
  expect(w.run(['fetch', '--config', config, '--workbook', book]).code).toBe(0);
  const before = await orderRowsOf(book);

  const out = path.join(w.dir, 'slips.pdf');
  const r = w.run(['slips', '--config', config, '--workbook', book, '--out', out]);
  expect(r.code).toBe(0);
  const shipments = Number(/PDF: .*（納品書 (\d+) 件/.exec(r.out)?.[1]);
  expect(shipments).toBeGreaterThan(5);

  const pages = pdfPages(out, { pngDir: ARTIFACTS });
  expect(pages.length).toBeGreaterThanOrEqual(shipments + 1);
  // a 納品書 per shipment first, each naming the shop and its comment; then the picking list to the end
  const slips = pages.slice(0, shipments);
  for (const p of slips) expect(p.text).toMatch(/納\s*品\s*書/);
  expect(slips.filter((p) => /ご利用いただきありがとうございます/.test(p.text))).toHaveLength(shipments);
  expect(pages[shipments].text).toContain('ピッキングリスト');
  expect(pages[pages.length - 1].text).toMatch(/合計 [\d,]+ 点・\d+ 品目・\d+ 件の出荷/);
  for (const p of pages) expect(p.ink).toBeGreaterThan(0.004);

  // the sandbox's hostile names print as the text they are
  const all = pages.map((p) => p.text).join('\n');
  expect(all).toContain('=HYPERLINK(');
  // every order the label CSV would carry is on a page
  const candidates = new Set(before.filter((row) => row.tracking === '' && row.status === '新規受付').map((row) => row.orderId));
  for (const id of candidates) expect(all.replace(/\s/g, '')).toContain(id);

  const after = await orderRowsOf(book);
  expect(after.filter((row) => row.status === '発送待ち').length).toBeGreaterThanOrEqual(candidates.size);
  expect(after.filter((row) => row.status === '新規受付')).toEqual([]);
  const log = readLog(await XlsxWorkbook.open(book), 'Asia/Tokyo').filter((l) => l.action === 'slips');
  expect(log.map((l) => l.shop).sort()).toEqual(['Qoo10 デモ店', 'TikTok Shop 1号店', 'Temu 1号店'].sort());
  expect(log[0].message).toMatch(/納品書 \d+ 件/);
  // a fetch over HTTP and a Chromium print: minutes on a busy machine, not the default minute
}, 240_000);

test('no Chromium: exit 2 with what to install, nothing read or written', () => {
  const config = w.writeConfig('config2.json', demoSettings(w.url));
  const book = path.join(w.dir, 'none.xlsx');
  const out = path.join(w.dir, 'none.pdf');
  process.env.MALLSHEET_CHROMIUM = '/nonexistent/chromium';
  try {
    const r = w.run(['slips', '--config', config, '--workbook', book, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Chromium が見つかりません（/nonexistent/chromium）');
    expect(r.out).toContain('apt-get install chromium');
  } finally {
    delete process.env.MALLSHEET_CHROMIUM;
  }
  expect(fs.existsSync(book)).toBe(false);
  expect(fs.existsSync(out)).toBe(false);
  const noOut = w.run(['slips', '--config', config, '--workbook', book]);
  expect(noOut.code).toBe(2);
  expect(noOut.out).toContain('--out FILE.pdf');
});
