import { demoShop } from '../demo-shop';

/** The sandbox seller's API key and QSM login: what CreateCertificationKey accepts. */
export const QOO10_SANDBOX_CREDENTIALS = {
  apiKey: 'qoo10-sandbox-api-key',
  userId: 'sandbox-seller',
  password: 'sandbox-Pa55!',
} as const;

/** A shop of the settings model (docs/contract.md §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoQoo10Shop(baseUrl: string): Record<string, unknown> {
  return demoShop(
    'Qoo10 デモ店',
    'qoo10',
    {
      credentials: { ...QOO10_SANDBOX_CREDENTIALS },
      fetch: { statuses: ['SHIPPING_REQUESTED', 'SELLER_CONFIRMED'], days: 7 },
    },
    baseUrl,
  );
}
