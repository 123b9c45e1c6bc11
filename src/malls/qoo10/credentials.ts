import { z } from 'zod';
import type { CredentialField } from '../../engine/connector';

/** docs/contract.md §4 qoo10 credentials: the QSM API key plus the QSM login that issues the seller auth key. */
export const Qoo10CredentialsSchema = z.object({
  apiKey: z.string().trim().min(1),
  userId: z.string().trim().min(1),
  password: z.string().min(1),
});

export const QOO10_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  { key: 'apiKey', secret: true, required: true },
  { key: 'userId', secret: false, required: true },
  { key: 'password', secret: true, required: true },
];
