import { loadSettingsFromBook } from '../../../src/engine/settings/tab';
import { CONNECTORS } from '../../../src/malls';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { QOO10_SANDBOX_CREDENTIALS } from '../../../src/sandbox/qoo10';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { handleUiCall } from '../../../src/ui/server/handlers';
import type { SaveShopResponse, SidebarState } from '../../../src/ui/shared/rpc';
import { allCellText, SANDBOX_URL, type UiWorld, uiWorld } from '../../support/worlds';
import { shopForm } from '../support/shop-form';

const TABS = ['設定', 'Settings', '受注一覧', 'Orders', 'ログ', 'Log'];
const TEMU_SECRETS = {
  appSecret: TEMU_SANDBOX_CREDENTIALS.appSecret,
  accessToken: TEMU_SANDBOX_CREDENTIALS.accessToken,
};

function call<T>(w: UiWorld, name: Parameters<typeof handleUiCall>[0], req: unknown): T {
  const reply = handleUiCall(name, w.env, req);
  if (!reply.ok) throw new Error(`call failed: ${reply.message}`);
  // what google.script.run carries: JSON only (a Date or a function would fail the call in Apps Script)
  const carried = JSON.parse(JSON.stringify(reply.value)) as T;
  expect(carried).toStrictEqual(reply.value);
  return carried;
}

function saveCarriers(w: UiWorld) {
  const carriers = DEMO_CARRIERS.map(({ name, ...values }) => ({ name, values }));
  return call<{ saved: boolean }>(w, 'sidebarSaveCarriers', { carriers });
}

function addTemu(w: UiWorld, over: Parameters<typeof shopForm>[0] = {}) {
  return call<SaveShopResponse>(w, 'sidebarSaveShop', {
    originalName: null,
    shop: shopForm({ credentials: { appKey: TEMU_SANDBOX_CREDENTIALS.appKey }, secrets: TEMU_SECRETS, ...over }),
  });
}

