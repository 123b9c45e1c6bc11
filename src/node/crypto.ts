import { createHash, createHmac } from 'node:crypto';
import type { CryptoPort } from '../ports';

export const nodeCrypto: CryptoPort = {
  md5Hex: (s) => createHash('md5').update(s, 'utf8').digest('hex'),
  hmacSha256Hex: (key, message) => createHmac('sha256', Buffer.from(key, 'utf8')).update(message, 'utf8').digest('hex'),
};
