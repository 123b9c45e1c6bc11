import iconv from 'iconv-lite';
import { labelCsvBytes } from '../../src/node/label-file';
import { issueB2 } from '../../src/sandbox/b2-issuer';
import { DEMO_CARRIERS, DEMO_SHIPPER, demoSettings } from '../../src/sandbox/demo-config';
import { cliLabelExport, decodeLabelFile, labelRows } from '../labels/support';
import { BASE, setUp, shopForms } from '../support/bundle-world';

/**
 * The label round trip in Sheets, through the built bundle in node:vm with only (fake) Apps Script services:
 * fetch → 送り状CSVを作成 (preview, then the file) → a simulated B2クラウド issues numbers → 発行済みデータを取込
 * (preview, then apply, twice) → the normal export → the sandbox malls hold the numbers. The file is
 * compared byte for byte with what `mallsheet labels export` writes for the same 受注一覧.
 */

type Reply<T> = { ok: boolean; value: T; message?: string };
interface ExportState {
  shipments: number;
  rows: number;
  keptOut: number;
  lines: string[];
  stopped: boolean;
}
interface ExportFile {
  done: boolean;
  base64: string;
  fileName: string;
  shipments: number;
  lines: string[];
}
interface Plan {
  format: string | null;
  refused: boolean;
  fills: { row: number; key: string; tracking: string }[];
  unchanged: number;
  unknown: { line: number; key: string }[];
  conflicts: unknown[];
  lines: string[];
  applied: boolean;
}

const B2 = { format: 'b2', shop: '', reissue: false };

