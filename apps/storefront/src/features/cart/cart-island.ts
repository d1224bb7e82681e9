import type { MenuItem } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { $ } from '@repo/site-kit/dom';
import { readJson, readSiteConfig } from '../../lib/site-config.ts';
import { renderBanner } from '../availability/availability-banner.ts';
import { watchAvailability } from '../availability/availability-client.ts';
import { applyToMenu } from '../availability/menu-availability.ts';
import { watchCategoryNav } from '../menu/category-nav.ts';
import { wireDishDialogs } from '../menu/dish-dialog.ts';
import { wireAddForms } from './add-to-cart.ts';
import { cartSubtotal, itemCount, reconcileWithMenu } from './cart-model.ts';
import { CartStore } from './cart-store.ts';
import { renderCartLines } from './cart-view.ts';
import { MENU_DATA_ID } from './menu-data.ts';

/** The menu page's only island: the dishes' dialogs and add-to-order forms, the chips, and the cart panel. */
export function startCartIsland(): void {
  const config = readSiteConfig();
  const items = new Map(readJson<MenuItem[]>(MENU_DATA_ID).map((item) => [item.id, item]));
  const cart = new CartStore(config.slug);
  const panel = $('[data-cart]');
  const list = $('[data-cart-lines]', panel);
  const status = $('[data-cart-status]');
  const checkout = $<HTMLAnchorElement>('[data-checkout-link]', panel);
  const bar = document.querySelector<HTMLElement>('[data-cart-bar]');

  // On a phone the "View order" bar would cover the very cart it points to: it hides while the cart shows.
  let cartInView = false;
  const announce = (text: string) => {
    status.textContent = '';
    requestAnimationFrame(() => {
      status.textContent = text;
    });
  };

  const render = () => {
    const lines = cart.lines();
    const subtotal = formatMoney(cartSubtotal(lines), config.currency);
    const count = itemCount(lines);
    renderCartLines(list, lines, {
      currency: config.currency,
      onQuantity: (key, quantity) => {
        cart.setQuantity(key, quantity);
        announce(quantity === 0 ? 'Item removed from your order.' : `Quantity changed to ${quantity}.`);
      },
    });
    panel.toggleAttribute('data-empty', lines.length === 0);
    $('[data-cart-subtotal]', panel).textContent = subtotal;
    checkout.toggleAttribute('aria-disabled', lines.length === 0);
    if (lines.length === 0) checkout.removeAttribute('href');
    else checkout.setAttribute('href', '/checkout');
    if (bar) {
      bar.hidden = lines.length === 0 || cartInView;
      $('[data-cart-bar-text]', bar).textContent = `${count} ${count === 1 ? 'item' : 'items'} · ${subtotal}`;
    }
  };

  const current = cart.lines();
  const reconciled = reconcileWithMenu(current, items);
  if (JSON.stringify(reconciled) !== JSON.stringify(current)) cart.save(reconciled);
  wireDishDialogs();
  watchCategoryNav();
  wireAddForms(items, cart, announce);
  new IntersectionObserver(([entry]) => {
    cartInView = entry?.isIntersecting ?? false;
    render();
  }).observe(panel);
  cart.subscribe(render);
  render();
  panel.removeAttribute('data-loading');
  watchAvailability(config, (availability) => {
    renderBanner(availability);
    applyToMenu(availability);
  });
}
