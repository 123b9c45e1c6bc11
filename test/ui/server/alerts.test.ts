import { ALERT_WEBHOOK_KEY } from '../../../src/engine/settings/tab';
import { TEMU_SANDBOX_CREDENTIALS } from '../../../src/sandbox/temu';
import { handleUiCall } from '../../../src/ui/server/handlers';
import type { SaveShopResponse, TestAlertResponse } from '../../../src/ui/shared/rpc';
import { allCellText, type UiWorld, uiWorld } from '../../support/worlds';
import { shopForm } from '../support/shop-form';

/** The sidebar's alert settings: saved to the Settings tab's [通知] block and properties; a test alert goes out. */
const HOOK = 'https://hooks.slack.com/services/T000/B000/very-secret-part';

function call<T>(w: UiWorld, name: Parameters<typeof handleUiCall>[0], req: unknown): T {
  const reply = handleUiCall(name, w.env, req);
  if (!reply.ok) throw new Error(`call failed: ${reply.message}`);
  return JSON.parse(JSON.stringify(reply.value)) as T;
}

function withShop() {
  const w = uiWorld();
  const saved = call<SaveShopResponse>(w, 'sidebarSaveShop', {
    originalName: null,
    shop: shopForm({
      credentials: { appKey: TEMU_SANDBOX_CREDENTIALS.appKey },
      secrets: { appSecret: TEMU_SANDBOX_CREDENTIALS.appSecret, accessToken: TEMU_SANDBOX_CREDENTIALS.accessToken },
    }),
  });
  expect(saved.saved).toBe(true);
  return w;
}

test('addresses and the digest go to the tab, the webhook to properties; the page only learns it is saved', () => {
  const w = withShop();
  const r = call<SaveShopResponse>(w, 'sidebarSaveAlerts', {
    email: 'a@example.com, b@example.com',
    digest: true,
    webhook: HOOK,
    clearWebhook: false,
  });
  expect(r.saved).toBe(true);
  expect(r.state!.alerts).toEqual({ email: 'a@example.com, b@example.com', digest: true, webhookSaved: true });
  expect(w.props.get(ALERT_WEBHOOK_KEY)).toBe(HOOK);
  expect(allCellText(w.book, ['設定'])).not.toContain('very-secret-part');
  expect(JSON.stringify(r.state)).not.toContain('very-secret-part');
  expect(w.env.loadSettings().alerts).toEqual({
    email: ['a@example.com', 'b@example.com'],
    digest: true,
    webhook: HOOK,
  });

  // saving again without typing the webhook keeps it; clearing forgets it
  call(w, 'sidebarSaveAlerts', { email: 'a@example.com', digest: false, webhook: '', clearWebhook: false });
  expect(w.env.loadSettings().alerts?.webhook).toBe(HOOK);
  const cleared = call<SaveShopResponse>(w, 'sidebarSaveAlerts', {
    email: '',
    digest: false,
    webhook: '',
    clearWebhook: true,
  });
  expect(cleared.state!.alerts.webhookSaved).toBe(false);
  expect(w.env.loadSettings().alerts?.webhook).toBeUndefined();
});

test('a bad address or a webhook of another host is refused beside its input, nothing saved', () => {
  const w = withShop();
  const r = call<SaveShopResponse>(w, 'sidebarSaveAlerts', {
    email: 'a@example.com, nope',
    digest: false,
    webhook: 'https://evil.example/hook',
    clearWebhook: false,
  });
  expect(r.saved).toBe(false);
  expect(r.issues.map((i) => i.field)).toEqual(['alertEmail', 'alertWebhook']);
  expect(r.issues[0].message).toContain('nope');
  expect(w.props.get(ALERT_WEBHOOK_KEY)).toBeNull();
});

test('send a test alert: the owner gets a mail now', () => {
  const w = withShop();
  const r = call<TestAlertResponse>(w, 'sidebarTestAlert', {});
  expect(r).toEqual({ delivered: true, problems: [] });
  expect(w.mails).toEqual([expect.objectContaining({ to: ['owner@example.com'], subject: '[MallSheet] テスト通知' })]);
});