describe('sidebar server: shops', () => {
  test('an empty book shows no shops and no problem to fix', () => {
    const w = uiWorld();
    const state = call<SidebarState>(w, 'sidebarGetState', {});
    expect(state.shops).toEqual([]);
    expect(state.problems).toEqual([]);
    expect(state.malls.map((m) => m.id)).toEqual(['temu', 'tiktok', 'qoo10']);
    // only the fields each mall needs: Temu has region and warehouse, Qoo10 neither
    expect(state.malls.find((m) => m.id === 'temu')!.extraFields).toEqual(['region', 'warehouseId']);
    expect(state.malls.find((m) => m.id === 'qoo10')!.extraFields).toEqual([]);
    expect(state.strings['sidebar.save']).toBe('保存');
  });

  test('invalid input comes back field by field from the engine schema, and nothing is stored', () => {
    const w = uiWorld();
    const res = call<SaveShopResponse>(w, 'sidebarSaveShop', {
      originalName: null,
      shop: shopForm({
        name: '',
        days: 'abc',
        statuses: [],
        autoFetchMinutes: '7',
        endpointApi: 'http://x/path',
        secrets: { appSecret: 'typed-but-rejected' },
      }),
    });
    expect(res.saved).toBe(false);
    const fields = res.issues.map((i) => i.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'days',
        'statuses',
        'autoFetchMinutes',
        'endpointApi',
        'credentials.appKey',
        'secrets.accessToken',
      ]),
    );
    expect(fields).not.toContain('secrets.appSecret');
    for (const i of res.issues) expect(i.message).not.toBe('');
    expect(w.props.keys()).toEqual([]);
    expect(w.book.getSheet('設定')).toBeNull();
    expect(JSON.stringify(res)).not.toContain('typed-but-rejected');
  });

  test('a valid shop is saved: secrets in properties only, the tab masked, and the engine reads it back', () => {
    const w = uiWorld();
    expect(saveCarriers(w).saved).toBe(true);
    const res = addTemu(w, { defaultCarrier: 'ヤマト運輸' });
    expect(res.issues).toEqual([]);
    expect(res.saved).toBe(true);
    const shop = res.state!.shops[0];
    expect(shop.form.name).toBe('Temu 1号店');
    expect(shop.secretsSaved).toEqual({ appSecret: true, accessToken: true });
    expect(w.props.get('secret:Temu 1号店:appSecret')).toBe(TEMU_SECRETS.appSecret);

    const page = JSON.stringify(res);
    const cells = allCellText(w.book, TABS);
    for (const secret of Object.values(TEMU_SECRETS)) {
      expect(page).not.toContain(secret);
      expect(cells).not.toContain(secret);
    }
    expect(cells).toContain('●●●●');
    expect(cells).toContain(TEMU_SANDBOX_CREDENTIALS.appKey);

    const settings = loadSettingsFromBook(w.book, w.props, CONNECTORS);
    expect(settings.shops).toHaveLength(1);
    expect(settings.shops[0]).toMatchObject({
      name: 'Temu 1号店',
      mall: 'temu',
      credentials: { appKey: TEMU_SANDBOX_CREDENTIALS.appKey, ...TEMU_SECRETS },
      fetch: { statuses: ['UN_SHIPPING'], days: 7 },
      autoFetchMinutes: 30,
      defaultCarrier: 'ヤマト運輸',
      endpoints: { api: SANDBOX_URL },
    });
    expect(settings.carriers.map((c) => c.name)).toEqual(DEMO_CARRIERS.map((c) => c.name));
  });

  test('editing keeps saved secrets when the inputs are left empty; a rename takes them along', () => {
    const w = uiWorld();
    addTemu(w);
    w.props.set(
      'state:Temu 1号店',
      JSON.stringify({ lastFetchAt: Date.UTC(2026, 10, 21, 3, 0), expiresAt: Date.UTC(2026, 11, 1, 15, 0) }),
    );
    w.props.set('shop:Temu 1号店:token', 'cached');
    const before = call<SidebarState>(w, 'sidebarGetState', {}).shops[0].form;
    const res = call<SaveShopResponse>(w, 'sidebarSaveShop', {
      originalName: 'Temu 1号店',
      shop: { ...before, name: 'Temu 本店', days: '14' },
    });
    expect(res.issues).toEqual([]);
    expect(res.state!.shops.map((s) => s.form.name)).toEqual(['Temu 本店']);
    expect(w.props.get('secret:Temu 1号店:appSecret')).toBeNull();
    // the shop keeps its history: last fetch and expiry shown in the time zone, the connector's store
    expect(res.state!.shops[0]).toMatchObject({
      lastFetch: '2026-11-21 12:00',
      expiry: '2026-12-02 00:00',
      expiryDays: 9,
    });
    expect(w.props.get('shop:Temu 本店:token')).toBe('cached');
    expect(w.props.keys().filter((k) => k.includes('Temu 1号店'))).toEqual([]);
    const settings = loadSettingsFromBook(w.book, w.props, CONNECTORS);
    expect(settings.shops[0]).toMatchObject({ name: 'Temu 本店', fetch: { days: 14 }, credentials: TEMU_SECRETS });
  });

  test('a second shop with the same name is refused; a third shop grows the block without losing carriers', () => {
    const w = uiWorld();
    saveCarriers(w);
    addTemu(w);
    const dup = addTemu(w);
    expect(dup.saved).toBe(false);
    expect(dup.issues[0].field).toBe('name');
    for (let i = 2; i <= 7; i++) expect(addTemu(w, { name: `Temu ${i}` }).saved).toBe(true);
    const settings = loadSettingsFromBook(w.book, w.props, CONNECTORS);
    expect(settings.shops.map((s) => s.name)).toEqual([
      'Temu 1号店',
      'Temu 2',
      'Temu 3',
      'Temu 4',
      'Temu 5',
      'Temu 6',
      'Temu 7',
    ]);
    expect(settings.carriers).toHaveLength(3);
  });

  test('deleting a shop removes its row and its secrets', () => {
    const w = uiWorld();
    addTemu(w);
    addTemu(w, { name: 'Temu 2' });
    const state = call<SidebarState>(w, 'sidebarDeleteShop', { name: 'Temu 1号店' });
    expect(state.shops.map((s) => s.form.name)).toEqual(['Temu 2']);
    expect(w.props.keys().filter((k) => k.includes('Temu 1号店'))).toEqual([]);
    expect(loadSettingsFromBook(w.book, w.props, CONNECTORS).shops.map((s) => s.name)).toEqual(['Temu 2']);
  });

  test("the user's own columns stay with their shop through deletes and renames", () => {
    const w = uiWorld();
    addTemu(w, { name: 'A' });
    addTemu(w, { name: 'B' });
    const tab = w.book.getSheet('設定')!;
    const grid = tab.readAll();
    const header = grid.findIndex((row) => row[0] === 'ショップ名');
    const col = Math.max(...grid.map((r) => r.length)) + 1;
    tab.writeBlock(header + 1, col, [['担当者'], ['佐藤'], ['鈴木']]);
    call(w, 'sidebarDeleteShop', { name: 'A' });
    const form = call<SidebarState>(w, 'sidebarGetState', {}).shops[0].form;
    call(w, 'sidebarSaveShop', { originalName: 'B', shop: { ...form, name: 'B2' } });
    const after = tab.readAll();
    const row = after.find((r) => r[0] === 'B2')!;
    expect(row[col - 1]).toBe('鈴木');
    expect(after.flat()).not.toContain('佐藤');
    expect(after[header][col - 1]).toBe('担当者');
  });

  test("a shop's 納品書コメント and the tab's ご依頼主 lines survive a save from the sidebar", () => {
    const w = uiWorld();
    addTemu(w);
    const tab = w.book.getSheet('設定')!;
    const grid = tab.readAll();
    const r = grid.findIndex((row) => row[0] === 'Temu 1号店');
    const c = grid.find((row) => row.includes('納品書コメント'))!.indexOf('納品書コメント');
    tab.writeBlock(r + 1, c + 1, [['ご購入ありがとうございます。']]);
    // the template's blank row under [全般]: a seller's ご依頼主名 line
    const blankGeneral = grid.findIndex((row, i) => i > 0 && row.every((v) => v === ''));
    tab.writeBlock(blankGeneral + 1, 1, [['ご依頼主名', 'MallSheet商店']]);
    const form = call<SidebarState>(w, 'sidebarGetState', {}).shops[0].form;
    expect(
      call<SaveShopResponse>(w, 'sidebarSaveShop', {
        originalName: 'Temu 1号店',
        shop: { ...form, autoFetchMinutes: '60' },
      }).saved,
    ).toBe(true);
    call(w, 'sidebarSaveGeneral', { locale: 'ja', timezone: 'Asia/Tokyo' });
    const after = tab.readAll();
    expect(after.find((row) => row[0] === 'Temu 1号店')![c]).toBe('ご購入ありがとうございます。');
    expect(after[blankGeneral].slice(0, 2)).toEqual(['ご依頼主名', 'MallSheet商店']);
  });

  test('a secret typed into the tab by hand is kept when the sidebar saves', () => {
    const w = uiWorld();
    addTemu(w);
    const tab = w.book.getSheet('設定')!;
    const grid = tab.readAll();
    const r = grid.findIndex((row) => row[0] === 'Temu 1号店');
    const c =
      grid.findIndex((row) => row.includes('App Secret')) >= 0
        ? grid.find((row) => row.includes('App Secret'))!.indexOf('App Secret')
        : -1;
    expect(r).toBeGreaterThan(0);
    expect(c).toBeGreaterThan(0);
    tab.writeBlock(r + 1, c + 1, [['typed-in-the-cell-secret']]);
    const form = call<SidebarState>(w, 'sidebarGetState', {}).shops[0].form;
    expect(call<SaveShopResponse>(w, 'sidebarSaveShop', { originalName: 'Temu 1号店', shop: form }).saved).toBe(true);
    expect(w.props.get('secret:Temu 1号店:appSecret')).toBe('typed-in-the-cell-secret');
    expect(allCellText(w.book, TABS)).not.toContain('typed-in-the-cell-secret');
  });

  test('shops typed into the tab with mistakes open with their problems shown', () => {
    const w = uiWorld();
    w.env.settingsDoc.write({
      locale: 'ja',
      timezone: 'Asia/Tokyo',
      shops: [
        { name: 'Amazon', mall: 'amazon', credentials: {}, fetch: { statuses: [], days: 7 } },
        {
          name: 'Qoo10',
          mall: 'qoo10',
          credentials: { userId: 'u' },
          fetch: { statuses: ['SHIPPED'], days: 'abc' },
          autoFetchMinutes: 7,
        },
      ],
      carriers: [{ name: '', temu: 'Yamato' }],
    });
    const state = call<SidebarState>(w, 'sidebarGetState', {});
    expect(state.shops[0].issues.map((i) => i.field).sort()).toEqual(['mall', 'statuses']);
    expect(state.shops[1].issues.map((i) => i.field).sort()).toEqual([
      'autoFetchMinutes',
      'days',
      'secrets.apiKey',
      'secrets.password',
      'statuses',
    ]);
    expect(state.shops[1].form).toMatchObject({ days: 'abc', statuses: ['SHIPPED'], autoFetchMinutes: '7' });
    expect(state.problems).toHaveLength(1);
  });

  test('English settings give English pages and messages', () => {
    const w = uiWorld();
    const res = call<SaveShopResponse>(w, 'sidebarSaveGeneral', { locale: 'en', timezone: 'Asia/Tokyo' });
    expect(res.saved).toBe(true);
    expect(res.state!.locale).toBe('en');
    expect(res.state!.strings['sidebar.save']).toBe('Save');
    expect(res.state!.managementStatuses).toContain('Awaiting shipment');
    const bad = call<SaveShopResponse>(w, 'sidebarSaveGeneral', { locale: 'en', timezone: 'Mars/Olympus' });
    expect(bad.saved).toBe(false);
    expect(bad.issues[0].field).toBe('timezone');
  });
});

