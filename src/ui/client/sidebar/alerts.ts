import { append, h } from '../dom';
import { call } from '../rpc';
import { busy, submitSave, toast } from './actions';
import { errorSlot, textField, toggle } from './fields';
import { s, store } from './store';

/**
 * The alerts panel: where alert mail goes, the daily digest, the chat webhook (a password input: the page
 * only learns whether one is saved), and a button that sends a test alert now.
 */

export function alertsEditor(): HTMLElement {
  const saved = store.state.alerts;
  const draft = { email: saved.email, digest: saved.digest, webhook: '', clearWebhook: false };
  const form = h('form', { className: 'alerts', 'data-alerts': '', novalidate: true });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitSave(form, 'save-alerts', () => call('sidebarSaveAlerts', draft));
  });
  const status = h('p', { className: 'hint', 'data-alert-status': '' });
  const test = h('button', { className: 'btn', type: 'button', 'data-action': 'test-alert' }, s('alerts.test'));
  test.addEventListener('click', () => {
    void busy(test as HTMLButtonElement, s('alerts.testing'), () => call('sidebarTestAlert', {}))
      .then((res) => {
        const text = res.problems.length ? res.problems.join(' / ') : s('alerts.testSent');
        status.textContent = text;
        toast(text, !res.delivered);
      })
      .catch((err: Error) => toast(err.message, true));
  });
  append(form, [
    h('p', { className: 'hint' }, s('alerts.hint')),
    textField('alertEmail', s('alerts.email'), draft.email, (v) => (draft.email = v), {
      placeholder: 'owner@example.com',
    }),
    toggle('alertDigest', s('alerts.digest'), draft.digest, (v) => (draft.digest = v)),
    textField('alertWebhook', s('alerts.webhook'), '', (v) => (draft.webhook = v), {
      type: 'password',
      placeholder: 'https://chat.googleapis.com/…',
      hint: saved.webhookSaved ? s('alerts.webhookSaved') : s('alerts.webhookNotSet'),
    }),
    saved.webhookSaved
      ? toggle('clearWebhook', s('alerts.clearWebhook'), false, (v) => (draft.clearWebhook = v))
      : null,
    errorSlot(''),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'save-alerts' }, s('alerts.save')),
      test,
    ),
    status,
  ]);
  return form;
}
