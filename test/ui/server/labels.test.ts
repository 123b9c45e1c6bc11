import iconv from 'iconv-lite';
import { runFetch } from '../../../src/engine';
import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { CostedSpreadsheet, CostModel } from '../../../src/engine/sim/cost-model';
import { CONNECTORS } from '../../../src/malls';
import { labelCsvBytes } from '../../../src/node/label-file';
import { issueB2 } from '../../../src/sandbox/b2-issuer';
import { DEMO_CARRIERS, DEMO_SHIPPER } from '../../../src/sandbox/demo-config';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { gasLabelFiles } from '../../../src/ui/gas/label-files';
import { handleUiCall } from '../../../src/ui/server/handlers';
import type { UiEnv } from '../../../src/ui/server/settings-document';
import { SettingsTabDocument } from '../../../src/ui/server/settings-tab-document';
import type { LabelExportFile, LabelExportState, LabelImportPlanView } from '../../../src/ui/shared/rpc';
import { decodeLabelFile, labelRows } from '../../labels/support';
import { fakeBlobUtilities } from '../../support/fake-blob';
import { uiWorld } from '../../support/worlds';
import { shopForm } from '../support/shop-form';

/**
 * The label dialogs' server calls, each costed on the sheet (src/engine/sim/cost-model.ts): what one press
 * in a dialog costs in spreadsheet calls, and that a preview writes nothing.
 */

const scope = globalThis as { Utilities?: unknown };
beforeAll(() => {
  scope.Utilities = fakeBlobUtilities();
});
afterAll(() => {
  delete scope.Utilities;
});

function setUp() {
  const world = uiWorld();
  const carriers = DEMO_CARRIERS.map(({ name, ...values }) => ({
    name,
    values: { ...values, labels: name === 'ヤマト運輸' ? 'b2' : '' },
  }));
  expect(handleUiCall('sidebarSaveCarriers', world.env, { carriers }).ok).toBe(true);
  const shop = shopForm({
    credentials: { appKey: TEMU_SANDBOX_CREDENTIALS.appKey },
    secrets: { appSecret: TEMU_SANDBOX_CREDENTIALS.appSecret, accessToken: TEMU_SANDBOX_CREDENTIALS.accessToken },
    defaultCarrier: 'ヤマト運輸',
  });
  expect(handleUiCall('sidebarSaveShop', world.env, { originalName: null, shop }).ok).toBe(true);
  const doc = world.env.settingsDoc;
  doc.write({ ...doc.read(), shipper: DEMO_SHIPPER, labels: { b2: { billingCode: '012345678901', freightNo: '01' } } });
  expect(runFetch(world.env, { trigger: 'manual' }).exitCode).toBe(0);
  const model = new CostModel(world.clock);
  const book = new CostedSpreadsheet(world.book, model);
  const env: UiEnv = {
    ...world.env,
    book,
    settingsDoc: new SettingsTabDocument(book, world.props, CONNECTORS),
    loadSettings: () => loadSettingsFromBook(book, world.props, CONNECTORS),
    labelFiles: gasLabelFiles,
  };
  /** one dialog press: its answer and the spreadsheet calls it made */
  const press = <T>(name: Parameters<typeof handleUiCall>[0], req: unknown) => {
    const before = model.meter.sheetCalls;
    const reply = handleUiCall(name, env, req);
    if (!reply.ok) throw new Error(reply.message);
    return { value: reply.value as T, calls: model.meter.sheetCalls - before };
  };
  return { world, press };
}

const B2 = { format: 'b2', shop: '', reissue: false };

test('each dialog press is a handful of spreadsheet calls; previews write nothing', () => {
  const { world, press } = setUp();
  const orders = () => JSON.stringify(world.book.getSheet('受注一覧')!.readAll());
  const fetched = orders();

  const preview = press<LabelExportState>('labelExportGetState', B2);
  expect(preview.value.shipments).toBeGreaterThan(3);
  expect(orders()).toBe(fetched);
  const made = press<LabelExportFile>('labelExportMakeFile', B2);
  expect(made.value.shipments).toBe(preview.value.shipments);
  const rows = decodeLabelFile(Buffer.from(made.value.base64, 'base64')).rows;
  // made once, the rows are keyed: nothing new, unless re-issued
  expect(press<LabelExportState>('labelExportGetState', B2).value.shipments).toBe(0);
  const reissue = press<LabelExportState>('labelExportGetState', { ...B2, reissue: true }).value;
  expect(reissue.shipments).toBe(made.value.shipments);
  const file = { format: 'auto', fileName: 'b2.csv', base64: labelCsvBytes(issueB2(rows, 1)).toString('base64') };
  const keyed = orders();
  const importPreview = press<LabelImportPlanView>('labelImportPreview', file);
  expect(importPreview.value.fills.length).toBeGreaterThan(3);
  expect(orders()).toBe(keyed);
  const applied = press<LabelImportPlanView>('labelImportApply', file);
  expect(applied.value.applied).toBe(true);
  const state = press('labelImportGetState', {});

  const calls = {
    exportPreview: preview.calls,
    exportFile: made.calls,
    importState: state.calls,
    importPreview: importPreview.calls,
    importApply: applied.calls,
  };
  // a preview: the 設定 tab three times (the call's language, the dialog's, the run's settings) and 受注一覧
  // once; a writing run adds one 受注一覧 write, the dashboard and the Log append
  expect(calls.exportPreview).toBeLessThanOrEqual(4);
  expect(calls.importPreview).toBeLessThanOrEqual(4);
  expect(calls.exportFile).toBeLessThanOrEqual(8);
  expect(calls.importApply).toBeLessThanOrEqual(8);
  expect(calls.importState).toBeLessThanOrEqual(2);
  // the writing runs do write: more calls than their previews
  expect(calls.exportFile).toBeGreaterThan(calls.exportPreview);
  expect(calls.importApply).toBeGreaterThan(calls.importPreview);
});

