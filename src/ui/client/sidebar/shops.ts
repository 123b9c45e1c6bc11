import type { ShopView } from '../../shared/rpc';
import { h } from '../dom';
import { shopFormCard, shopStatus } from './shop-form';
import { mallOf, NEW, render, s, store } from './store';

/** The shops panel: one card per shop, the open one as its form, and the add button. */

export function shopsList(): HTMLElement {
  const list = h('div', { className: 'shop-list' });
  if (!store.state.shops.length && store.openShop !== NEW)
    list.appendChild(h('p', { className: 'muted' }, s('noShops')));
  for (const shop of store.state.shops) list.appendChild(shopCard(shop));
  if (store.openShop === NEW) list.appendChild(shopFormCard(null));
  else
    list.appendChild(
      h(
        'button',
        {
          className: 'btn btn-outline btn-block',
          type: 'button',
          'data-action': 'add-shop',
          onclick: () => {
            store.openShop = NEW;
            render();
          },
        },
        `+ ${s('addShop')}`,
      ),
    );
  return list;
}

function shopCard(shop: ShopView): HTMLElement {
  if (store.openShop === shop.form.name) return shopFormCard(shop);
  const mall = mallOf(shop.form.mall);
  return h(
    'div',
    { className: `card shop-card${shop.issues.length ? ' has-issues' : ''}`, 'data-shop': shop.form.name },
    h(
      'button',
      {
        className: 'shop-head',
        type: 'button',
        'aria-expanded': 'false',
        onclick: () => {
          store.openShop = shop.form.name;
          render();
        },
      },
      h('span', { className: 'shop-name' }, shop.form.name),
      h('span', { className: 'badge' }, mall ? mall.label : shop.form.mall),
      shop.form.enabled ? null : h('span', { className: 'badge badge-muted' }, s('disabled')),
    ),
    shopStatus(shop),
    shop.issues.length ? h('p', { className: 'field-error' }, s('fixErrors')) : null,
  );
}
