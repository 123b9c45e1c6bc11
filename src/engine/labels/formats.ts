import type { B2Settings, LabelFormat, Shipper } from '../settings/schema';

/**
 * The label files, as declarative tables (docs/shipping-labels.md §2–§4): each format's columns in file order,
 * what fills each, and the field sizes in Shift-JIS bytes (a full-width character is 2 bytes). A column
 * without `value` is written blank. Field sizes marked [verify] in docs/shipping-labels.md rest on one source.
 */

/** One shipment after fitting to a format: the address already split to the format's fields. */
export interface FittedShipment {
  key: string;
  /** NNN-NNNN */
  postalCode: string;
  phone: string;
  /** the address in the format's address fields, in order ('' for unused ones) */
  address: string[];
  name: string;
  /** 品名, shortened to the format's item field */
  item: string;
  /** YYYYMMDD in the settings' time zone */
  shipDate: string;
  shipper: FittedShipper;
  b2: B2Settings | undefined;
}

export interface FittedShipper extends Shipper {
  address1: string;
  address2: string;
  address3: string;
}

export interface LabelColumn {
  header: string;
  /** Shift-JIS bytes the carrier accepts; values are fitted before they get here, this bounds them again */
  bytes?: number;
  value?: (s: FittedShipment) => string;
}

export interface IssuedLayout {
  /** header names (any one of each list) of the columns the import reads */
  key: string[];
  tracking: string[];
  shippedOn: string[];
}

export interface LabelFormatDef {
  id: LabelFormat;
  /** the software's own name, for messages and the README */
  title: string;
  /** a key column exists: the issued data can come back */
  keyed: boolean;
  needsShipper: boolean;
  needsB2: boolean;
  /** byte size of each address field, in order: the address fills them one after another */
  addressFields: number[];
  /** byte size of the shipper's address fields */
  shipperAddressFields: number[];
  nameBytes: number;
  itemBytes: number;
  columns: LabelColumn[];
  /** the issued-data (result) file, when the software writes one MallSheet reads */
  issued?: IssuedLayout;
}

const slash = (d: string) => `${d.slice(0, 4)}/${d.slice(4, 6)}/${d.slice(6, 8)}`;
const digits = (v: string) => v.normalize('NFKC').replace(/\D/g, '');
const blank = (header: string): LabelColumn => ({ header });

/** B2クラウド 基本レイアウト columns 1–42 (docs/shipping-labels.md §2.1); later columns are left out, as exporters leave them blank. */
const B2: LabelFormatDef = {
  id: 'b2',
  title: 'B2クラウド',
  keyed: true,
  needsShipper: true,
  needsB2: true,
  addressFields: [64, 32],
  shipperAddressFields: [64, 32],
  nameBytes: 32,
  itemBytes: 50,
  columns: [
    { header: 'お客様管理番号', bytes: 20, value: (s) => s.key },
    { header: '送り状種類', value: () => '0' }, // 0 発払い
    { header: 'クール区分', value: () => '0' },
    blank('伝票番号'),
    { header: '出荷予定日', value: (s) => slash(s.shipDate) },
    blank('お届け予定（指定）日'),
    blank('配達時間帯'),
    blank('お届け先コード'),
    { header: 'お届け先電話番号', bytes: 15, value: (s) => s.phone },
    blank('お届け先電話番号枝番'),
    { header: 'お届け先郵便番号', bytes: 8, value: (s) => s.postalCode },
    { header: 'お届け先住所', bytes: 64, value: (s) => s.address[0] },
    { header: 'お届け先アパートマンション名', bytes: 32, value: (s) => s.address[1] },
    blank('お届け先会社・部門１'),
    blank('お届け先会社・部門２'),
    { header: 'お届け先名', bytes: 32, value: (s) => s.name },
    blank('お届け先名（ｶﾅ）'),
    { header: '敬称', bytes: 4, value: () => '様' },
    blank('ご依頼主コード'),
    { header: 'ご依頼主電話番号', bytes: 15, value: (s) => s.shipper.phone },
    blank('ご依頼主電話番号枝番'),
    { header: 'ご依頼主郵便番号', bytes: 8, value: (s) => s.shipper.postalCode },
    { header: 'ご依頼主住所', bytes: 64, value: (s) => s.shipper.address1 },
    { header: 'ご依頼主アパートマンション名', bytes: 32, value: (s) => s.shipper.address2 },
    { header: 'ご依頼主名', bytes: 32, value: (s) => s.shipper.name },
    blank('ご依頼主名（ｶﾅ）'),
    blank('品名コード１'),
    { header: '品名１', bytes: 50, value: (s) => s.item },
    blank('品名コード２'),
    blank('品名２'),
    { header: '荷扱い１', bytes: 20, value: (s) => s.b2?.handling ?? '' },
    blank('荷扱い２'),
    blank('記事'),
    blank('コレクト代金引換額（税込）'),
    blank('内消費税額等'),
    blank('営業所止置き'),
    blank('営業所コード'),
    blank('発行枚数'),
    blank('個数口枠の印字'),
    { header: '請求先顧客コード', bytes: 12, value: (s) => digits(s.b2?.billingCode ?? '') },
    { header: '請求先分類コード', bytes: 3, value: (s) => digits(s.b2?.billingClass ?? '') },
    { header: '運賃管理番号', bytes: 2, value: (s) => digits(s.b2?.freightNo ?? '') },
  ],
  // 発行済データ: the same layout with 伝票番号 filled, read by header name (docs/shipping-labels.md §2.2)
  issued: { key: ['お客様管理番号'], tracking: ['伝票番号'], shippedOn: ['出荷予定日', '出荷日'] },
};