describe('sidebar server: carriers', () => {
  test('nameless and duplicate carriers are named by their row on the page; empty rows are dropped', () => {
    const w = uiWorld();
    type R = { saved: boolean; issues: { row: number; field: string }[] };
    const rows = [
      { name: 'ヤマト運輸', values: { temu: 'Yamato' } },
      { name: '', values: {} },
      { name: 'ヤマト運輸', values: { qoo10: 'ヤマト宅急便' } },
      { name: '', values: { temu: 'Sagawa' } },
    ];
    const nameless = call<R>(w, 'sidebarSaveCarriers', { carriers: rows });
    expect(nameless.saved).toBe(false);
    expect(nameless.issues).toEqual([expect.objectContaining({ row: 3, field: 'name' })]);
    rows[3].name = '佐川急便';
    const dup = call<R>(w, 'sidebarSaveCarriers', { carriers: rows });
    expect(dup.issues).toEqual([expect.objectContaining({ row: 2, field: 'name' })]);
    rows[2].name = 'ヤマト運輸（着払い）';
    expect(call<R>(w, 'sidebarSaveCarriers', { carriers: rows }).saved).toBe(true);
    expect(w.env.settingsDoc.read().carriers.map((c) => c.name)).toEqual([
      'ヤマト運輸',
      'ヤマト運輸（着払い）',
      '佐川急便',
    ]);
  });
});

