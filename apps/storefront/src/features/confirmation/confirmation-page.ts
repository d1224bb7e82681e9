import { $ } from '../../lib/dom.ts';
import { readSiteConfig } from '../../lib/site-config.ts';
import { CartStore } from '../cart/cart-store.ts';
import { ApiProblem, getOrder } from '../checkout/api.ts';
import { forgetForm } from '../checkout/form-memory.ts';
import { endCheckoutAttempt, findOrder } from '../checkout/order-storage.ts';
import { renderConfirmed, showState, type ViewState } from './confirmation-view.ts';
import { nextDelay, outcomeOf } from './outcome.ts';

const SLOW_AFTER_MS = 45_000;
const GIVE_UP_AFTER_MS = 30 * 60_000;

export function startConfirmation(): void {
  const config = readSiteConfig();
  const params = new URLSearchParams(window.location.search);
  const root = $('[data-confirmation]');
  const live = $('#confirmation-status');
  const stored = findOrder(config.slug, params.get('order_id'));
  const redirectStatus = params.get('redirect_status');
  const started = Date.now();
  let lastState: ViewState | null = null;

  const show = (state: ViewState, announcement: string) => {
    showState(root, state);
    if (state !== lastState) live.textContent = announcement;
    lastState = state;
  };

  if (!stored) {
    show('missing', 'We could not find this order on this device.');
    return;
  }

  const poll = async (attempt: number): Promise<void> => {
    try {
      const order = await getOrder(config, stored.order_id, stored.order_token);
      const outcome = outcomeOf(order, redirectStatus);
      switch (outcome.kind) {
        case 'confirmed':
          renderConfirmed(root, order);
          new CartStore(config.slug).clear();
          endCheckoutAttempt(config.slug);
          forgetForm(config.slug);
          show('confirmed', `Order number ${order.order_number} is confirmed.`);
          return;
        case 'failed':
          $('[data-field="failure-reason"]', root).textContent = outcome.reason;
          show('failed', `Payment not completed. ${outcome.reason}`);
          return;
        case 'cancelled':
          show('cancelled', 'This order was cancelled.');
          return;
        case 'review':
          show('review', 'Your payment was received and the restaurant is checking your order.');
          return;
        case 'processing':
          root.toggleAttribute('data-slow', Date.now() - started > SLOW_AFTER_MS);
          show('processing', 'Your payment is being confirmed. This page updates by itself.');
          break;
        default: {
          const unknown: never = outcome;
          return unknown;
        }
      }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) {
        show('missing', 'We could not find this order on this device.');
        return;
      }
      if (lastState === null)
        show('processing', 'Your payment is being confirmed. This page updates by itself.');
    }
    if (Date.now() - started > GIVE_UP_AFTER_MS) return;
    setTimeout(() => void poll(attempt + 1), nextDelay(attempt));
  };
  void poll(0);
}
