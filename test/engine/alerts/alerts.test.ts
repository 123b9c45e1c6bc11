import {
  type AlertRun,
  alertsDueToday,
  DIGEST_HOUR,
  processAlerts,
  type RunOutcome,
  sendTestAlert,
} from '../../../src/engine/alerts/alerts';
import { webhookProblem } from '../../../src/engine/alerts/deliver';
import { MemoryProperties } from '../../../src/engine/memory-ports';
import { updateState } from '../../../src/engine/run/state';
import type { Settings } from '../../../src/engine/settings/schema';
import { translate } from '../../../src/i18n';
import type { HttpPort, HttpRequest, MailPort } from '../../../src/ports';

const DAY = 86_400_000;
// 2026-12-01 10:00 JST
const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);

class FakeMail implements MailPort {
  sent: { to: string[]; subject: string; body: string }[] = [];
  fail: Error | null = null;
  send(m: { to: string[]; subject: string; body: string }) {
    if (this.fail) throw this.fail;
    this.sent.push(m);
  }
  owner() {
    return 'owner@example.com';
  }
  link() {
    return 'https://docs.google.com/spreadsheets/d/abc';
  }
}

class FakeHttp implements HttpPort {
  requests: HttpRequest[] = [];
  status = 200;
  fetch(req: HttpRequest) {
    this.requests.push(req);
    return { status: this.status, body: 'ok', headers: {} };
  }
  fetchAll(reqs: HttpRequest[]) {
    return reqs.map((r) => this.fetch(r));
  }
}

const SECRET = 'sk-super-secret-token-123456';

function world(alerts: Settings['alerts'] = { digest: false }) {
  const props = new MemoryProperties();
  const mail = new FakeMail();
  const http = new FakeHttp();
  const settings: Settings = {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    carriers: [],
    alerts,
    shops: [
      { name: 'Temu 1号店', mall: 'temu', enabled: true } as Settings['shops'][number],
      { name: 'Qoo10 本店', mall: 'qoo10', enabled: true } as Settings['shops'][number],
    ],
  };
  const run = (now: number): AlertRun => ({
    env: { props, mail, http },
    settings,
    now,
    t: (k, p) => translate('ja', k, p),
    redact: (s) => s.split(SECRET).join('●●●●'),
  });
  return { props, mail, http, settings, run };
}

const quiet: RunOutcome = { shops: [], quotas: [] };
const failed = (shop: string, message: string): RunOutcome => ({
  shops: [{ shop, action: 'fetch', ok: false, failed: 0, message }],
  quotas: [],
});

describe('expiry alerts at 14, 7 and 1 days', () => {
  it('sends one mail per band, none again the same day or in the same band', () => {
    const w = world();
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 + 14 * DAY - 60_000 });
    processAlerts(w.run(T0), quiet);
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0].to).toEqual(['owner@example.com']);
    expect(w.mail.sent[0].subject).toContain('Temu 1号店');
    expect(w.mail.sent[0].body).toContain('14 日');
    expect(w.mail.sent[0].body).toContain('https://docs.google.com/spreadsheets/d/abc');
    processAlerts(w.run(T0 + 3_600_000), quiet);
    processAlerts(w.run(T0 + 2 * DAY), quiet); // 12 days left: still the 14-day band
    expect(w.mail.sent).toHaveLength(1);
    processAlerts(w.run(T0 + 7 * DAY), quiet);
    expect(w.mail.sent).toHaveLength(2);
    expect(w.mail.sent[1].body).toContain('7 日');
    processAlerts(w.run(T0 + 13 * DAY), quiet);
    expect(w.mail.sent).toHaveLength(3);
    expect(w.mail.sent[2].body).toContain('1 日');
    processAlerts(w.run(T0 + 13 * DAY + 60_000), quiet);
    expect(w.mail.sent).toHaveLength(3);
  });

  it('an expired token is mailed once a day until renewed; a renewed one starts over', () => {
    const w = world();
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 - 1 });
    processAlerts(w.run(T0), quiet);
    processAlerts(w.run(T0 + 60_000), quiet);
    processAlerts(w.run(T0 + DAY), quiet);
    expect(w.mail.sent.map((m) => m.body.includes('有効期限が切れています'))).toEqual([true, true]);
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 + DAY + 5 * DAY });
    processAlerts(w.run(T0 + DAY + 60_000), quiet); // same day as the expired mail: kind and shop already mailed
    processAlerts(w.run(T0 + 2 * DAY), quiet);
    expect(w.mail.sent).toHaveLength(3);
    expect(w.mail.sent[2].body).toContain('あと 4 日');
  });
});

describe('a shop failing 3 runs in a row', () => {
  it('sends one mail with the last message and what to do; a success resets the count', () => {
    const w = world();
    processAlerts(w.run(T0), failed('Qoo10 本店', 'Qoo10 に接続できません: timeout'));
    processAlerts(w.run(T0 + 60_000), failed('Qoo10 本店', 'Qoo10 に接続できません: timeout'));
    expect(w.mail.sent).toHaveLength(0);
    processAlerts(w.run(T0 + 120_000), failed('Qoo10 本店', '最後の失敗'));
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0].body).toContain('3 回続けて失敗');
    expect(w.mail.sent[0].body).toContain('最後の失敗');
    processAlerts(w.run(T0 + 180_000), failed('Qoo10 本店', 'again'));
    expect(w.mail.sent).toHaveLength(1);
    // a success ends the streak: the next day, two failures are not enough
    processAlerts(w.run(T0 + DAY), {
      shops: [{ shop: 'Qoo10 本店', action: 'fetch', ok: true, failed: 0, message: '' }],
      quotas: [],
    });
    processAlerts(w.run(T0 + DAY + 1), failed('Qoo10 本店', 'x'));
    processAlerts(w.run(T0 + DAY + 2), failed('Qoo10 本店', 'x'));
    expect(w.mail.sent).toHaveLength(1);
  });
});

