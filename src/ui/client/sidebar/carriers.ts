import type { CarrierRow } from '../../shared/rpc';
import { append, clear, h } from '../dom';
import { call } from '../rpc';
import { submitSave } from './actions';
import { errorSlot, fid } from './fields';
import { s, store } from './store';

/** The carrier table panel: one row per carrier, one column per mall's carrier name. */

export function carriersEditor(): HTMLElement {
  const rows: CarrierRow[] = store.state.carriers.map((c) => ({ name: c.name, values: { ...c.values } }));
  const form = h('form', { className: 'carriers', 'data-carriers': '', novalidate: true });
  const list = h('div', { className: 'carrier-rows' });
  const keys = store.state.malls.map((m) => ({ key: m.carrierKey, label: m.label }));

  const draw = () => {
    clear(list);
    rows.forEach((row, i) => {
      const card = h(
        'div',
        { className: 'card carrier-row', 'data-carrier-row': i },
        h(
          'div',
          { className: 'carrier-head' },
          h('input', {
            className: 'carrier-name',
            value: row.name,
            'data-field': `${i}.name`,
            'aria-label': s('carrierName'),
            placeholder: s('carrierName'),
            oninput: (ev) => (row.name = (ev.target as HTMLInputElement).value),
          }),
          h(
            'button',
            {
              className: 'icon-btn',
              type: 'button',
              title: s('remove'),
              'aria-label': s('remove'),
              onclick: () => {
                rows.splice(i, 1);
                draw();
              },
            },
            '×',
          ),
        ),
        errorSlot(`${i}.name`),
        h(
          'div',
          { className: 'carrier-grid' },
          ...keys.map(({ key, label }) => {
            const id = fid(`c${i}-${key}`);
            return h(
              'div',
              { className: 'carrier-cell' },
              h('label', { for: id }, label),
              h('input', {
                id,
                value: row.values[key] ?? '',
                'data-field': `${i}.${key}`,
                oninput: (ev) => (row.values[key] = (ev.target as HTMLInputElement).value),
              }),
            );
          }),
        ),
      );
      list.appendChild(card);
    });
  };
  draw();

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitSave(form, 'save-carriers', async () => {
      const res = await call('sidebarSaveCarriers', { carriers: rows });
      // a carrier problem names its row: the input's field name is `<row>.<field>`
      return {
        ...res,
        issues: res.issues.map((x) => ({ field: x.row < 0 ? '' : `${x.row}.${x.field}`, message: x.message })),
      };
    });
  });

  append(form, [
    h('p', { className: 'hint' }, s('carriersHelp')),
    list,
    h(
      'button',
      {
        className: 'btn btn-text',
        type: 'button',
        'data-action': 'add-carrier',
        onclick: () => {
          rows.push({ name: '', values: {} });
          draw();
        },
      },
      `+ ${s('addCarrier')}`,
    ),
    h('p', { className: 'form-error', 'data-error-for': '' }),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'save-carriers' }, s('save')),
    ),
  ]);
  return form;
}
