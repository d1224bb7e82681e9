import type { DinerOrderView } from '@repo/contracts';
import { $ } from '@repo/site-kit/dom';
import { readSiteConfig } from '../../lib/site-config.ts';
import { CartStore } from '../cart/cart-store.ts';
import { ApiProblem, getOrder } from '../checkout/api.ts';
import { forgetForm } from '../checkout/form-memory.ts';
import { endCheckoutAttempt, findOrder } from '../checkout/order-storage.ts';
import { problemSentence } from '../checkout/problem-words.ts';
import {
  renderOrder,
  renderOutcomePanel,
  renderStage,
  showState,
  type ViewState,
} from './confirmation-view.ts';
import { takeOrderLink } from './order-link.ts';
import { followOrderStream, type OrderStream } from './order-stream.ts';
import {
  isPlaced,
  nextDelay,
  type OtherOutcome,
  type Outcome,
  type OutcomeKind,
  outcomeOf,
} from './outcome.ts';

const SLOW_AFTER_MS = 45_000;
/** A page left open with nothing happening stops asking; a reload starts again. */
const GIVE_UP_AFTER_MS = 30 * 60_000;
const MISSING = 'We could not find this order on this device.';
const PROCESSING = 'Your payment is being confirmed. This page updates by itself.';

/**
 * Follows the order until nothing more can happen to it by itself: by polling the diner's view
 * (which re-syncs the payment from Stripe) while the payment's outcome is unknown, then over the
 * API's event stream, which shows each step the restaurant takes within a second and never costs a
 * call to Stripe. A stream that cannot be opened falls back to polling.
 */
export function startConfirmation(): void {
  const config = readSiteConfig();
  const linked = takeOrderLink(config.slug);
  const params = new URLSearchParams(window.location.search);
  const root = $('[data-confirmation]');
  const live = $('#confirmation-status');
  const stored = findOrder(config.slug, linked ?? params.get('order_id'));
  const redirectStatus = params.get('redirect_status');
  const started = Date.now();
  let lastKind: OutcomeKind | null = null;
  let lastChange = Date.now();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stream: OrderStream | undefined;
  let streamFailed = false;
  let giveUp: ReturnType<typeof setTimeout> | undefined;

  if (!stored) {
    showState(root, 'missing');
    live.textContent = MISSING;
    return;
  }

  const show = (order: DinerOrderView, outcome: Outcome) => {
    const changed = outcome.kind !== lastKind;
    lastKind = outcome.kind;
    if (changed) lastChange = Date.now();
    if (isPlaced(outcome)) {
      const words = renderStage(root, outcome.kind, order, config.restaurantName, config.timezone);
      if (!changed) return;
      renderOrder(root, outcome.kind, order, config.timezone);
      showState(root, 'order');
      live.textContent = words.announcement;
      new CartStore(config.slug).clear();
      endCheckoutAttempt(config.slug);
      forgetForm(config.slug);
      return;
    }
    if (outcome.kind === 'processing')
      root.toggleAttribute('data-slow', Date.now() - started > SLOW_AFTER_MS);
    renderOutcomePanel(root, order);
    if (!changed) return;
    if (outcome.kind === 'not_accepted') endCheckoutAttempt(config.slug);
    const [state, announcement] = panelFor(outcome);
    showState(root, state);
    live.textContent = announcement;
  };

  const check = async (): Promise<void> => {
    timer = undefined;
    let retryAfterMs: number | null = null;
    try {
      const order = await getOrder(config, stored.order_id, stored.order_token);
      const outcome = outcomeOf(order, redirectStatus);
      show(order, outcome);
      if (order.final || outcome.kind === 'failed') return;
      if (order.status !== 'pending_payment' && !streamFailed) {
        follow();
        return;
      }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) {
        showState(root, 'missing');
        live.textContent = MISSING;
        return;
      }
      if (error instanceof ApiProblem && error.status === 410) {
        const sentence = problemSentence(error.status, error.problem, {
          timeZone: config.timezone,
          phone: config.restaurantPhone,
        });
        $('[data-field="expired-reason"]', root).textContent = sentence;
        showState(root, 'expired');
        live.textContent = sentence;
        return;
      }
      retryAfterMs = error instanceof ApiProblem ? error.retryAfterMs : null;
      if (lastKind === null) {
        lastKind = 'processing';
        showState(root, 'processing');
        live.textContent = PROCESSING;
      }
    }
    if (Date.now() - lastChange > GIVE_UP_AFTER_MS) {
      root.toggleAttribute('data-stopped', true);
      return;
    }
    timer = setTimeout(() => void check(), nextDelay(attempt++, document.hidden, retryAfterMs));
  };

  const stopFollowing = () => {
    stream?.close();
    root.toggleAttribute('data-stopped', true);
  };
  // The payment is known: the restaurant's steps come over the stream.
  const follow = () => {
    if (stream) return;
    giveUp = setTimeout(stopFollowing, GIVE_UP_AFTER_MS);
    stream = followOrderStream(config, stored.order_id, stored.order_token, {
      onView: (order) => {
        show(order, outcomeOf(order, redirectStatus));
        clearTimeout(giveUp);
        if (!order.final) giveUp = setTimeout(stopFollowing, GIVE_UP_AFTER_MS - (Date.now() - lastChange));
      },
      onFailed: () => {
        clearTimeout(giveUp);
        streamFailed = true;
        stream = undefined;
        timer = setTimeout(() => void check(), nextDelay(attempt++, document.hidden));
      },
    });
  };

  // A tab brought back into view is brought up to date at once rather than at its slow hidden pace.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden || timer === undefined) return;
    clearTimeout(timer);
    void check();
  });
  void check();
}

function panelFor(outcome: OtherOutcome): [ViewState, string] {
  switch (outcome.kind) {
    case 'processing':
      return ['processing', PROCESSING];
    case 'failed':
      return ['failed', 'Your payment did not go through. You have not been charged.'];
    case 'cancelled':
      return ['cancelled', 'This order was cancelled.'];
    case 'not_accepted':
      return ['not-accepted', 'The restaurant could not accept your order. Your card was not charged.'];
    case 'review':
      return ['review', 'Your payment was received and the restaurant is checking your order.'];
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}