describe('quota and overdue alerts', () => {
  it('the URL fetch quota and overdue rows are mailed once a day', () => {
    const w = world();
    const o: RunOutcome = { shops: [], quotas: ['urlFetch'], overdue: { 'Temu 1号店': 4, 'Qoo10 本店': 0 } };
    processAlerts(w.run(T0), o);
    processAlerts(w.run(T0 + 60_000), o);
    expect(w.mail.sent.map((m) => m.subject)).toEqual([
      expect.stringContaining('URL 取得回数'),
      expect.stringContaining('Temu 1号店'),
    ]);
    expect(w.mail.sent[1].body).toContain('4 行');
  });
});

describe('daily digest', () => {
  it('groups every due alert into one mail a day, from the digest hour on', () => {
    const w = world({ digest: true });
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 + 5 * DAY });
    const early = Date.UTC(2026, 11, 1, DIGEST_HOUR - 9 - 1, 30); // 07:30 JST
    const o: RunOutcome = { shops: [], quotas: ['urlFetch'], overdue: { 'Qoo10 本店': 2 } };
    processAlerts(w.run(early), o);
    expect(w.mail.sent).toHaveLength(0);
    processAlerts(w.run(T0), o);
    processAlerts(w.run(T0 + 3_600_000), o);
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0].subject).toContain('3 件');
    for (const part of ['Temu 1号店', 'URL 取得回数', 'Qoo10 本店: 発送期限'])
      expect(w.mail.sent[0].body).toContain(part);
    processAlerts(w.run(T0 + DAY), o);
    expect(w.mail.sent).toHaveLength(2);
  });
});

describe('channels', () => {
  it('the webhook receives the same text as the mail, without secrets', () => {
    const w = world({ digest: false, webhook: 'https://chat.googleapis.com/v1/spaces/X/messages?key=K&token=T' });
    processAlerts(w.run(T0), failed('Qoo10 本店', `401 for key ${SECRET}`));
    processAlerts(w.run(T0 + 1), failed('Qoo10 本店', `401 for key ${SECRET}`));
    processAlerts(w.run(T0 + 2), failed('Qoo10 本店', `401 for key ${SECRET}`));
    expect(w.mail.sent).toHaveLength(1);
    expect(w.http.requests).toHaveLength(1);
    const text = JSON.parse(w.http.requests[0].body!).text as string;
    expect(text).toBe(`${w.mail.sent[0].subject}\n\n${w.mail.sent[0].body}`);
    for (const m of [...w.mail.sent.flatMap((x) => [x.subject, x.body]), text]) {
      expect(m).not.toContain(SECRET);
      expect(m).not.toContain('token=T');
    }
  });

  it('bad addresses and a failing webhook never throw and are reported once a day', () => {
    const w = world({
      digest: false,
      email: ['not-an-address', 'ok@example.com'],
      webhook: 'https://hooks.slack.com/services/A/B/C',
    });
    w.http.status = 500;
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 - 1 });
    const first = processAlerts(w.run(T0), quiet);
    expect(w.mail.sent[0].to).toEqual(['ok@example.com']);
    expect(first).toEqual([expect.stringContaining('not-an-address'), expect.stringContaining('HTTP 500')]);
    updateState(w.props, 'Qoo10 本店', { expiresAt: T0 - 1 });
    expect(processAlerts(w.run(T0 + 60_000), quiet)).toEqual([]);
  });

  it('a mail service that throws leaves the alert for the next run and logs once', () => {
    const w = world();
    w.mail.fail = new Error('Service invoked too many times for one day: email');
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 - 1 });
    expect(processAlerts(w.run(T0), quiet)).toEqual([expect.stringContaining('too many times')]);
    expect(processAlerts(w.run(T0 + 1), quiet)).toEqual([]);
    w.mail.fail = null;
    processAlerts(w.run(T0 + 2), quiet);
    expect(w.mail.sent).toHaveLength(1);
  });

  it('webhook URLs are confined to Google Chat, Slack and loopback', () => {
    expect(webhookProblem('https://chat.googleapis.com/v1/spaces/X/messages?key=1')).toBeNull();
    expect(webhookProblem('https://hooks.slack.com/services/T/B/X')).toBeNull();
    expect(webhookProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookProblem('http://hooks.slack.com/services/T/B/X')).toBe('scheme');
    expect(webhookProblem('https://169.254.169.254/latest')).toBe('host');
    expect(webhookProblem('https://evil.example/hooks.slack.com')).toBe('host');
    expect(webhookProblem('javascript:alert(1)')).toBe('format');
  });
});

describe('check and test alert', () => {
  it('lists what would be alerted today, sent or not', () => {
    const w = world();
    updateState(w.props, 'Temu 1号店', { expiresAt: T0 + 3 * DAY });
    processAlerts(w.run(T0), quiet);
    expect(alertsDueToday(w.run(T0), quiet)).toEqual([expect.stringContaining('あと 3 日')]);
  });

  it('a test alert goes to every channel at once', () => {
    const w = world({ digest: false, webhook: 'http://127.0.0.1:9/hook' });
    const r = sendTestAlert(w.run(T0));
    expect(r).toEqual({ delivered: true, problems: [] });
    expect(w.mail.sent[0].subject).toBe('[MallSheet] テスト通知');
    expect(w.http.requests).toHaveLength(1);
  });
});
