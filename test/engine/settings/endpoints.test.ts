import { SettingsError } from '../../../src/engine/settings/errors';
import { parseSettings } from '../../../src/engine/settings/parse';
import { CONNECTORS } from '../../../src/malls';
import { DEMO_CARRIERS } from '../../../src/sandbox/demo-config';
import { demoQoo10Shop } from '../../../src/sandbox/qoo10';
import { demoTemuShop } from '../../../src/sandbox/temu';
import { demoTikTokShop } from '../../../src/sandbox/tiktok';

/**
 * Requests carry signatures, tokens and the Qoo10 password: an endpoint override may point at the local
 * sandbox (loopback) or at the mall's own official hosts, nothing else.
 */
function check(shop: Record<string, unknown>): SettingsError | null {
  try {
    parseSettings({ locale: 'en', shops: [shop], carriers: DEMO_CARRIERS }, CONNECTORS);
    return null;
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
}

const shops = { temu: demoTemuShop, tiktok: demoTikTokShop, qoo10: demoQoo10Shop };
const temuWithApi = (api: string) => ({ ...demoTemuShop('http://127.0.0.1:1'), endpoints: { api } });

test.each([
  'http://127.0.0.1:8787',
  'http://127.8.9.10',
  'http://localhost:3000',
  'http://[::1]:8787',
  'https://openapi-b-global.temu.com',
  'https://openapi-b-us.temu.com:443',
])('temu api %s is allowed', (url) => {
  expect(check(temuWithApi(url))).toBeNull();
});

test.each([
  ['link-local metadata', 'http://169.254.169.254'],
  ['a private range', 'http://10.0.0.5:8080'],
  ['a private range', 'http://192.168.1.10'],
  ['an external server', 'https://evil.example.com'],
  ['a look-alike host', 'https://openapi-b-global.temu.com.evil.example'],
  ['another mall’s host', 'https://api.qoo10.jp'],
  ['an official host over plain http', 'http://openapi-b-global.temu.com'],
  ['port 0', 'http://127.0.0.1:0'],
  ['port 65536', 'http://127.0.0.1:65536'],
  ['a loopback look-alike', 'http://127.0.0.1.evil.example'],
  ['user info', 'http://user@127.0.0.1'],
])('temu api: %s (%s) is invalid settings, naming shop and field', (_, url) => {
  const e = check(temuWithApi(url));
  expect(e).not.toBeNull();
  expect(e!.issues).toEqual([expect.objectContaining({ shop: 'Temu 1号店', field: 'endpoints.api' })]);
});

test('each mall allows its own official hosts, for api and auth', () => {
  const tiktok = {
    ...shops.tiktok('http://127.0.0.1:1'),
    endpoints: { api: 'https://open-api.tiktokglobalshop.com', auth: 'https://auth.tiktok-shops.com' },
  };
  expect(check(tiktok)).toBeNull();
  expect(check({ ...shops.qoo10('http://127.0.0.1:1'), endpoints: { api: 'https://api.qoo10.jp' } })).toBeNull();
  const bad = check({
    ...tiktok,
    endpoints: { api: 'https://open-api.tiktokglobalshop.com', auth: 'http://169.254.169.254' },
  });
  expect(bad!.issues).toEqual([expect.objectContaining({ field: 'endpoints.auth' })]);
  expect(bad!.message).toContain('auth.tiktok-shops.com');
});