test('the carrier is detected from the header; UTF-8 with a BOM reads as Shift-JIS does; the dialogs speak the sheet language', () => {
  const { world, press } = setUp();
  const made = press<LabelExportFile>('labelExportMakeFile', B2);
  const [, first, second] = decodeLabelFile(Buffer.from(made.value.base64, 'base64')).rows;
  const sjis = (rows: string[][]) => labelCsvBytes(rows).toString('base64');
  const utf8Bom = (rows: string[][]) =>
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(iconv.decode(labelCsvBytes(rows), 'cp932'))]).toString(
      'base64',
    );
  // e飛伝Ⅱ's and ゆうプリR's result files name their columns their own way
  const ehiden = [
    ['お問合せ送り状No', 'お客様管理ナンバー', '出荷日時'],
    ['4000-1111-2222', first[0], '2026/12/02 10:00'],
  ];
  const yupri = [
    ['お客様側管理番号', 'お問合せ番号', '発送予定日'],
    [second[0], '123456789012', '20261203'],
  ];
  const plan = (rows: string[][], encode: (r: string[][]) => string, format = 'auto') =>
    press<LabelImportPlanView>('labelImportPreview', { format, fileName: 'f.csv', base64: encode(rows) }).value;
  const e = plan(ehiden, sjis);
  expect(e.format).toBe('ehiden2');
  expect(e.fills[0]).toMatchObject({ key: first[0], tracking: '400011112222', shippedOn: '2026/12/02' });
  expect(plan(ehiden, utf8Bom)).toEqual(e);
  const y = plan(yupri, utf8Bom);
  expect(y.format).toBe('yupri');
  expect(y.fills[0]).toMatchObject({ key: second[0], tracking: '123456789012', shippedOn: '2026/12/03' });
  // chosen rather than detected: a ゆうプリR file is not B2 data
  const wrong = plan(yupri, sjis, 'b2');
  expect(wrong.refused).toBe(true);
  expect(wrong.lines[0]).toMatch(/^f\.csv: .*お客様管理番号/);

  expect(handleUiCall('sidebarSaveGeneral', world.env, { locale: 'en', timezone: 'Asia/Tokyo' }).ok).toBe(true);
  const en = press<LabelExportState>('labelExportGetState', B2).value;
  expect(en.locale).toBe('en');
  expect(en.strings['labels.ui.download']).toBe('Download CSV');
  expect(en.lines.join('\n')).toMatch(/label key/);
  const importState = press<{ strings: Record<string, string> }>('labelImportGetState', {}).value;
  expect(importState.strings['labels.ui.apply']).toBe('Apply');
});

test('without ご依頼主 the dialog says so and makes no file; a shop not in the settings is named', () => {
  const { world, press } = setUp();
  const doc = world.env.settingsDoc;
  doc.write({ ...doc.read(), shipper: { name: '', postalCode: '', address: '', phone: '' } });
  const state = press<LabelExportState>('labelExportGetState', B2).value;
  expect(state.stopped).toBe(true);
  expect(state.lines.join('\n')).toContain('shipper');
  const made = press<LabelExportFile>('labelExportMakeFile', B2).value;
  expect(made).toMatchObject({ done: false, base64: '' });
  expect(labelRowsKeyed(world)).toBe(0);
  const other = press<LabelExportState>('labelExportGetState', { ...B2, shop: 'どこにもない店' }).value;
  expect(other.stopped).toBe(true);
  expect(other.lines.join('\n')).toContain('どこにもない店');
});

function labelRowsKeyed(world: ReturnType<typeof setUp>['world']): number {
  return labelRows(world.book).filter((r) => r.labelKey !== '').length;
}

test("the dialog opens on the format of the shop's default carrier", () => {
  const { world, press } = setUp();
  expect(press<LabelExportState>('labelExportGetState', { ...B2, format: null }).value.request.format).toBe('b2');
  const doc = world.env.settingsDoc;
  const raw = doc.read();
  doc.write({
    ...raw,
    shops: raw.shops.map((s) => ({ ...s, defaultCarrier: '佐川急便' })),
    carriers: raw.carriers.map((c) => (c.name === '佐川急便' ? { ...c, labels: 'ehiden2' } : c)),
  });
  const state = press<LabelExportState>('labelExportGetState', { ...B2, format: null }).value;
  expect(state.request.format).toBe('ehiden2');
  expect(state.lines.join('\n')).toContain('e飛伝Ⅱ');
});
