import { z } from 'zod';
import type { CredentialField } from '../../engine/connector';

/** docs/contract.md §4 temu credentials. */
export const TemuCredentialsSchema = z.object({
  appKey: z.string().trim().min(1),
  appSecret: z.string().trim().min(1),
  accessToken: z.string().trim().min(1),
});
export type TemuCredentials = z.infer<typeof TemuCredentialsSchema>;

export const TEMU_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  { key: 'appKey', secret: false, required: true },
  { key: 'appSecret', secret: true, required: true },
  { key: 'accessToken', secret: true, required: true },
];
