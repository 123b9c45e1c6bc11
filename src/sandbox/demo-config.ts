import { demoQoo10Shop } from './qoo10';
import { demoTemuShop } from './temu';
import { demoTikTokShop } from './tiktok';

/**
 * The embedded default: one shop per sandbox mall and a carrier table whose names every sandbox mall
 * knows (each sandbox serves carriers named Yamato, Sagawa and Japan Post in its own protocol).
 */
export function demoSettings(baseUrl: string): Record<string, unknown> {
  return {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [demoTemuShop(baseUrl), demoTikTokShop(baseUrl), demoQoo10Shop(baseUrl)],
    carriers: DEMO_CARRIERS.map((c) => ({ ...c, labels: DEMO_LABEL_FORMATS[c.name] })),
    shipper: DEMO_SHIPPER,
    labels: { b2: { billingCode: '012345678901', freightNo: '01', itemName: '雑貨' } },
  };
}

/** A made-up ご依頼主 for the demo's label files. */
export const DEMO_SHIPPER = {
  name: 'MallSheet商店',
  postalCode: '150-0001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '03-1234-5678',
};

/** The label software whose issued data names each demo carrier (docs/shipping-labels.md). */
const DEMO_LABEL_FORMATS: Record<string, string> = { ヤマト運輸: 'b2', 佐川急便: 'ehiden2', 日本郵便: 'yupri' };

export const DEMO_CARRIERS = [
  { name: 'ヤマト運輸', temu: 'Yamato', tiktok: 'Yamato', qoo10: 'ヤマト宅急便' },
  { name: '佐川急便', temu: 'Sagawa', tiktok: 'Sagawa', qoo10: '佐川急便' },
  { name: '日本郵便', temu: 'Japan Post', tiktok: 'Japan Post', qoo10: 'ゆうパック' },
];
