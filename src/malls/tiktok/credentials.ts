import { z } from 'zod';
import type { CredentialField } from '../../engine/connector';

/** docs/contract.md §4 tiktok credentials: the app, the seller's refresh token, and what the first token call fills in. */
const nonEmpty = z.string().trim().min(1);
export const TikTokCredentialsSchema = z.object({
  appKey: nonEmpty,
  appSecret: nonEmpty,
  refreshToken: nonEmpty,
  accessToken: z.string().trim().optional(),
  shopCipher: z.string().trim().optional(),
});

export const TIKTOK_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  { key: 'appKey', secret: false, required: true },
  { key: 'appSecret', secret: true, required: true },
  { key: 'refreshToken', secret: true, required: true },
  { key: 'accessToken', secret: true, required: false },
  { key: 'shopCipher', secret: false, required: false },
];