describe('sidebar server: connection check and date range', () => {
  test('the check runs the engine against the sandbox mall and reports each line', () => {
    const w = uiWorld();
    saveCarriers(w);
    addTemu(w);
    const ok = call<{ lines: { id: string; ok: boolean; message: string }[] }>(w, 'sidebarCheckShop', {
      shop: 'Temu 1号店',
    });
    expect(ok.lines.length).toBeGreaterThan(2);
    expect(ok.lines.find((l) => l.id === 'expiry')?.ok).toBe(true);
    expect(JSON.stringify(ok)).not.toContain(TEMU_SECRETS.accessToken);

    w.sandbox.mall('temu').control('expire', {});
    const expired = call<{ lines: { id: string; ok: boolean; message: string }[] }>(w, 'sidebarCheckShop', {
      shop: 'Temu 1号店',
    });
    expect(expired.lines.some((l) => !l.ok)).toBe(true);
  });

  test('an unknown carrier in the table is a line saying what to do', () => {
    const w = uiWorld();
    call(w, 'sidebarSaveCarriers', { carriers: [{ name: 'どこか便', values: { temu: 'Nowhere Express' } }] });
    addTemu(w, { defaultCarrier: 'どこか便' });
    const res = call<{ lines: { id: string; ok: boolean; message: string }[] }>(w, 'sidebarCheckShop', {
      shop: 'Temu 1号店',
    });
    const line = res.lines.find((l) => l.id.startsWith('carrier'));
    expect(line?.ok).toBe(false);
    expect(line?.message).toContain('Nowhere Express');
  });

  test('the range dialog refuses bad dates and fetches a good range', () => {
    const w = uiWorld();
    addTemu(w);
    const state = call<{ today: string; defaultFrom: string; shops: string[] }>(w, 'dateRangeGetState', {});
    expect(state).toMatchObject({ today: '2026-11-22', defaultFrom: '2026-11-15', shops: ['Temu 1号店'] });

    type R = { done: boolean; issues: { field: string }[]; lines: { ok: boolean; message: string }[] };
    const bad = call<R>(w, 'fetchOrdersForRange', { from: '2026-11-20', to: '2026-11-02', shop: '' });
    expect(bad.done).toBe(false);
    expect(bad.issues.map((i) => i.field)).toEqual(['to']);
    expect(
      call<R>(w, 'fetchOrdersForRange', { from: '2026-02-30', to: '2026-11-23', shop: '' }).issues.map((i) => i.field),
    ).toEqual(['from', 'to']);
    expect(
      call<R>(w, 'fetchOrdersForRange', { from: '2025-01-01', to: '2026-11-22', shop: '' }).issues.map((i) => i.field),
    ).toEqual(['from']);
    expect(w.book.getSheet('受注一覧')).toBeNull();

    const good = call<R>(w, 'fetchOrdersForRange', { from: '2026-11-01', to: '2026-11-22', shop: 'Temu 1号店' });
    expect(good.issues).toEqual([]);
    expect(good.done).toBe(true);
    expect(good.lines).toHaveLength(1);
    expect(good.lines[0].ok).toBe(true);
    expect(w.book.getSheet('受注一覧')!.readAll().length).toBeGreaterThan(1);
  });
});

