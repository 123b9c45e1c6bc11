import type { CheckLineView, MallView, ShopForm, ShopView } from '../../shared/rpc';
import { append, clear, h } from '../dom';
import { call } from '../rpc';
import { busy, submitSave, toast } from './actions';
import { errorSlot, fid, selectField, setIssues, textField, toggle } from './fields';
import { mallOf, render, s, store } from './store';

/** One shop's form: only the fields its mall needs, save, delete and the connection check. */

export function shopStatus(shop: ShopView): HTMLElement {
  const lines: HTMLElement[] = [
    h('span', {}, shop.lastFetch ? s('lastFetch', { time: shop.lastFetch }) : s('neverFetched')),
  ];
  if (shop.expiry !== null && shop.expiryDays !== null) {
    const expired = shop.expiryDays < 0;
    const soon = !expired && shop.expiryDays < 14;
    lines.push(
      h(
        'span',
        { className: expired ? 'status-bad' : soon ? 'status-warn' : '' },
        expired ? s('expired', { date: shop.expiry }) : s('expiry', { date: shop.expiry, days: shop.expiryDays }),
      ),
    );
  }
  return h('div', { className: 'shop-status' }, ...lines);
}

function emptyForm(): ShopForm {
  const mall = store.state.malls[0];
  return {
    name: '',
    mall: mall ? mall.id : '',
    enabled: true,
    credentials: {},
    secrets: {},
    region: '',
    warehouseId: '',
    statuses: mall ? [...mall.defaultStatuses] : [],
    days: '7',
    initialStatus: store.state.managementStatuses[0] ?? '',
    autoFetchMinutes: '30',
    autoExport: false,
    defaultCarrier: store.state.carriers[0]?.name ?? '',
    endpointApi: '',
    endpointAuth: '',
  };
}

/** The open form of one shop (shop null: a new one). Field names match the server's FieldIssue.field. */
export function shopFormCard(shop: ShopView | null): HTMLElement {
  const draft: ShopForm = shop
    ? { ...shop.form, credentials: { ...shop.form.credentials }, secrets: {}, statuses: [...shop.form.statuses] }
    : emptyForm();
  const card = h('form', {
    className: 'card shop-form',
    'data-shop-form': shop ? shop.form.name : '',
    novalidate: true,
  });
  const fields = h('div', { className: 'mall-fields' });
  const checkBox = h('div', { className: 'check-results', 'aria-live': 'polite' });
  const formError = h('p', { className: 'form-error', 'data-error-for': '' });

  const renderMallFields = () => {
    clear(fields);
    const mall = mallOf(draft.mall);
    if (!mall) return;
    append(fields, mallFields(mall, draft, shop));
  };

  card.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void saveShop(card, draft, shop ? shop.form.name : null);
  });

  append(card, [
    h('div', { className: 'form-head' }, h('h3', {}, shop ? shop.form.name : s('addShop'))),
    textField('name', s('field.name'), draft.name, (v) => (draft.name = v), { required: true }),
    h(
      'div',
      { className: 'field' },
      h('label', { for: fid('mall') }, s('field.mall')),
      h(
        'select',
        {
          id: fid('mall'),
          'data-field': 'mall',
          onchange: (ev) => {
            draft.mall = (ev.target as HTMLSelectElement).value;
            const mall = mallOf(draft.mall);
            draft.statuses = mall ? [...mall.defaultStatuses] : [];
            draft.credentials = {};
            draft.secrets = {};
            renderMallFields();
          },
        },
        // a mall typed in the Settings tab that MallSheet does not know stays visible, with the server's message
        mallOf(draft.mall) ? null : h('option', { value: draft.mall, selected: true }, draft.mall),
        ...store.state.malls.map((m) => h('option', { value: m.id, selected: m.id === draft.mall }, m.label)),
      ),
      errorSlot('mall'),
    ),
    toggle('enabled', s('field.enabled'), draft.enabled, (v) => (draft.enabled = v)),
    fields,
    formError,
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'save-shop' }, s('save')),
      h(
        'button',
        {
          className: 'btn btn-text',
          type: 'button',
          onclick: () => {
            store.openShop = null;
            render();
          },
        },
        s('cancel'),
      ),
      shop ? h('span', { className: 'spacer' }) : null,
      shop
        ? h(
            'button',
            {
              className: 'btn btn-text btn-danger',
              type: 'button',
              'data-action': 'delete-shop',
              onclick: () => void deleteShop(shop.form.name),
            },
            s('delete'),
          )
        : null,
    ),
    shop
      ? h(
          'div',
          { className: 'check' },
          h(
            'button',
            {
              className: 'btn btn-outline',
              type: 'button',
              'data-action': 'check-shop',
              onclick: (ev) => void checkShop(shop.form.name, ev.target as HTMLButtonElement, checkBox),
            },
            s('check'),
          ),
          checkBox,
        )
      : null,
  ]);
  renderMallFields();
  if (shop) {
    append(card.querySelector('.form-head') as HTMLElement, [shopStatus(shop)]);
    setIssues(card, shop.issues);
  }
  return card;
}

