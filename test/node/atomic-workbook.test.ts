import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { writeFileAtomic } from '../../src/node/atomic-file';
import { XlsxWorkbook } from '../../src/node/workbook';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-wb-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  test('a crash between writing the temp file and the rename leaves the old file byte-identical and no temp behind', () => {
    const file = path.join(dir, 'orders.xlsx');
    fs.writeFileSync(file, 'old contents');
    expect(() =>
      writeFileAtomic(file, Buffer.alloc(1 << 20, 7), {
        afterWrite: () => {
          throw new Error('simulated crash');
        },
      }),
    ).toThrow('simulated crash');
    expect(fs.readFileSync(file, 'utf8')).toBe('old contents');
    expect(fs.readdirSync(dir)).toEqual(['orders.xlsx']);
  });

  test('replaces the file when all goes well', () => {
    const file = path.join(dir, 'a.json');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, '{"new":true}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"new":true}');
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });
});

describe('XlsxWorkbook', () => {
  test('round trip: text format kept, leading zeros and long IDs as text, dates as dates, apostrophe-escaped text', async () => {
    const file = path.join(dir, 'orders.xlsx');
    const wb = await XlsxWorkbook.open(file);
    expect(wb.getSheet('受注一覧')).toBeNull();
    const sheet = wb.insertSheet('受注一覧');
    expect(sheet.readAll()).toEqual([]);
    const orderedAt = new Date(Date.UTC(2026, 10, 22, 1, 2, 3));
    sheet.setFormats(2, 1, [['@', '@', '']]);
    sheet.writeBlock(1, 1, [['注文番号', '郵便番号', '注文日時', '備考']]);
    sheet.writeBlock(2, 1, [['576460752303423489', '0010012', orderedAt, '\'=HYPERLINK("x")']]);
    sheet.writeBlock(3, 2, [[null, 3]]);
    await wb.save(file);

    const again = await XlsxWorkbook.open(file);
    const rows = again.getSheet('受注一覧')!.readAll();
    expect(rows).toEqual([
      ['注文番号', '郵便番号', '注文日時', '備考'],
      ['576460752303423489', '0010012', orderedAt, '=HYPERLINK("x")'],
      ['', '', 3, ''],
    ]);
    const ws = (again as unknown as { wb: import('exceljs').Workbook }).wb.getWorksheet('受注一覧')!;
    expect(ws.getCell(2, 1).numFmt).toBe('@');
    expect(ws.getCell(2, 4).type).not.toBe(6 /* ValueType.Formula */);
  });

  test('an unreadable file is an error, not an empty workbook', async () => {
    const file = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(file, 'this is not a zip');
    await expect(XlsxWorkbook.open(file)).rejects.toThrow();
  });
});

describe('writeFileAtomic under a real kill', () => {
  test('SIGKILL in the middle of a save leaves the old file byte-identical', () => {
    const script = path.join(dir, 'atomic.js');
    buildSync({
      entryPoints: [path.resolve(__dirname, '../../src/node/atomic-file.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      logLevel: 'silent',
    });
    const file = path.join(dir, 'orders.xlsx');
    fs.writeFileSync(file, 'old workbook bytes');
    const child = spawnSync(process.execPath, [
      '-e',
      `require(${JSON.stringify(script)}).writeFileAtomic(${JSON.stringify(file)}, Buffer.alloc(8 << 20, 1), { afterWrite: () => process.kill(process.pid, 'SIGKILL') })`,
    ]);
    expect(child.signal).toBe('SIGKILL');
    expect(fs.readFileSync(file, 'utf8')).toBe('old workbook bytes');
  });
});
