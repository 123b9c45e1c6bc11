import { append, h } from '../dom';
import { call } from '../rpc';
import { submitSave } from './actions';
import { selectField, textField } from './fields';
import { s, store } from './store';

/** The general settings panel: language and time zone. */

export function generalEditor(): HTMLElement {
  const draft = { locale: store.state.locale as string, timezone: store.state.timezone };
  const form = h('form', { className: 'general', 'data-general': '', novalidate: true });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitSave(form, 'save-general', () => call('sidebarSaveGeneral', draft));
  });
  append(form, [
    selectField(
      'locale',
      s('locale'),
      draft.locale,
      [
        ['ja', s('lang.ja')],
        ['en', s('lang.en')],
      ],
      (v) => (draft.locale = v),
    ),
    textField('timezone', s('timezone'), draft.timezone, (v) => (draft.timezone = v), { placeholder: 'Asia/Tokyo' }),
    h('p', { className: 'form-error', 'data-error-for': '' }),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'save-general' }, s('save')),
    ),
  ]);
  return form;
}