function mallFields(mall: MallView, draft: ShopForm, shop: ShopView | null): Node[] {
  const creds = h('fieldset', { className: 'group' }, h('legend', {}, s('credentials')));
  for (const f of mall.credentialFields) {
    if (f.secret) {
      const saved = shop !== null && shop.form.mall === mall.id && shop.secretsSaved[f.key] === true;
      const field = textField(`secrets.${f.key}`, f.label, '', (v) => (draft.secrets[f.key] = v), {
        type: 'password',
        required: f.required,
        placeholder: saved ? s('secret.placeholderSaved') : s('secret.placeholderNew'),
      });
      const label = field.querySelector('label') as HTMLElement;
      label.appendChild(
        h(
          'span',
          { className: saved ? 'chip chip-ok' : 'chip', 'data-secret-state': f.key },
          saved ? s('secret.saved') : s('secret.notSet'),
        ),
      );
      creds.appendChild(field);
    } else {
      creds.appendChild(
        textField(
          `credentials.${f.key}`,
          f.label,
          draft.credentials[f.key] ?? '',
          (v) => (draft.credentials[f.key] = v),
          { required: f.required },
        ),
      );
    }
  }
  creds.appendChild(h('p', { className: 'hint' }, s('secret.note')));
  if (mall.extraFields.includes('region'))
    creds.appendChild(
      selectField(
        'region',
        s('field.region'),
        draft.region,
        [
          ['', s('field.regionDefault')],
          ['global', 'global'],
          ['us', 'us'],
          ['eu', 'eu'],
        ],
        (v) => (draft.region = v),
      ),
    );
  if (mall.extraFields.includes('warehouseId'))
    creds.appendChild(
      textField('warehouseId', s('field.warehouseId'), draft.warehouseId, (v) => (draft.warehouseId = v), {
        hint: s('field.warehouseHint'),
      }),
    );

  const fetch = h('fieldset', { className: 'group' }, h('legend', {}, s('fetchGroup')));
  fetch.appendChild(statusesField(mall, draft));
  fetch.appendChild(
    textField('days', s('field.days'), draft.days, (v) => (draft.days = v), { inputmode: 'numeric', required: true }),
  );
  fetch.appendChild(
    selectField(
      'autoFetchMinutes',
      s('field.autoFetchMinutes'),
      draft.autoFetchMinutes,
      store.state.autoFetchChoices.map((n) => [String(n), intervalText(n)]),
      (v) => (draft.autoFetchMinutes = v),
    ),
  );
  fetch.appendChild(toggle('autoExport', s('field.autoExport'), draft.autoExport, (v) => (draft.autoExport = v)));

  const rows = h('fieldset', { className: 'group' }, h('legend', {}, s('rowsGroup')));
  rows.appendChild(
    selectField(
      'initialStatus',
      s('field.initialStatus'),
      draft.initialStatus,
      store.state.managementStatuses.map((x) => [x, x]),
      (v) => (draft.initialStatus = v),
    ),
  );
  rows.appendChild(
    selectField(
      'defaultCarrier',
      s('field.defaultCarrier'),
      draft.defaultCarrier,
      [['', s('noCarrier')], ...store.state.carriers.map((c): [string, string] => [c.name, c.name])],
      (v) => (draft.defaultCarrier = v),
    ),
  );

  const adv = h('details', { className: 'advanced' }, h('summary', {}, s('advanced')));
  adv.appendChild(
    textField('endpointApi', s('field.endpointApi'), draft.endpointApi, (v) => (draft.endpointApi = v), {
      placeholder: 'https://…',
      hint: s('field.endpointHint'),
    }),
  );
  if (mall.hasAuthEndpoint)
    adv.appendChild(
      textField('endpointAuth', s('field.endpointAuth'), draft.endpointAuth, (v) => (draft.endpointAuth = v), {
        placeholder: 'https://…',
      }),
    );
  if (draft.endpointApi || draft.endpointAuth) adv.open = true;

  return [creds, fetch, rows, adv];
}