/** 佐川急便 e飛伝Ⅱ 取込 layout (docs/shipping-labels.md §3): address lines 16 full-width × 3, names 16. */
const EHIDEN2: LabelFormatDef = {
  id: 'ehiden2',
  title: 'e飛伝Ⅱ',
  keyed: true,
  needsShipper: true,
  needsB2: false,
  addressFields: [32, 32, 32],
  shipperAddressFields: [32, 32],
  nameBytes: 32,
  itemBytes: 32,
  columns: [
    blank('住所録コード'),
    { header: 'お届け先電話番号', bytes: 14, value: (s) => s.phone },
    { header: 'お届け先郵便番号', bytes: 8, value: (s) => s.postalCode },
    { header: 'お届け先住所１', bytes: 32, value: (s) => s.address[0] },
    { header: 'お届け先住所２', bytes: 32, value: (s) => s.address[1] },
    { header: 'お届け先住所３', bytes: 32, value: (s) => s.address[2] },
    { header: 'お届け先名称１', bytes: 32, value: (s) => s.name },
    blank('お届け先名称２'),
    // always filled: a public importer had to match on names because it was not (docs/shipping-labels.md §3)
    { header: 'お客様管理ナンバー', bytes: 16, value: (s) => s.key },
    blank('お客様コード'),
    blank('部署・担当者（荷送人）'),
    blank('荷送人電話番号'),
    { header: 'ご依頼主電話番号', bytes: 14, value: (s) => s.shipper.phone },
    { header: 'ご依頼主郵便番号', bytes: 8, value: (s) => s.shipper.postalCode },
    { header: 'ご依頼主住所１', bytes: 32, value: (s) => s.shipper.address1 },
    { header: 'ご依頼主住所２', bytes: 32, value: (s) => s.shipper.address2 },
    { header: 'ご依頼主名称１', bytes: 32, value: (s) => s.shipper.name },
    blank('ご依頼主名称２'),
    { header: '荷姿コード', value: () => '001' }, // 001 箱類
    { header: '品名１', bytes: 32, value: (s) => s.item },
    blank('品名２'),
    blank('品名３'),
    blank('品名４'),
    blank('品名５'),
    { header: '出荷個数', value: () => '1' },
    blank('便種（スピードで選択）'),
    blank('便種（商品）'),
    blank('配達日'),
    blank('配達指定時間帯'),
    blank('配達指定時間（時分）'),
    blank('代引金額'),
    blank('消費税'),
    blank('保険金額'),
    blank('指定シール①'),
    blank('指定シール②'),
    blank('指定シール③'),
    blank('営業店止め'),
    blank('営業店コード'),
    { header: '元着区分', value: () => '1' }, // 1 元払い
  ],
  issued: {
    key: ['お客様管理ナンバー', 'お客様管理番号'],
    tracking: ['お問合せ送り状No', 'お問い合せ送り状No', 'お問合せ送り状番号'],
    shippedOn: ['出荷日時', '出荷日'],
  },
};

