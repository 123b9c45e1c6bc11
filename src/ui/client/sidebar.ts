import type { CarrierRow, CheckLineView, FieldIssue, MallView, ShopForm, ShopView, SidebarState } from '../shared/rpc';
import { append, clear, fill, h } from './dom';
import { call } from './rpc';

/**
 * The settings sidebar: shops (one form each, only the fields its mall needs), the carrier table and the
 * general settings. Every save is validated on the server by the engine's own schema; secret inputs are
 * cleared after a save and the server only ever says whether a secret is saved.
 */

let state: SidebarState;
/** the shop whose form is open: its name, NEW for the add form, null when all are closed */
let openShop: string | null = null;
const NEW = '\u0000new';

const root = document.getElementById('app') as HTMLElement;
const s = (key: string, params?: Record<string, string | number>) => fill(state.strings[`sidebar.${key}`] ?? key, params);

function render(): void {
  document.documentElement.lang = state.locale;
  clear(root);
  append(root, [
    state.problems.length ? problemsBox(state.problems) : null,
    section(s('shops'), 'shops', shopsList()),
    section(s('carriers'), 'carriers', carriersEditor()),
    section(s('general'), 'general', generalEditor()),
  ]);
}

function section(title: string, id: string, body: Node): HTMLElement {
  return h('section', { className: 'section', 'data-section': id }, h('h2', { className: 'section-title' }, title), body);
}

function problemsBox(lines: string[]): HTMLElement {
  return h('div', { className: 'notice notice-error', role: 'alert' }, h('strong', {}, s('problems')), h('ul', {}, ...lines.map((l) => h('li', {}, l))));
}

// ---- shops ----

function shopsList(): HTMLElement {
  const list = h('div', { className: 'shop-list' });
  if (!state.shops.length && openShop !== NEW) list.appendChild(h('p', { className: 'muted' }, s('noShops')));
  for (const shop of state.shops) list.appendChild(shopCard(shop));
  if (openShop === NEW) list.appendChild(shopFormCard(null));
  else
    list.appendChild(
      h('button', { className: 'btn btn-outline btn-block', type: 'button', 'data-action': 'add-shop', onclick: () => { openShop = NEW; render(); } }, '+ ' + s('addShop')),
    );
  return list;
}

function mallOf(id: string): MallView | undefined {
  return state.malls.find((m) => m.id === id);
}

function shopCard(shop: ShopView): HTMLElement {
  if (openShop === shop.form.name) return shopFormCard(shop);
  const mall = mallOf(shop.form.mall);
  return h(
    'div',
    { className: 'card shop-card' + (shop.issues.length ? ' has-issues' : ''), 'data-shop': shop.form.name },
    h(
      'button',
      { className: 'shop-head', type: 'button', 'aria-expanded': 'false', onclick: () => { openShop = shop.form.name; render(); } },
      h('span', { className: 'shop-name' }, shop.form.name),
      h('span', { className: 'badge' }, mall ? mall.label : shop.form.mall),
      shop.form.enabled ? null : h('span', { className: 'badge badge-muted' }, s('disabled')),
    ),
    shopStatus(shop),
    shop.issues.length ? h('p', { className: 'field-error' }, s('fixErrors')) : null,
  );
}

function shopStatus(shop: ShopView): HTMLElement {
  const lines: HTMLElement[] = [h('span', {}, shop.lastFetch ? s('lastFetch', { time: shop.lastFetch }) : s('neverFetched'))];
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
  const mall = state.malls[0];
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
    initialStatus: state.managementStatuses[0] ?? '',
    autoFetchMinutes: '30',
    autoExport: false,
    defaultCarrier: state.carriers[0]?.name ?? '',
    endpointApi: '',
    endpointAuth: '',
  };
}

