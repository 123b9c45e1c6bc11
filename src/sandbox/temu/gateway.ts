import { expectedSign } from './signature';

/**
 * The sandbox gateway's checks, in the order a gateway can make them (docs/malls/temu.md §5, the common
 * error code table): the API type, the timestamp (3000010 none, 3000011 in the future, 3000012 expired),
 * data_type, the app key (3000025 none, 3000026 unknown, 3000028 suspended), the signature (3000040 none,
 * 3000001 wrong), the access token (3000030 none, 3000031 unknown, 3000033 another app's, 3000034 expired).
 */

export interface GatewayApp {
  appKey: string;
  appSecret: string;
  suspended: boolean;
}

export interface GatewayToken {
  accessToken: string;
  appKey: string;
  expired: boolean;
}

export type GatewayRefusal = { code: number; msg: string };

const TIMESTAMP_WINDOW_S = 300;

export function checkGateway(
  p: Record<string, unknown>,
  nowS: number,
  apps: GatewayApp[],
  tokens: GatewayToken[],
): GatewayRefusal | null {
  const no = (code: number, msg: string): GatewayRefusal => ({ code, msg });
  if (typeof p.type !== 'string' || p.type === '') return no(3000002, 'there is no type in body.');

  if (p.timestamp === undefined || p.timestamp === null || p.timestamp === '')
    return no(3000010, 'there is no timestamp in body.');
  const ts = /^\d{10}$/.test(String(p.timestamp)) ? Number(p.timestamp) : Number.NaN;
  // a millisecond timestamp reads as far in the future: "invalid" like any other one past now + 300 s
  if (Number.isNaN(ts) || ts > nowS + TIMESTAMP_WINDOW_S) return no(3000011, 'timestamp is invalid.');
  if (ts < nowS - TIMESTAMP_WINDOW_S) return no(3000012, 'timestamp is expired.');

  if (p.data_type === undefined || p.data_type === '') return no(3000013, 'there is no data_type in body.');
  if (String(p.data_type).toUpperCase() !== 'JSON') return no(3000014, 'data_type is invalid');

  if (typeof p.app_key !== 'string' || p.app_key === '') return no(3000025, 'there is no app_key in body.');
  const app = apps.find((a) => a.appKey === p.app_key);
  if (!app) return no(3000026, 'app_key not exists.');
  if (app.suspended) {
    return no(
      3000028,
      'app_key have been suspended, please contact temu product support team to recover your app status.',
    );
  }

  if (typeof p.sign !== 'string' || p.sign === '') return no(3000040, 'there is no sign in body.');
  if (expectedSign(p, app.appSecret) !== p.sign) return no(3000001, 'SIGN_UNVALID');

  if (typeof p.access_token !== 'string' || p.access_token === '')
    return no(3000030, 'there is no access_token in body.');
  const token = tokens.find((t) => t.accessToken === p.access_token);
  if (!token) return no(3000031, 'access_token not exists.');
  if (token.appKey !== app.appKey) return no(3000033, 'access_token and app_key are not mapping.');
  if (token.expired) {
    return no(
      3000034,
      'access_token is expired or have been refreshed, please contact seller to share the new access_token with you.',
    );
  }
  return null;
}
