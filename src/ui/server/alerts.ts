import { sendTestAlert } from '../../engine/alerts/alerts';
import { isEmailAddress, webhookProblem } from '../../engine/alerts/deliver';
import { redactor } from '../../engine/redact';
import { ALERT_WEBHOOK_KEY } from '../../engine/settings/tab';
import { generalFieldOf } from '../../engine/settings/tab-layout';
import { parseCell } from '../../engine/settings/tab-reader';
import { translate } from '../../i18n';
import type { FieldIssue, SaveAlertsRequest, SidebarState, TestAlertResponse } from '../shared/rpc';
import type { RawSettings, UiEnv } from './settings-document';

/**
 * The sidebar's alert settings (docs/contract.md §4 alerts): addresses and the digest live in the Settings
 * tab's [通知] block, the webhook URL in document properties (the page only learns whether one is saved).
 */

export function alertsView(env: UiEnv, raw: RawSettings): SidebarState['alerts'] {
  const digest = generalFieldOf(raw, 'alerts.digest');
  return {
    email: generalFieldOf(raw, 'alerts.email') ?? '',
    digest: digest !== undefined && parseCell(digest, 'boolean') === true,
    webhookSaved: Boolean(env.props.get(ALERT_WEBHOOK_KEY)),
  };
}

/** Validates and stores; the response carries the fresh state through `state` (the caller rebuilds it). */
export function saveAlerts(
  env: UiEnv,
  req: SaveAlertsRequest,
  locale: 'ja' | 'en',
): { issues: FieldIssue[]; saved: boolean } {
  const issues: FieldIssue[] = [];
  const addresses = req.email.split(/[,、，\s]+/).filter((a) => a !== '');
  const bad = addresses.filter((a) => !isEmailAddress(a));
  if (bad.length > 0)
    issues.push({
      field: 'alertEmail',
      message: translate(locale, 'sidebar.alerts.badEmail', { addresses: bad.join(', ') }),
    });
  const webhook = req.webhook.trim();
  if (webhook !== '' && webhookProblem(webhook) !== null)
    issues.push({ field: 'alertWebhook', message: translate(locale, 'alert.webhookNotAllowed') });
  if (issues.length > 0) return { issues, saved: false };

  if (req.clearWebhook) env.props.delete(ALERT_WEBHOOK_KEY);
  else if (webhook !== '') env.props.set(ALERT_WEBHOOK_KEY, webhook);
  const raw = env.settingsDoc.read();
  env.settingsDoc.write({ ...raw, alerts: { email: addresses.join(', '), digest: req.digest ? 'TRUE' : 'FALSE' } });
  return { issues: [], saved: true };
}

export function testAlert(env: UiEnv): TestAlertResponse {
  const settings = env.loadSettings();
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(settings.locale, key, params);
  return sendTestAlert({ env, settings, t, redact: redactor(env, settings, env.connectors), now: env.clock.now() });
}
