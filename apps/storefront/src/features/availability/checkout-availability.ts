import type { Availability } from '@repo/contracts';
import { dateTime } from '@repo/contracts/browser';
import { el } from '@repo/site-kit/dom';
import type { SiteConfig } from '../../lib/site-config.ts';
import type { CartStore } from '../cart/cart-store.ts';
import { renderBanner } from './availability-banner.ts';
import { watchAvailability } from './availability-client.ts';
import { soldOutLines, takesAsap } from './availability-text.ts';
import { zoneTime } from './zone-time.ts';

/** "(ready about 6:40 PM EST)", or for a delivery when it arrives: ready plus the delivery time. */
function asapLabel(form: HTMLFormElement, availability: Availability, deliveryMinutes: number): string {
  if (!availability.asap_ready_at) return 'As soon as possible (not while closed)';
  const delivery =
    form.querySelector<HTMLInputElement>('input[name="order_type"]:checked')?.value === 'delivery';
  if (!delivery)
    return `As soon as possible (ready about ${zoneTime(availability.asap_ready_at, availability.timezone)})`;
  const arrives = new Date(Date.parse(availability.asap_ready_at) + deliveryMinutes * 60_000).toISOString();
  return `As soon as possible (arrives about ${zoneTime(arrives, availability.timezone)})`;
}

function offerWhen(form: HTMLFormElement, availability: Availability, deliveryMinutes: number): void {
  const asap = form.querySelector<HTMLInputElement>('input[name="when"][value="asap"]');
  const later = form.querySelector<HTMLInputElement>('input[name="when"][value="later"]');
  const label = form.querySelector<HTMLElement>('[data-asap-label]');
  const open = takesAsap(availability);
  if (asap) asap.disabled = !open;
  if (label) label.textContent = asapLabel(form, availability, deliveryMinutes);
  if (!open && asap?.checked && later) {
    later.checked = true;
    form.dispatchEvent(new Event('change'));
  }
  const select = form.querySelector<HTMLSelectElement>('#scheduled-time');
  if (!select) return;
  const chosen = select.value;
  const options = availability.slots.map((slot) =>
    el('option', { value: slot, text: dateTime(slot, availability.timezone) }),
  );
  select.replaceChildren(
    el('option', { value: '', text: options.length ? 'Choose a time' : 'No times left this week' }),
    ...options,
  );
  if (availability.slots.includes(chosen)) select.value = chosen;
}

/**
 * Keeps the checkout in step with the restaurant: the banner, when the order can be ready, and the
 * cart lines that sold out since they were added. `onHold` is told whether paying must wait until
 * the diner removes those lines, so that the API never has to refuse them after the card is entered.
 */
export function watchCheckoutAvailability(
  config: SiteConfig,
  cart: CartStore,
  form: HTMLFormElement,
  onHold: (held: boolean) => void,
): void {
  let latest: Availability | null = null;
  const warning = document.querySelector<HTMLElement>('[data-sold-out-warning]');
  const flag = () => {
    if (!latest || !warning) return;
    const sold = soldOutLines(cart.lines(), latest);
    warning.hidden = sold.length === 0;
    warning.replaceChildren(
      el('p', { text: 'Sorry, some of your order sold out. Remove it to pay for the rest:' }),
      ...sold.map(({ line, names }) => {
        const remove = el('button', { type: 'button', class: 'btn', text: `Remove ${line.name}` });
        remove.addEventListener('click', () => cart.setQuantity(line.key, 0));
        return el('p', {}, `Sold out: ${names.join(', ')}. `, remove);
      }),
    );
    const keys = new Set(sold.map(({ line }) => line.menu_item_id));
    for (const row of document.querySelectorAll<HTMLElement>('[data-summary-lines] [data-line]'))
      row.toggleAttribute('data-sold-out', keys.has(row.dataset.line ?? ''));
    onHold(sold.length > 0);
  };
  cart.subscribe(flag);
  // Pickup or delivery changes what "as soon as possible" means to the diner.
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement | null;
    if (latest && target?.name === 'order_type') offerWhen(form, latest, config.deliveryMinutes);
  });
  watchAvailability(config, (availability) => {
    latest = availability;
    renderBanner(availability);
    offerWhen(form, availability, config.deliveryMinutes);
    flag();
  });
}