/** The open form of one shop (shop null: a new one). Field names match the server's FieldIssue.field. */
function shopFormCard(shop: ShopView | null): HTMLElement {
  const draft: ShopForm = shop ? { ...shop.form, credentials: { ...shop.form.credentials }, secrets: {}, statuses: [...shop.form.statuses] } : emptyForm();
  const card = h('form', { className: 'card shop-form', 'data-shop-form': shop ? shop.form.name : '', novalidate: true });
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
        ...state.malls.map((m) => h('option', { value: m.id, selected: m.id === draft.mall }, m.label)),
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
      h('button', { className: 'btn btn-text', type: 'button', onclick: () => { openShop = null; render(); } }, s('cancel')),
      shop ? h('span', { className: 'spacer' }) : null,
      shop
        ? h('button', { className: 'btn btn-text btn-danger', type: 'button', 'data-action': 'delete-shop', onclick: () => void deleteShop(shop.form.name) }, s('delete'))
        : null,
    ),
    shop
      ? h(
          'div',
          { className: 'check' },
          h('button', { className: 'btn btn-outline', type: 'button', 'data-action': 'check-shop', onclick: (ev) => void checkShop(shop.form.name, ev.target as HTMLButtonElement, checkBox) }, s('check')),
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

let idSeq = 0;
/** ids only tie labels to inputs; a fresh one per render keeps two open forms apart */
const fid = (name: string) => `f-${name.replace(/[^A-Za-z0-9]/g, '-')}-${++idSeq}`;

function errorSlot(field: string): HTMLElement {
  return h('p', { className: 'field-error', 'data-error-for': field });
}

function textField(
  field: string,
  label: string,
  value: string,
  set: (v: string) => void,
  opts: { required?: boolean; type?: string; placeholder?: string; hint?: string; inputmode?: string } = {},
): HTMLElement {
  const id = fid(field);
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, label, opts.required ? h('span', { className: 'req', title: s('required') }, ' *') : null),
    h('input', {
      id,
      type: opts.type ?? 'text',
      value,
      'data-field': field,
      placeholder: opts.placeholder,
      inputmode: opts.inputmode,
      autocomplete: opts.type === 'password' ? 'new-password' : 'off',
      spellcheck: 'false',
      oninput: (ev) => set((ev.target as HTMLInputElement).value),
    }),
    opts.hint ? h('p', { className: 'hint' }, opts.hint) : null,
    errorSlot(field),
  );
}

function toggle(field: string, label: string, value: boolean, set: (v: boolean) => void): HTMLElement {
  const id = fid(field);
  return h(
    'div',
    { className: 'field field-inline' },
    h('input', { id, type: 'checkbox', checked: value, 'data-field': field, onchange: (ev) => set((ev.target as HTMLInputElement).checked) }),
    h('label', { for: id }, label),
    errorSlot(field),
  );
}

