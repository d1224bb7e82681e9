import { loadStripe, type Stripe, type StripeElements, type StripeError } from '@stripe/stripe-js';
import type { SiteConfig } from '../../lib/site-config.ts';

/** The PaymentForm island: Stripe's Payment Element with a deferred intent (no PaymentIntent yet). */
export interface PaymentForm {
  updateAmount(amount: number): void;
  /** Validates what the diner typed; call before creating the order. */
  submit(): Promise<StripeError | null>;
  /** Confirms the order's PaymentIntent; on success the browser leaves for returnUrl. */
  confirm(clientSecret: string, returnUrl: string): Promise<StripeError | null>;
}

export async function mountPaymentForm(
  config: SiteConfig,
  container: HTMLElement,
  amount: number,
  onReady: () => void,
): Promise<PaymentForm> {
  const stripe: Stripe | null = await loadStripe(config.stripeKey);
  if (!stripe) throw new Error('Stripe.js could not be loaded.');
  let current = amount;
  const elements: StripeElements = stripe.elements({
    mode: 'payment',
    amount,
    currency: config.currency,
    appearance: {
      theme: 'stripe',
      variables: {
        colorPrimary: '#b4472d',
        colorText: '#2b2220',
        borderRadius: '10px',
        fontFamily: 'system-ui, sans-serif',
      },
    },
  });
  const element = elements.create('payment', { layout: 'tabs' });
  element.on('ready', onReady);
  element.mount(container);

  return {
    updateAmount(next) {
      if (next === current || next <= 0) return;
      current = next;
      void elements.update({ amount: next });
    },
    async submit() {
      const { error } = await elements.submit();
      return error ?? null;
    },
    async confirm(clientSecret, returnUrl) {
      const { error } = await stripe.confirmPayment({
        elements,
        clientSecret,
        confirmParams: { return_url: returnUrl },
      });
      return error ?? null;
    },
  };
}
