import type { MallCarrier } from '../shared/carriers';

/**
 * Qoo10 publishes no ShippingCorp list; these are the names seen accepted in working Japanese
 * integrations (docs/malls/qoo10.md §4 Carrier strings: S15, S16, S3). Used only to warn in the check.
 */
export const KNOWN_QOO10_CARRIERS: readonly MallCarrier[] = [
  'ヤマト宅急便',
  'ネコポス',
  'クロネコDM便',
  'ゆうパック',
  'ゆうパケット',
  'クリックポスト',
  'コンビニ等受取',
  '佐川急便',
  '福山通運',
  '西濃運輸',
  'Qxpress',
].map((name) => ({ id: name, names: [name] }));
