// Runs in the browser as part of the served stripe.js: no runtime imports.
import type {
  ConfirmPaymentData,
  PaymentIntent,
  PaymentIntentResult,
  StripeElementsOptionsClientSecret,
  StripeElementsOptionsMode,
  StripeError,
  Stripe as StripeJs,
} from '@stripe/stripe-js';
import { emulatorCall, intentIdFromSecret, withRedirectParams } from './api-client.ts';
import {
  confirmationFields,
  createElements,
  type ElementsStandIn,
  stateOf,
  validationError,
} from './elements.ts';

interface ConfirmOptions {
  elements?: ElementsStandIn;
  clientSecret?: string;
  confirmParams?: Partial<ConfirmPaymentData>;
  redirect?: 'always' | 'if_required';
}

export interface StripeStandIn {
  elements(options?: StripeElementsOptionsClientSecret | StripeElementsOptionsMode): ElementsStandIn;
  confirmPayment(options: ConfirmOptions): Promise<PaymentIntentResult | { error: StripeError }>;
  retrievePaymentIntent: StripeJs['retrievePaymentIntent'];
}

/** Real Stripe.js shows 3-D Secure in a modal; the stand-in sends the browser to the emulator's page. */
function authenticationUrl(pi: PaymentIntent): string | undefined {
  const action = pi.next_action;
  if (action?.type === 'redirect_to_url') return action.redirect_to_url?.url ?? undefined;
  const sdk = action?.use_stripe_sdk as { stripe_js?: unknown } | undefined;
  return typeof sdk?.stripe_js === 'string' ? sdk.stripe_js : undefined;
}

/** Stripe.js reports an authorized (requires_capture) payment as succeeded, like a captured one. */
function redirectStatus(pi: PaymentIntent): string {
  return pi.status === 'processing' ? 'processing' : 'succeeded';
}

async function confirmPayment(
  options: ConfirmOptions,
  publishableKey: string,
): Promise<PaymentIntentResult | { error: StripeError }> {
  const clientSecret = options.clientSecret ?? stateOf(options.elements)?.clientSecret;
  if (!clientSecret)
    throw new Error('stripe-emulator: confirmPayment needs a clientSecret (from elements() or the call).');
  const returnUrl = options.confirmParams?.return_url;
  if (!returnUrl && options.redirect !== 'if_required') {
    throw new Error(
      'stripe-emulator: confirmParams.return_url is required unless redirect is "if_required".',
    );
  }
  const invalid = validationError(options.elements);
  if (invalid) return { error: invalid };
  const params: [string, string][] = [
    ['key', publishableKey],
    ['client_secret', clientSecret],
    ...confirmationFields(options.elements),
  ];
  if (returnUrl) params.push(['return_url', new URL(returnUrl, window.location.href).toString()]);
  const answer = await emulatorCall(
    'POST',
    `/v1/payment_intents/${intentIdFromSecret(clientSecret)}/confirm`,
    params,
  );
  if (answer.error) return { error: answer.error };
  const pi = answer.paymentIntent;
  const challenge = authenticationUrl(pi);
  if (pi.status === 'requires_action' && challenge) {
    window.location.assign(challenge);
    return new Promise(() => {});
  }
  if (options.redirect === 'if_required' || !returnUrl) return { paymentIntent: pi };
  window.location.assign(withRedirectParams(returnUrl, pi, redirectStatus(pi)));
  return new Promise(() => {});
}

/**
 * The Stripe.js release this stand-in answers as: `@stripe/stripe-js` compares `Stripe.version` with
 * the release it was built for and warns on every checkout when they differ. Kept equal to the
 * installed package's release by stripejs-version.test.ts.
 */
export const STRIPE_JS_RELEASE = 'endive';

/** `Stripe(publishableKey, options)`: options such as apiVersion or locale change nothing here. */
function StripeFactory(publishableKey: string, _options?: object): StripeStandIn {
  if (!publishableKey?.startsWith('pk_test_'))
    throw new Error('stripe-emulator: expected a pk_test_ publishable key');
  return {
    elements: createElements,
    confirmPayment: (options) => confirmPayment(options, publishableKey),
    async retrievePaymentIntent(clientSecret) {
      const path = `/v1/payment_intents/${intentIdFromSecret(clientSecret)}`;
      return emulatorCall('GET', path, [
        ['key', publishableKey],
        ['client_secret', clientSecret],
      ]);
    },
  };
}

(window as unknown as { Stripe: typeof StripeFactory }).Stripe = Object.assign(StripeFactory, {
  version: STRIPE_JS_RELEASE,
});
