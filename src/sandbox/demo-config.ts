import { demoTemuShop } from './temu';
import { demoTikTokShop } from './tiktok';
import { demoQoo10Shop } from './qoo10';

/**
 * The embedded default: one shop per sandbox mall and a carrier table whose names every sandbox mall
 * knows (each sandbox serves carriers named Yamato, Sagawa and Japan Post in its own protocol).
 */
export function demoSettings(baseUrl: string): Record<string, unknown> {
  return {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    shops: [demoTemuShop(baseUrl), demoTikTokShop(baseUrl), demoQoo10Shop(baseUrl)],
    carriers: DEMO_CARRIERS,
  };
}

export const DEMO_CARRIERS = [
  { name: 'ヤマト運輸', temu: 'Yamato', tiktok: 'Yamato', qoo10: 'ヤマト宅急便' },
  { name: '佐川急便', temu: 'Sagawa', tiktok: 'Sagawa', qoo10: '佐川急便' },
  { name: '日本郵便', temu: 'Japan Post', tiktok: 'Japan Post', qoo10: 'ゆうパック' },
];