describe('sidebar server: the call boundary', () => {
  test('a malformed request is a readable refusal, not a stack trace', () => {
    const w = uiWorld();
    const reply = handleUiCall('sidebarSaveShop', w.env, { shop: 42 });
    expect(reply).toEqual({ ok: false, message: expect.stringContaining('サイドバー') });
  });

  test('Qoo10: the API key issue date is an optional field of the form, kept in the Settings tab and read back', () => {
    const w = uiWorld();
    const qoo10 = call<SidebarState>(w, 'sidebarGetState', {}).malls.find((m) => m.id === 'qoo10')!;
    expect(qoo10.credentialFields.find((f) => f.key === 'apiKeyIssuedOn')).toEqual({
      key: 'apiKeyIssuedOn',
      label: 'API 認証キー発行日（任意、YYYY-MM-DD）',
      secret: false,
      required: false,
    });
    const form = (issuedOn: string) =>
      shopForm({
        name: 'Qoo10 店',
        mall: 'qoo10',
        region: '',
        statuses: ['SHIPPING_REQUESTED'],
        credentials: { userId: QOO10_SANDBOX_CREDENTIALS.userId, apiKeyIssuedOn: issuedOn },
        secrets: { apiKey: QOO10_SANDBOX_CREDENTIALS.apiKey, password: QOO10_SANDBOX_CREDENTIALS.password },
      });
    const bad = call<SaveShopResponse>(w, 'sidebarSaveShop', { originalName: null, shop: form('2026/02/30') });
    expect(bad.saved).toBe(false);
    expect(bad.issues.map((i) => i.field)).toContain('credentials.apiKeyIssuedOn');
    const ok = call<SaveShopResponse>(w, 'sidebarSaveShop', { originalName: null, shop: form('2026-03-01') });
    expect(ok.issues).toEqual([]);
    expect(allCellText(w.book, TABS)).toContain('APIキー発行日');
    const read = loadSettingsFromBook(w.book, w.props, CONNECTORS);
    expect(read.shops.find((s) => s.name === 'Qoo10 店')?.credentials.apiKeyIssuedOn).toBe('2026-03-01');
  });

  test('an unexpected failure never echoes a stored secret', () => {
    const w = uiWorld();
    addTemu(w, { credentials: { appKey: TEMU_SANDBOX_CREDENTIALS.appKey } });
    w.props.set('secret:x:password', QOO10_SANDBOX_CREDENTIALS.password);
    w.env.settingsDoc.read = () => {
      throw new Error(`boom ${QOO10_SANDBOX_CREDENTIALS.password}`);
    };
    const reply = handleUiCall('sidebarGetState', w.env, {});
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain(QOO10_SANDBOX_CREDENTIALS.password);
    expect(w.log.lines.join('\n')).not.toContain(QOO10_SANDBOX_CREDENTIALS.password);

    // nor one the user just typed and that never reached properties
    const typed = 'just-typed-secret-value';
    w.env.settingsDoc.read = () => {
      throw new Error(`boom ${typed}`);
    };
    const save = handleUiCall('sidebarSaveShop', w.env, {
      originalName: null,
      shop: shopForm({ secrets: { appSecret: typed } }),
    });
    expect(save.ok).toBe(false);
    expect(JSON.stringify(save)).not.toContain(typed);
    expect(w.log.lines.join('\n')).not.toContain(typed);
  });
});
