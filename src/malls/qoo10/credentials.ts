import { z } from 'zod';
import type { CredentialField } from '../../engine/connector';
import { jstDate } from './dates';

/** docs/contract.md §4 qoo10 credentials: the QSM API key plus the QSM login that issues the seller auth key. */
export const Qoo10CredentialsSchema = z.object({
  apiKey: z.string().trim().min(1),
  userId: z.string().trim().min(1),
  password: z.string().min(1),
  // the API key expires a year after issue and Qoo10 sends no notice (docs/malls/qoo10.md §2): optional, so
  // the expiry can be shown and warned of
  apiKeyIssuedOn: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || jstDate(v) !== null, { message: 'YYYY-MM-DD' }),
});

export const QOO10_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  { key: 'apiKey', secret: true, required: true },
  { key: 'userId', secret: false, required: true },
  { key: 'password', secret: true, required: true },
  { key: 'apiKeyIssuedOn', secret: false, required: false },
];
