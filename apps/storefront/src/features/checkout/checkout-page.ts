import type { CreateOrderResponse } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { $ } from '@repo/site-kit/dom';
import { readSiteConfig } from '../../lib/site-config.ts';
import { watchCheckoutAvailability } from '../availability/checkout-availability.ts';
import { cartSubtotal } from '../cart/cart-model.ts';
import { CartStore } from '../cart/cart-store.ts';
import { renderCartLines } from '../cart/cart-view.ts';
import { ApiProblem, createOrder } from './api.ts';
import { cardSentence } from './card-words.ts';
import { checkForm, orderBody, orderType, tipFor } from './checkout-form.ts';
import { estimateTotals } from './estimate.ts';
import { clearFieldErrors, showFieldErrors } from './field-errors.ts';
import { type FieldContext, fieldSentence, tipLimitFor } from './field-words.ts';
import { rememberForm } from './form-memory.ts';
import { idempotencyKeyFor, rememberOrder } from './order-storage.ts';
import { mountPaymentForm, type PaymentForm } from './payment-form.ts';
import { problemSentence } from './problem-words.ts';
import { fromAmounts, renderTotals } from './totals-view.ts';

export function startCheckout(): void {
  const config = readSiteConfig();
  const cart = new CartStore(config.slug);
  const form = $<HTMLFormElement>('#checkout-form');
  const payButton = $<HTMLButtonElement>('#pay-button');
  const paymentError = $('#payment-error');
  const totalsBox = $('[data-totals]');
  const status = $('#checkout-status');
  let payment: PaymentForm | null = null;
  let inFlight = false;
  let held = false;

  const lines = () => cart.lines();
  const estimate = () => {
    const subtotal = cartSubtotal(lines());
    const deliveryFee = orderType(form) === 'delivery' ? config.deliveryFee : 0;
    return estimateTotals({
      subtotal,
      taxRatePpm: config.taxRatePpm,
      tip: tipFor(form, subtotal, config.currency) ?? 0,
      deliveryFee,
    });
  };

  const refresh = () => {
    const current = lines();
    document.body.toggleAttribute('data-cart-empty', current.length === 0);
    renderCartLines($('[data-summary-lines]'), current, { currency: config.currency });
    const totals = estimate();
    renderTotals(totalsBox, totals, config.currency, false);
    payButton.textContent = `Pay ${formatMoney(totals.total, config.currency)}`;
    payment?.updateAmount(totals.total);
    const delivery = orderType(form) === 'delivery';
    $('#delivery-fields').hidden = !delivery;
    for (const input of $('#delivery-fields').querySelectorAll<HTMLInputElement>('[data-required]'))
      input.required = delivery;
    $('#schedule-fields').hidden = new FormData(form).get('when') !== 'later';
    $('#tip-custom-field').hidden = new FormData(form).get('tip') !== 'custom';
  };

  // The error takes focus, so a keyboard or screen reader user lands on it rather than on <body>.
  const fail = (message: string) => {
    paymentError.textContent = message;
    status.textContent = '';
    paymentError.focus();
  };
  const fieldContext = (): FieldContext => ({
    country: config.country,
    currency: config.currency,
    tipLimit: tipLimitFor(cartSubtotal(lines())),
  });
  const wordsContext = { timeZone: config.timezone, phone: config.restaurantPhone };

  const confirmOrder = async (order: CreateOrderResponse, form: PaymentForm) => {
    const returnUrl = `${window.location.origin}/order-confirmation?order_id=${encodeURIComponent(order.order_id)}`;
    if (order.payment_status === 'succeeded' || order.status !== 'pending_payment') {
      window.location.assign(returnUrl);
      return new Promise<never>(() => {});
    }
    status.textContent = 'Confirming your payment…';
    const error = await form.confirm(order.client_secret, returnUrl);
    if (error) fail(cardSentence(error));
  };

  const pay = async () => {
    if (inFlight || held || !payment) return;
    inFlight = true;
    payButton.disabled = true;
    payButton.setAttribute('aria-busy', 'true');
    paymentError.textContent = '';
    clearFieldErrors(form);
    try {
      const problems = checkForm(form, fieldContext());
      if (problems.length > 0) {
        showFieldErrors(form, problems);
        return;
      }
      const submitted = await payment.submit();
      if (submitted) return fail(cardSentence(submitted));
      const current = lines();
      const body = orderBody(form, current, tipFor(form, cartSubtotal(current), config.currency) ?? 0);
      status.textContent = 'Placing your order…';
      let order: CreateOrderResponse;
      try {
        order = await createOrder(config, idempotencyKeyFor(config.slug, JSON.stringify(body)), body);
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        const sentence = problemSentence(error.status, error.problem, wordsContext);
        if (error.problem?.type.endsWith('scheduled-time-invalid')) {
          showFieldErrors(form, [{ path: 'scheduled_time', message: sentence }]);
          return;
        }
        // Each refused field gets the diner's words for it; the API's own message is never shown.
        const fields = (error.problem?.errors ?? []).map((field) => ({
          path: field.path,
          message: fieldSentence(field.path, fieldContext()),
        }));
        if (fields.length === 0) return fail(sentence);
        const unmatched = showFieldErrors(form, fields);
        if (unmatched.length > 0) fail([...new Set(unmatched.map((field) => field.message))].join(' '));
        else status.textContent = 'Please correct the highlighted fields.';
        return;
      }
      rememberOrder(config.slug, { order_id: order.order_id, order_token: order.order_token });
      renderTotals(totalsBox, fromAmounts(order.amounts), config.currency, true);
      payment.updateAmount(order.amounts.total);
      await confirmOrder(order, payment);
    } catch (error) {
      console.error(error);
      fail('Something went wrong on this page. Nothing was charged; please reload it and try again.');
    } finally {
      inFlight = false;
      payButton.disabled = held;
      payButton.removeAttribute('aria-busy');
    }
  };

  rememberForm(form, config.slug);
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void pay();
  });
  cart.subscribe(refresh);
  refresh();
  watchCheckoutAvailability(config, cart, form, (hold) => {
    held = hold;
    payButton.disabled = hold || !payment || inFlight;
  });
  const total = estimate().total;
  if (lines().length === 0 || total <= 0) return;
  const mountPoint = $('#payment-element');
  mountPaymentForm(config, mountPoint, total, () => $('[data-payment-slot]').removeAttribute('data-loading'))
    .then((mounted) => {
      payment = mounted;
      payButton.disabled = held;
    })
    .catch((error: unknown) => {
      console.error(error);
      fail('The card form could not load. Please check your connection and reload the page.');
    });
}
