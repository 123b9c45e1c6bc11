import { append, clear, h } from '../dom';
import { call } from '../rpc';
import { alertsEditor } from './alerts';
import { carriersEditor } from './carriers';
import { generalEditor } from './general';
import { shopsList } from './shops';
import { s, setRenderer, store } from './store';

/**
 * The settings sidebar: shops (one form each, only the fields its mall needs), the carrier table, the
 * general settings and where alerts go. Every save is validated on the server by the engine's own schema; secret inputs are
 * cleared after a save and the server only ever says whether a secret is saved.
 */

const root = document.getElementById('app') as HTMLElement;

function render(): void {
  document.documentElement.lang = store.state.locale;
  clear(root);
  append(root, [
    store.state.problems.length ? problemsBox(store.state.problems) : null,
    section(s('shops'), 'shops', shopsList()),
    section(s('carriers'), 'carriers', carriersEditor()),
    section(s('general'), 'general', generalEditor()),
    section(s('alerts'), 'alerts', alertsEditor()),
  ]);
}

function section(title: string, id: string, body: Node): HTMLElement {
  return h(
    'section',
    { className: 'section', 'data-section': id },
    h('h2', { className: 'section-title' }, title),
    body,
  );
}

function problemsBox(lines: string[]): HTMLElement {
  return h(
    'div',
    { className: 'notice notice-error', role: 'alert' },
    h('strong', {}, s('problems')),
    h('ul', {}, ...lines.map((l) => h('li', {}, l))),
  );
}

setRenderer(render);

call('sidebarGetState', {})
  .then((st) => {
    store.state = st;
    render();
  })
  .catch((err: Error) => {
    clear(root);
    root.appendChild(h('div', { className: 'notice notice-error', role: 'alert' }, err.message));
  });
