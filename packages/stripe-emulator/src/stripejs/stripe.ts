// Runs in the browser as part of the served stripe.js: no runtime imports.
import type {
  ConfirmPaymentData,
  PaymentIntent,
  PaymentIntentResult,
  StripeElements,
  StripeElementsOptionsClientSecret,
  StripeElementsOptionsMode,
  StripeError,
  Stripe as StripeJs,
} from '@stripe/stripe-js';
import { emulatorCall, intentIdFromSecret, withRedirectParams } from './api-client.ts';
import { digitsOf, parseExpiry } from './card-validation.ts';
import { createPaymentElement, type PaymentElementStandIn } from './payment-element.ts';

export interface ElementsStandIn {
  update: StripeElements['update'];
  submit: StripeElements['submit'];
  create(type: 'payment', options?: object): PaymentElementStandIn;
  getElement(type: 'payment'): PaymentElementStandIn | null;
}

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

const secretsByElements = new WeakMap<ElementsStandIn, string | undefined>();
const paymentElements = new WeakMap<ElementsStandIn, PaymentElementStandIn>();

function validationError(elements: ElementsStandIn | undefined): StripeError | undefined {
  const element = elements ? paymentElements.get(elements) : undefined;
  if (!element) return { type: 'validation_error', message: 'Mount a payment element before confirming.' };
  const [first] = element.validate();
  return first
    ? { type: 'validation_error', code: first.code, message: first.message, param: first.field }
    : undefined;
}

function createElements(
  options?: StripeElementsOptionsClientSecret | StripeElementsOptionsMode,
): ElementsStandIn {
  const elements: ElementsStandIn = {
    async update() {},
    async submit() {
      const error = validationError(elements);
      return error ? { error } : {};
    },
    create(type) {
      if (type !== 'payment')
        throw new Error(`stripe-emulator: only the 'payment' element is emulated, not '${type}'`);
      const element = createPaymentElement();
      paymentElements.set(elements, element);
      return element;
    },
    getElement: () => paymentElements.get(elements) ?? null,
  };
  secretsByElements.set(elements, options && 'clientSecret' in options ? options.clientSecret : undefined);
  return elements;
}

/** Real Stripe.js shows 3-D Secure in a modal; the stand-in sends the browser to the emulator's page. */
function authenticationUrl(pi: PaymentIntent): string | undefined {
  const action = pi.next_action;
  if (action?.type === 'redirect_to_url') return action.redirect_to_url?.url ?? undefined;
  const sdk = action?.use_stripe_sdk as { stripe_js?: unknown } | undefined;
  return typeof sdk?.stripe_js === 'string' ? sdk.stripe_js : undefined;
}

async function confirmPayment(
  options: ConfirmOptions,
  publishableKey: string,
): Promise<PaymentIntentResult | { error: StripeError }> {
  const clientSecret =
    options.clientSecret ?? (options.elements ? secretsByElements.get(options.elements) : undefined);
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
  const card = paymentElements.get(options.elements as ElementsStandIn)?.readCard();
  const { month, year } = parseExpiry(card?.expiry ?? '');
  const params: [string, string][] = [
    ['key', publishableKey],
    ['client_secret', clientSecret],
    ['payment_method_data[type]', 'card'],
    ['payment_method_data[card][number]', digitsOf(card?.number ?? '')],
    ['payment_method_data[card][exp_month]', String(month)],
    ['payment_method_data[card][exp_year]', String(year)],
    ['payment_method_data[card][cvc]', digitsOf(card?.cvc ?? '')],
    ['payment_method_data[billing_details][address][postal_code]', card?.postalCode.trim() ?? ''],
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
  window.location.assign(
    withRedirectParams(returnUrl, pi, pi.status === 'processing' ? 'processing' : 'succeeded'),
  );
  return new Promise(() => {});
}

function StripeFactory(publishableKey: string): StripeStandIn {
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

(window as unknown as { Stripe: typeof StripeFactory }).Stripe = StripeFactory;