function selectField(field: string, label: string, value: string, options: [string, string][], set: (v: string) => void): HTMLElement {
  const id = fid(field);
  const known = options.some(([v]) => v === value);
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, 'data-field': field, onchange: (ev) => set((ev.target as HTMLSelectElement).value) },
      // a value typed in the Settings tab that is not a choice stays visible (and the server says why)
      known ? null : h('option', { value, selected: true }, value),
      ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
    errorSlot(field),
  );
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
      label.appendChild(h('span', { className: saved ? 'chip chip-ok' : 'chip', 'data-secret-state': f.key }, saved ? s('secret.saved') : s('secret.notSet')));
      creds.appendChild(field);
    } else {
      creds.appendChild(textField(`credentials.${f.key}`, f.label, draft.credentials[f.key] ?? '', (v) => (draft.credentials[f.key] = v), { required: f.required }));
    }
  }
  creds.appendChild(h('p', { className: 'hint' }, s('secret.note')));
  if (mall.extraFields.includes('region'))
    creds.appendChild(
      selectField('region', s('field.region'), draft.region, [['', s('field.regionDefault')], ['global', 'global'], ['us', 'us'], ['eu', 'eu']], (v) => (draft.region = v)),
    );
  if (mall.extraFields.includes('warehouseId'))
    creds.appendChild(textField('warehouseId', s('field.warehouseId'), draft.warehouseId, (v) => (draft.warehouseId = v), { hint: s('field.warehouseHint') }));

  const fetch = h('fieldset', { className: 'group' }, h('legend', {}, s('fetchGroup')));
  fetch.appendChild(statusesField(mall, draft));
  fetch.appendChild(textField('days', s('field.days'), draft.days, (v) => (draft.days = v), { inputmode: 'numeric', required: true }));
  fetch.appendChild(
    selectField('autoFetchMinutes', s('field.autoFetchMinutes'), draft.autoFetchMinutes, state.autoFetchChoices.map((n) => [String(n), intervalText(n)]), (v) => (draft.autoFetchMinutes = v)),
  );
  fetch.appendChild(toggle('autoExport', s('field.autoExport'), draft.autoExport, (v) => (draft.autoExport = v)));

  const rows = h('fieldset', { className: 'group' }, h('legend', {}, s('rowsGroup')));
  rows.appendChild(selectField('initialStatus', s('field.initialStatus'), draft.initialStatus, state.managementStatuses.map((x) => [x, x]), (v) => (draft.initialStatus = v)));
  rows.appendChild(
    selectField('defaultCarrier', s('field.defaultCarrier'), draft.defaultCarrier, [['', s('noCarrier')], ...state.carriers.map((c): [string, string] => [c.name, c.name])], (v) => (draft.defaultCarrier = v)),
  );

  const adv = h('details', { className: 'advanced' }, h('summary', {}, s('advanced')));
  adv.appendChild(textField('endpointApi', s('field.endpointApi'), draft.endpointApi, (v) => (draft.endpointApi = v), { placeholder: 'https://…', hint: s('field.endpointHint') }));
  if (mall.hasAuthEndpoint) adv.appendChild(textField('endpointAuth', s('field.endpointAuth'), draft.endpointAuth, (v) => (draft.endpointAuth = v), { placeholder: 'https://…' }));
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

