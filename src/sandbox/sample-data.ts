/**
 * Deterministic sample buyers and products shared by the sandbox malls. The data is hostile on purpose:
 * formula-like names and SKUs, `+81…` phones, leading-zero postcodes, full-width text (docs/contract.md §2).
 */

/** mulberry32: small, fast, deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

export interface SampleBuyer {
  name: string;
  phone: string;
  postalCode: string;
  prefecture: string;
  city: string;
  line1: string;
  line2: string;
}

export const BUYERS: readonly SampleBuyer[] = [
  {
    name: '山田 太郎',
    phone: '+81-90-1234-5678',
    postalCode: '060-0001',
    prefecture: '北海道',
    city: '札幌市中央区',
    line1: '北一条西2-1',
    line2: '',
  },
  {
    name: '=HYPERLINK("http://example.invalid","佐藤")',
    phone: '+81 80 2345 6789',
    postalCode: '0010010',
    prefecture: '北海道',
    city: '札幌市北区',
    line1: '北十条西4-1',
    line2: 'サンプルマンション101',
  },
  {
    name: '鈴木 花子',
    phone: '090-3456-7890',
    postalCode: '100-0005',
    prefecture: '東京都',
    city: '千代田区',
    line1: '丸の内1-9-1',
    line2: '',
  },
  {
    name: '+高橋 一郎',
    phone: '+819045678901',
    postalCode: '530-0001',
    prefecture: '大阪府',
    city: '大阪市北区',
    line1: '梅田3-1-1',
    line2: '＠オフィス 5F',
  },
  {
    name: '@伊藤 美咲',
    phone: '0120-123-456',
    postalCode: '020-0021',
    prefecture: '岩手県',
    city: '盛岡市',
    line1: '中央通1-1',
    line2: '',
  },
  {
    name: '-渡辺 健',
    phone: '+81-3-1234-5678',
    postalCode: '900-0006',
    prefecture: '沖縄県',
    city: '那覇市',
    line1: 'おもろまち1-1',
    line2: '\t別館',
  },
  {
    name: 'Emily Tanaka',
    phone: '070-5678-1234',
    postalCode: '812-0011',
    prefecture: '福岡県',
    city: '福岡市博多区',
    line1: '博多駅前2-1-1',
    line2: '',
  },
];

/**
 * The buyer at a house number of their own: orders of one sample name at different houses are different
 * recipients, so only the orders a generator repeats on purpose ship together (同梱, docs/shipping-labels.md §6).
 */
export function atHouse(b: SampleBuyer, house: number): SampleBuyer {
  return { ...b, line1: `${b.line1}-${house}` };
}

export interface SampleProduct {
  name: string;
  variant: string;
  sku: string;
  /** price in yen (JPY has no minor unit) */
  price: number;
}

export const PRODUCTS: readonly SampleProduct[] = [
  { name: 'ステンレス 保温マグ 350ml', variant: 'ホワイト', sku: 'MUG-350-WH', price: 1980 },
  { name: 'ステンレス 保温マグ 350ml', variant: 'ブラック', sku: 'MUG-350-BK', price: 1980 },
  { name: '今治タオル フェイスタオル 2枚組', variant: 'ネイビー', sku: '00123-NV', price: 2480 },
  { name: 'スマホスタンド 折りたたみ', variant: '', sku: '=SUM(1,2)', price: 980 },
  { name: 'コットン Tシャツ', variant: 'L / グレー', sku: '-TS-L-GY', price: 2990 },
  { name: 'ワイヤレスイヤホン', variant: '＋ケース付き', sku: '+EAR-01', price: 5980 },
  { name: 'アロマキャンドル', variant: '@ラベンダー', sku: 'CANDLE-LV', price: 1500 },
];
