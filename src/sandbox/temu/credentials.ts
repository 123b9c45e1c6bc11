import { demoShop } from '../demo-shop';

/** The sandbox app and its store's token: the only credentials the sandbox Temu gateway accepts. */
export const TEMU_SANDBOX_CREDENTIALS = {
  appKey: 'sandbox-temu-app-key-0001',
  appSecret: 'sandbox-temu-app-secret-2f8d41c7',
  accessToken: 'sandbox-temu-access-token-9a3e5b',
} as const;

/** A shop of the settings model (docs/contract.md §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoTemuShop(baseUrl: string): Record<string, unknown> {
  return demoShop(
    'Temu 1号店',
    'temu',
    { credentials: { ...TEMU_SANDBOX_CREDENTIALS }, region: 'global', fetch: { statuses: ['UN_SHIPPING'], days: 7 } },
    baseUrl,
  );
}