/** Shows issues next to their inputs; an issue whose field has no input goes to the form's own slot. */
function setIssues(form: HTMLElement, issues: FieldIssue[]): void {
  form.querySelectorAll('[data-error-for]').forEach((el) => (el.textContent = ''));
  form.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
  const general: string[] = [];
  for (const issue of issues) {
    const slot = issue.field ? form.querySelector(`[data-error-for="${cssEscape(issue.field)}"]`) : null;
    if (!slot) {
      general.push(issue.message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${issue.message}` : issue.message;
    form.querySelector(`[data-field="${cssEscape(issue.field)}"]`)?.classList.add('invalid');
  }
  const top = form.querySelector('[data-error-for=""]');
  if (top) top.textContent = general.length ? general.join(' / ') : issues.length ? s('fixErrors') : '';
  (form.querySelector('.invalid') as HTMLElement | null)?.focus();
}

const cssEscape = (v: string) => v.replace(/["\\]/g, '\\$&');

async function busy<T>(btn: HTMLButtonElement, label: string, work: () => Promise<T>): Promise<T> {
  const text = btn.textContent;
  btn.disabled = true;
  btn.textContent = label;
  try {
    return await work();
  } finally {
    btn.disabled = false;
    btn.textContent = text;
  }
}

/**
 * Every save button works alike: the button shows it is busy, the server validates, problems go next to
 * their inputs, and a successful save redraws from the fresh state the server returned.
 */
async function submitSave(
  form: HTMLFormElement,
  action: string,
  send: () => Promise<{ saved: boolean; state: SidebarState | null; issues: FieldIssue[] }>,
  onSaved: () => void = () => undefined,
): Promise<void> {
  const btn = form.querySelector(`[data-action="${action}"]`) as HTMLButtonElement;
  try {
    const res = await busy(btn, s('saving'), send);
    if (!res.saved || !res.state) return setIssues(form, res.issues);
    onSaved();
    state = res.state;
    render();
    toast(s('saved'));
  } catch (err) {
    setIssues(form, [{ field: '', message: (err as Error).message }]);
  }
}

function saveShop(form: HTMLFormElement, draft: ShopForm, originalName: string | null): Promise<void> {
  return submitSave(form, 'save-shop', () => call('sidebarSaveShop', { originalName, shop: draft }), () => {
    // typed secrets are in the server's document properties now; nothing of them stays in the page
    form.querySelectorAll('input[type="password"]').forEach((el) => ((el as HTMLInputElement).value = ''));
    draft.secrets = {};
    openShop = draft.name.trim();
  });
}

async function deleteShop(name: string): Promise<void> {
  if (!window.confirm(s('confirmDelete', { name }))) return;
  try {
    state = await call('sidebarDeleteShop', { name });
    openShop = null;
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
      h('li', { className: l.ok ? 'ok' : 'bad', 'data-check': l.id }, h('span', { className: 'check-icon', 'aria-hidden': 'true' }, l.ok ? '✓' : '!'), h('span', {}, l.message)),
    ),
  );
}

// ---- carriers ----

function carriersEditor(): HTMLElement {
  const rows: CarrierRow[] = state.carriers.map((c) => ({ name: c.name, values: { ...c.values } }));
  const form = h('form', { className: 'carriers', 'data-carriers': '', novalidate: true });
  const list = h('div', { className: 'carrier-rows' });
  const keys = state.malls.map((m) => ({ key: m.carrierKey, label: m.label }));

  const draw = () => {
    clear(list);
    rows.forEach((row, i) => {
      const card = h(
        'div',
        { className: 'card carrier-row', 'data-carrier-row': i },
        h(
          'div',
          { className: 'carrier-head' },
          h('input', { className: 'carrier-name', value: row.name, 'data-field': `${i}.name`, 'aria-label': s('carrierName'), placeholder: s('carrierName'), oninput: (ev) => (row.name = (ev.target as HTMLInputElement).value) }),
          h('button', { className: 'icon-btn', type: 'button', title: s('remove'), 'aria-label': s('remove'), onclick: () => { rows.splice(i, 1); draw(); } }, '×'),
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
              h('input', { id, value: row.values[key] ?? '', 'data-field': `${i}.${key}`, oninput: (ev) => (row.values[key] = (ev.target as HTMLInputElement).value) }),
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
      return { ...res, issues: res.issues.map((x) => ({ field: x.row < 0 ? '' : `${x.row}.${x.field}`, message: x.message })) };
    });
  });

  append(form, [
    h('p', { className: 'hint' }, s('carriersHelp')),
    list,
    h('button', { className: 'btn btn-text', type: 'button', 'data-action': 'add-carrier', onclick: () => { rows.push({ name: '', values: {} }); draw(); } }, '+ ' + s('addCarrier')),
    h('p', { className: 'form-error', 'data-error-for': '' }),
    h('div', { className: 'actions' }, h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'save-carriers' }, s('save'))),
  ]);
  return form;
}

// ---- general ----

function generalEditor(): HTMLElement {
  const draft = { locale: state.locale as string, timezone: state.timezone };
  const form = h('form', { className: 'general', 'data-general': '', novalidate: true });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitSave(form, 'save-general', () => call('sidebarSaveGeneral', draft));
  });
  append(form, [
    selectField('locale', s('locale'), draft.locale, [['ja', s('lang.ja')], ['en', s('lang.en')]], (v) => (draft.locale = v)),
    textField('timezone', s('timezone'), draft.timezone, (v) => (draft.timezone = v), { placeholder: 'Asia/Tokyo' }),
    h('p', { className: 'form-error', 'data-error-for': '' }),
    h('div', { className: 'actions' }, h('button', { className: 'btn btn-primary', type: 'submit', 'data-action': 'save-general' }, s('save'))),
  ]);
  return form;
}

// ---- toast ----

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string, error = false): void {
  const el = document.getElementById('toast') as HTMLElement;
  el.textContent = text;
  el.className = 'toast show' + (error ? ' toast-error' : '');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.className = 'toast'), 2500);
}

// ---- start ----

call('sidebarGetState', {})
  .then((st) => {
    state = st;
    render();
  })
  .catch((err: Error) => {
    clear(root);
    root.appendChild(h('div', { className: 'notice notice-error', role: 'alert' }, err.message));
  });
