import path from 'node:path';
import ExcelJS from 'exceljs';
import { demoSettings } from '../../src/sandbox/demo-config';
import { type CliWorld, startCliWorld } from './support';

/**
 * The workbook `mallsheet fetch` writes is the same desk as the Sheet (docs/contract.md §2 Layout): opened
 * with exceljs, 受注一覧 has its frozen header, its dropdowns and date rule, its conditional formats; a
 * seller's own column, cell colour and rule survive the next fetch, and nothing of ours is doubled.
 */

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld('desk');
});
afterAll(() => world.stop());

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('受注一覧')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const letter = (h: string) => ws.getColumn(header.indexOf(h) + 1).letter;
  const cf = (
    ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[]; priority?: number }[] }[] }
  ).conditionalFormattings;
  const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } })
    .dataValidations.model;
  return { wb, ws, header, letter, cf, dv };
}

const ours = (formulae: string[] | undefined) => (formulae ?? []).some((f) => f.includes('N("MallSheet")'));

test('受注一覧 in the .xlsx: frozen header, dropdowns, date rule, conditional formats; the seller’s own survive a fetch', async () => {
  const config = world.writeConfig('config.json', demoSettings(world.url));
  const file = path.join(world.dir, 'desk.xlsx');
  expect(world.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);

  const first = await open(file);
  expect(first.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(first.ws.getCell('A1').font).toMatchObject({ bold: true });
  const status = first.dv[`${first.letter('管理ステータス')}2`];
  expect(status).toMatchObject({ type: 'list', formulae: ['"新規受付,発送待ち,処理済,保留,キャンセル"'] });
  const carriers = (demoSettings(world.url).carriers as { name: string }[]).map((c) => c.name);
  expect(first.dv[`${first.letter('配送業者')}500`]).toMatchObject({
    type: 'list',
    formulae: [`"${carriers.join(',')}"`],
  });
  expect(first.dv[`${first.letter('出荷日')}2`]).toMatchObject({ type: 'date' });
  const ourRules = first.cf.filter((c) => c.rules.some((r) => ours(r.formulae)));
  expect(ourRules.length).toBeGreaterThanOrEqual(7);
  expect(first.cf.find((c) => c.ref.startsWith(`${first.letter('書出結果')}2:`))).toBeDefined();

  // the seller adds a column of their own at the end, colours a cell and adds a rule of their own
  const own = first.header.length + 1;
  first.ws.getRow(1).getCell(own).value = '担当者';
  first.ws.getRow(2).getCell(own).value = '山田';
  first.ws.getRow(2).getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  first.ws.addConditionalFormatting({
    ref: `${first.ws.getColumn(own).letter}2:${first.ws.getColumn(own).letter}100`,
    rules: [
      { type: 'containsText', operator: 'containsText', text: '山田', priority: 99, style: { font: { bold: true } } },
    ],
  });
  await first.wb.xlsx.writeFile(file);

  expect(world.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);
  const second = await open(file);
  expect(second.header[own - 1]).toBe('担当者');
  expect(second.ws.getRow(2).getCell(own).value).toBe('山田');
  expect(second.ws.getRow(2).getCell(2).fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
  expect(second.cf.filter((c) => c.rules.some((r) => ours(r.formulae)))).toHaveLength(ourRules.length);
  const theirs = second.cf.filter((c) => !c.rules.some((r) => ours(r.formulae)));
  expect(theirs).toEqual([
    expect.objectContaining({ ref: `${second.ws.getColumn(own).letter}2:${second.ws.getColumn(own).letter}100` }),
  ]);
  expect(second.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(second.dv[`${second.letter('管理ステータス')}2`]).toMatchObject({ type: 'list' });
});

test('設定 in the .xlsx shows the JSON config with secrets masked, and each shop’s 最終取得日時 / 有効期限', async () => {
  const settings = demoSettings(world.url) as { shops: { name: string; credentials: Record<string, string> }[] };
  const config = world.writeConfig('config-view.json', settings);
  const file = path.join(world.dir, 'settings-view.xlsx');
  expect(world.run(['fetch', '--config', config, '--workbook', file]).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('設定')!;
  expect(ws).toBeDefined();
  const cells: string[][] = [];
  ws.eachRow(
    (r, i) =>
      (cells[i - 1] = (r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  const text = JSON.stringify(cells);
  const header = cells.findIndex((r) => r?.includes('ショップ名') || r?.includes('名前'));
  expect(header).toBeGreaterThan(0);
  const lastFetch = cells[header].indexOf('最終取得日時');
  expect(lastFetch).toBeGreaterThan(0);
  for (const shop of settings.shops) {
    const line = cells.find((r) => r?.includes(shop.name));
    expect(line).toBeDefined();
    expect(line![lastFetch]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  }
  // the same input aids as in Sheets: the mall a dropdown, 有効 a TRUE / FALSE choice
  const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
    .dataValidations.model;
  const at = (h: string) => `${ws.getColumn(cells[header].indexOf(h) + 1).letter}${header + 2}`;
  expect(dv[at('モール')]).toMatchObject({ type: 'list', formulae: ['"Temu,TikTok Shop,Qoo10"'] });
  expect(dv[at('有効')]).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'] });
  expect(text).toContain('●●●●');
  const secretKeys = ['appSecret', 'accessToken', 'refreshToken', 'apiKey', 'password'];
  for (const shop of settings.shops) {
    for (const [k, v] of Object.entries(shop.credentials))
      if (secretKeys.includes(k) && v.length > 3) expect(text).not.toContain(v);
  }
});