/**
 * ゆうパックプリントR 発送予定データ (docs/shipping-labels.md §4). ゆうプリR reads it through a 取込フィルタ the
 * seller registers once; the columns below are that mapping (README: Shipping labels).
 */
const YUPRI: LabelFormatDef = {
  id: 'yupri',
  title: 'ゆうパックプリントR',
  keyed: true,
  needsShipper: true,
  needsB2: false,
  addressFields: [50, 50, 50],
  shipperAddressFields: [50, 50, 50],
  nameBytes: 50,
  itemBytes: 50,
  columns: [
    { header: 'お客様側管理番号', bytes: 20, value: (s) => s.key },
    { header: '発送予定日', value: (s) => s.shipDate },
    blank('発送予定時間区分'),
    blank('出荷期限日'),
    blank('到着期限日'),
    { header: '郵便種別', value: () => '0' }, // 0 ゆうパック
    { header: '保冷種別', value: () => '0' },
    { header: '元/着払/代引', value: () => '0' },
    blank('お届け先コード'),
    { header: 'お届け先郵便番号', bytes: 8, value: (s) => s.postalCode },
    { header: 'お届け先住所1', bytes: 50, value: (s) => s.address[0] },
    { header: 'お届け先住所2', bytes: 50, value: (s) => s.address[1] },
    { header: 'お届け先住所3', bytes: 50, value: (s) => s.address[2] },
    { header: 'お届け先名称', bytes: 50, value: (s) => s.name },
    { header: 'お届け先敬称', value: () => '様' },
    { header: 'お届け先電話番号', bytes: 15, value: (s) => s.phone },
    { header: 'ご依頼主郵便番号', bytes: 8, value: (s) => s.shipper.postalCode },
    { header: 'ご依頼主住所1', bytes: 50, value: (s) => s.shipper.address1 },
    { header: 'ご依頼主住所2', bytes: 50, value: (s) => s.shipper.address2 },
    { header: 'ご依頼主住所3', bytes: 50, value: (s) => s.shipper.address3 },
    { header: 'ご依頼主名称', bytes: 50, value: (s) => s.shipper.name },
    { header: 'ご依頼主電話番号', bytes: 15, value: (s) => s.shipper.phone },
    { header: '品名', bytes: 50, value: (s) => s.item },
    { header: '個数', value: () => '1' },
  ],
  issued: {
    key: ['お客様側管理番号'],
    tracking: ['お問合せ番号', 'お問い合わせ番号', '問合せ番号', '追跡番号'],
    shippedOn: ['発送予定日', '差出予定日', '発送日'],
  },
};

/** クリックポスト まとめ申込 (docs/shipping-labels.md §4): no key column, so no issued data to read back. */
const CLICKPOST: LabelFormatDef = {
  id: 'clickpost',
  title: 'クリックポスト',
  keyed: false,
  needsShipper: false,
  needsB2: false,
  addressFields: [40, 40, 40, 40],
  shipperAddressFields: [],
  nameBytes: 40,
  itemBytes: 30,
  columns: [
    { header: 'お届け先郵便番号', bytes: 8, value: (s) => s.postalCode },
    { header: 'お届け先氏名', bytes: 40, value: (s) => s.name },
    { header: 'お届け先敬称', value: () => '様' },
    { header: 'お届け先住所1行目', bytes: 40, value: (s) => s.address[0] },
    { header: 'お届け先住所2行目', bytes: 40, value: (s) => s.address[1] },
    { header: 'お届け先住所3行目', bytes: 40, value: (s) => s.address[2] },
    { header: 'お届け先住所4行目', bytes: 40, value: (s) => s.address[3] },
    { header: '内容品', bytes: 30, value: (s) => s.item },
  ],
};

export const LABEL_FORMAT_DEFS: Record<LabelFormat, LabelFormatDef> = {
  b2: B2,
  ehiden2: EHIDEN2,
  yupri: YUPRI,
  clickpost: CLICKPOST,
};
