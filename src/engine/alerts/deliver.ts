import type { MessageKey } from '../../i18n';
import type { HttpPort, MailPort } from '../../ports';
import type { Alert, AlertMessage } from './rules';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What one delivery needs: the channels from the settings, and the ports that reach them. */
export interface Channels {
  /** the addresses from the settings; absent: the script's owner */
  email?: string[];
  webhook?: string;
  mail?: MailPort;
  http: HttpPort;
  t: Translate;
  /** every text that leaves the sheet goes through it: no secret in a mail or a chat message */
  redact(text: string): string;
}

export interface Delivery {
  /** some channel took the message */
  delivered: boolean;
  /** readable problems (a bad address, a refused webhook), one per cause; logged once a day by the caller */
  problems: { key: string; message: string }[];
}

/** Google Chat and Slack incoming webhooks; loopback for a local test server. */
const WEBHOOK_HOSTS = ['chat.googleapis.com', 'hooks.slack.com'];
const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** A plain address (no display name); anything else is skipped at delivery and named in the Log. */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text.trim());
}

export function alertText(m: AlertMessage, t: Translate): string {
  switch (m.id) {
    case 'expired':
      return t('alert.expired', { shop: m.shop });
    case 'expiresIn':
      return t('alert.expiresIn', { shop: m.shop, days: m.days });
    case 'failing':
      return t(m.action === 'fetch' ? 'alert.failingFetch' : 'alert.failingExport', {
        shop: m.shop,
        runs: m.runs,
        last: m.last,
      });
    case 'quota':
      return t(m.quota === 'urlFetch' ? 'alert.quotaUrlFetch' : 'alert.quotaTrigger');
    case 'overdue':
      return t('alert.overdue', { shop: m.shop, rows: m.rows });
  }
}

/** One message for one alert, or a digest of several: a subject, and a body in the sheet's language. */
export function composeMessage(
  alerts: readonly Alert[],
  opts: { t: Translate; link: string | null; digest: boolean },
): { subject: string; body: string } {
  const { t } = opts;
  const lines = alerts.map((a) => alertText(a.message, t));
  const subject =
    opts.digest || alerts.length > 1
      ? t('alert.subjectDigest', { count: alerts.length })
      : t('alert.subject', { title: firstSentence(lines[0]) });
  const body = [
    t(opts.digest ? 'alert.introDigest' : 'alert.intro'),
    '',
    ...lines.map((l) => `・${l}`),
    '',
    ...(opts.link ? [t('alert.link', { url: opts.link })] : []),
    t('alert.footer'),
  ].join('\n');
  return { subject, body };
}

function firstSentence(text: string): string {
  const cut = text.search(/[。.](\s|$)/);
  return cut > 0 ? text.slice(0, cut) : text;
}

/**
 * Sends one message to every channel. A bad address, a refused or unreachable webhook, or a failing mail
 * service never throws: each comes back as a problem for the Log.
 */
export function deliver(message: { subject: string; body: string }, ch: Channels): Delivery {
  // the webhook URL is a credential of the chat room: it never appears in what is sent or logged
  const clean = (text: string) => ch.redact(ch.webhook ? text.split(ch.webhook).join('●●●●') : text);
  const subject = clean(message.subject);
  const body = clean(message.body);
  const problems: Delivery['problems'] = [];
  let delivered = false;

  if (ch.mail) {
    const wanted = ch.email ?? [ch.mail.owner() ?? ''].filter((a) => a !== '');
    const to = wanted.filter(isEmailAddress).map((a) => a.trim());
    for (const bad of wanted.filter((a) => !isEmailAddress(a)))
      problems.push({ key: `badAddress:${bad}`, message: ch.t('alert.badAddress', { address: bad }) });
    if (to.length === 0 && wanted.length === 0 && !ch.mail.printsOnly)
      problems.push({ key: 'noRecipient', message: ch.t('alert.noRecipient') });
    if (to.length > 0 || ch.mail.printsOnly) {
      try {
        ch.mail.send({ to, subject, body });
        delivered = true;
      } catch (e) {
        problems.push({ key: 'mailFailed', message: ch.t('alert.mailFailed', { detail: clean(describe(e)) }) });
      }
    }
  }

  if (ch.webhook) {
    const refusal = webhookProblem(ch.webhook);
    if (refusal) problems.push({ key: 'webhookRefused', message: ch.t('alert.webhookNotAllowed') });
    else {
      try {
        const res = ch.http.fetch({
          url: ch.webhook,
          method: 'post',
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({ text: `${subject}\n\n${body}` }),
        });
        if (res.status >= 200 && res.status < 300) delivered = true;
        else problems.push({ key: 'webhookFailed', message: ch.t('alert.webhookFailed', { status: res.status }) });
      } catch (e) {
        problems.push({
          key: 'webhookFailed',
          message: ch.t('alert.webhookUnreachable', { detail: clean(describe(e)) }),
        });
      }
    }
  }
  return { delivered, problems };
}

/** null when the URL may receive alerts: https to a chat service's webhook host, or a loopback test server. */
export function webhookProblem(url: string): string | null {
  const m = /^(https?):\/\/([^/:?#]+|\[[^\]]+\])(:\d{1,5})?(\/[^\s]*)?$/i.exec(url.trim());
  if (!m) return 'format';
  const [, scheme, host] = m;
  if (LOOPBACK.test(host)) return null;
  if (scheme.toLowerCase() !== 'https') return 'scheme';
  return WEBHOOK_HOSTS.includes(host.toLowerCase()) ? null : 'host';
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