function statusesField(mall: MallView, draft: ShopForm): HTMLElement {
  const box = h('div', { className: 'field' }, h('span', { className: 'label' }, s('field.statuses')));
  const list = h('div', { className: 'chips', 'data-field': 'statuses', role: 'group' });
  // a status typed in the tab that the mall does not know stays listed, so the server's message makes sense
  const all = [...mall.statuses, ...draft.statuses.filter((x) => !mall.statuses.includes(x))];
  for (const st of all) {
    const id = fid(`st-${st}`);
    list.appendChild(
      h(
        'label',
        { className: 'chip-check', for: id },
        h('input', {
          id,
          type: 'checkbox',
          value: st,
          checked: draft.statuses.includes(st),
          onchange: (ev) => {
            const on = (ev.target as HTMLInputElement).checked;
            draft.statuses = on ? [...draft.statuses, st] : draft.statuses.filter((x) => x !== st);
          },
        }),
        h('span', {}, st),
      ),
    );
  }
  append(box, [list, errorSlot('statuses')]);
  return box;
}

function intervalText(n: number): string {
  if (n === 0) return s('autoOff');
  return n % 60 === 0 ? s('everyHours', { n: n / 60 }) : s('everyMinutes', { n });
}

function saveShop(form: HTMLFormElement, draft: ShopForm, originalName: string | null): Promise<void> {
  return submitSave(
    form,
    'save-shop',
    () => call('sidebarSaveShop', { originalName, shop: draft }),
    () => {
      // typed secrets are in the server's document properties now; nothing of them stays in the page
      form.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((el) => {
        el.value = '';
      });
      draft.secrets = {};
      store.openShop = draft.name.trim();
    },
  );
}

async function deleteShop(name: string): Promise<void> {
  if (!window.confirm(s('confirmDelete', { name }))) return;
  try {
    store.state = await call('sidebarDeleteShop', { name });
    store.openShop = null;
    render();
  } catch (err) {
    toast((err as Error).message, true);
  }
}

async function checkShop(name: string, btn: HTMLButtonElement, box: HTMLElement): Promise<void> {
  clear(box);
  try {
    const res = await busy(btn, s('checking'), () => call('sidebarCheckShop', { shop: name }));
    box.appendChild(checkList(res.lines));
  } catch (err) {
    box.appendChild(checkList([{ id: 'error', ok: false, message: (err as Error).message }]));
  }
}

function checkList(lines: CheckLineView[]): HTMLElement {
  return h(
    'ul',
    { className: 'check-list', 'data-check-results': '' },
    ...lines.map((l) =>
      h(
        'li',
        { className: l.ok ? 'ok' : 'bad', 'data-check': l.id },
        h('span', { className: 'check-icon', 'aria-hidden': 'true' }, l.ok ? '✓' : '!'),
        h('span', {}, l.message),
      ),
    ),
  );
}