test('dist/Code.js: label CSV from the dialog = the CLI file; issued data previewed, applied (twice), exported to the malls', async () => {
  const { gas, call, ctx, sandbox } = setUp();
  const labelsOf: Record<string, string> = { ヤマト運輸: 'b2', 佐川急便: 'ehiden2', 日本郵便: 'yupri' };
  const carriers = DEMO_CARRIERS.map(({ name, ...values }) => ({
    name,
    values: { ...values, labels: labelsOf[name] },
  }));
  expect(call('sidebarSaveCarriers', { carriers }).ok).toBe(true);
  for (const shop of shopForms()) expect(call('sidebarSaveShop', { originalName: null, shop }).ok).toBe(true);
  // ご依頼主 and B2 billing typed into the Settings tab, as a seller does
  const settings = gas.book.getSheet('設定')!;
  const typed: Record<string, string> = {
    ご依頼主名: DEMO_SHIPPER.name,
    ご依頼主郵便番号: DEMO_SHIPPER.postalCode,
    ご依頼主住所: DEMO_SHIPPER.address,
    ご依頼主電話番号: DEMO_SHIPPER.phone,
    'B2 請求先顧客コード': '012345678901',
    'B2 運賃管理番号': '01',
    'B2 既定の品名': '雑貨',
  };
  settings.readAll().forEach((r, i) => {
    const v = typed[String(r[0])];
    if (v !== undefined) settings.writeBlock(i + 1, 2, [[v]]);
  });

  (ctx.fetchOrdersNow as () => void)();
  const orders = gas.book.getSheet('受注一覧')!;
  const header = orders.readAll()[0].map(String);
  // characters only CP932 has (①, ～ as FULLWIDTH TILDE, 〜 as macOS types it) and one it has not (an emoji)
  const first = labelRows(gas.book).find((r) => r.shop === 'Temu 1号店' && r.status === '新規受付')!;
  orders.writeBlock(first.row, header.indexOf('住所') + 1, [[`${first.address} メゾン①～2〜3`]]);
  orders.writeBlock(first.row, header.indexOf('送付先氏名') + 1, [['山田 太郎😀']]);
  const cli = await cliLabelExport(orders.readAll(), demoSettings(BASE), ['--format', 'b2']);

  // the menu item opens the dialog; its preview writes nothing
  const alerts = gas.alerts.length;
  (ctx.createLabelCsv as () => void)();
  expect(gas.alerts.slice(alerts)).toEqual([]);
  const logRows = () => (gas.book.getSheet('ログ')?.readAll() ?? []).filter((r) => r.includes('送り状')).length;
  const keys = () => labelRows(gas.book).filter((r) => r.labelKey !== '').length;
  const state = call('labelExportGetState', B2) as Reply<ExportState>;
  expect(state.ok).toBe(true);
  expect(state.value.stopped).toBe(false);
  expect(state.value.shipments).toBe(decodeLabelFile(cli.bytes).rows.length - 1);
  expect(state.value.rows).toBeGreaterThanOrEqual(state.value.shipments);
  expect(state.value.lines.join('\n')).toContain('😀');
  expect(keys()).toBe(0);
  expect(logRows()).toBe(0);

  const made = call('labelExportMakeFile', B2) as Reply<ExportFile>;
  expect(made.value.done).toBe(true);
  expect(made.value.fileName).toMatch(/^mallsheet-b2-\d{8}\.csv$/);
  const bytes = Buffer.from(made.value.base64, 'base64');
  expect(bytes.equals(cli.bytes)).toBe(true);
  const { text, rows } = decodeLabelFile(bytes);
  expect(text).toContain('①～2～3');
  expect(text).toContain('〓');
  expect(keys()).toBe(state.value.rows);
  expect(logRows()).toBeGreaterThan(0);
  // made again, nothing is new: the keyed rows are named, no file
  const again = call('labelExportGetState', B2) as Reply<ExportState>;
  expect(again.value.shipments).toBe(0);
  expect((call('labelExportMakeFile', B2) as Reply<ExportFile>).value.done).toBe(false);

  // B2クラウド issues the numbers; its file also has a key no row has
  const issued = issueB2(rows, 22345678);
  issued.push(issued[1].map((v, c) => (c === 0 ? 'L99999999999' : c === 3 ? '123456789012' : v)));
  const file = { format: 'auto', fileName: 'issued.csv', base64: labelCsvBytes(issued).toString('base64') };
  (ctx.importIssuedData as () => void)();
  expect(gas.alerts.slice(alerts)).toEqual([]);
  const before = JSON.stringify(orders.readAll());
  const preview = call('labelImportPreview', file) as Reply<Plan>;
  expect(preview.value).toMatchObject({ format: 'b2', refused: false, applied: false });
  expect(preview.value.fills.length).toBe(keys());
  expect(preview.value.unknown).toEqual([{ line: issued.length, key: 'L99999999999' }]);
  expect(JSON.stringify(orders.readAll())).toBe(before);

  const applied = call('labelImportApply', file) as Reply<Plan>;
  expect(applied.value.applied).toBe(true);
  expect(applied.value.fills).toEqual(preview.value.fills);
  const byKey = new Map(issued.slice(1).map((r) => [r[0], r[3]]));
  for (const r of labelRows(gas.book).filter((x) => x.labelKey !== '')) {
    expect(r.tracking).toBe(byKey.get(r.labelKey));
    expect(r.carrier).toBe('ヤマト運輸');
  }
  const filled = JSON.stringify(orders.readAll());
  const twice = call('labelImportApply', file) as Reply<Plan>;
  expect(twice.value.fills).toEqual([]);
  expect(twice.value.unchanged).toBe(preview.value.fills.length);
  expect(JSON.stringify(orders.readAll())).toBe(filled);

  // a file of no issued format, and one that is not text: refused, nothing written
  const foreign = iconv.encode('注文番号,金額\r\n1,2\r\n', 'cp932').toString('base64');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]).toString('base64');
  for (const [format, base64] of [
    ['auto', foreign],
    ['b2', foreign],
    ['b2', png],
  ]) {
    const bad = call('labelImportApply', { format, fileName: 'x.csv', base64 }) as Reply<Plan>;
    expect(bad.value.refused).toBe(true);
    expect(bad.value.lines.join('\n')).toMatch(/^x\.csv: .*何も変更していません/);
  }
  expect(JSON.stringify(orders.readAll())).toBe(filled);

  // the normal export sends the imported numbers; the malls hold them
  (ctx.exportTracking as () => void)();
  const sent = labelRows(gas.book).filter((r) => r.labelKey !== '');
  expect(sent.every((r) => r.exportResult.startsWith('OK') && r.exportedTracking === r.tracking)).toBe(true);
  const temu = (sandbox.mall('temu').control('state', {}) as { shipments?: { trackingNumber?: string }[] }).shipments;
  expect(JSON.stringify(temu)).toContain(sent.find((r) => r.shop === 'Temu 1号店')!.tracking);
}, 120_000);
