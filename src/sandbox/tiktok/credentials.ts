import { demoShop } from '../demo-shop';

/** The sandbox app's credentials (demoTikTokShop puts them in the settings). */
export const TIKTOK_SANDBOX_APP = {
  appKey: '6abc29a39d',
  appSecret: 'sandbox-tiktok-secret-e59af819cc',
  refreshToken: 'TTP_sandbox_refresh_0001',
} as const;

/** A shop of the settings model (docs/contract.md §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoTikTokShop(baseUrl: string): Record<string, unknown> {
  return demoShop(
    'TikTok Shop 1号店',
    'tiktok',
    { credentials: { ...TIKTOK_SANDBOX_APP }, fetch: { statuses: ['ON_HOLD', 'AWAITING_SHIPMENT'], days: 7 } },
    baseUrl,
  );
}
