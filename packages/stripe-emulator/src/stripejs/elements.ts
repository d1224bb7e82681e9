// Runs in the browser as part of the served stripe.js: no runtime imports.
import type {
  StripeElementsOptionsClientSecret,
  StripeElementsOptionsMode,
  StripeError,
} from '@stripe/stripe-js';
import { digitsOf, parseExpiry } from './card-validation.ts';
import {
  type AddressElement,
  addressElement,
  addressValue,
  expressCheckoutElement,
  linkAuthenticationElement,
} from './extra-elements.ts';
import type { FormElement, StandInElement } from './form-element.ts';
import { createPaymentElement, type PaymentElementStandIn } from './payment-element.ts';

export type ElementType = 'payment' | 'linkAuthentication' | 'address' | 'expressCheckout';

export interface ElementsStandIn {
  update(options: object): Promise<void>;
  submit(): Promise<{ error?: StripeError }>;
  create(type: ElementType, options?: object): StandInElement;
  getElement(type: ElementType): StandInElement | null;
  fetchUpdates(): Promise<object>;
}

interface ElementsState {
  clientSecret: string | undefined;
  options: object;
  mounted: Partial<Record<ElementType, StandInElement>>;
}

const states = new WeakMap<ElementsStandIn, ElementsState>();

export function stateOf(elements: ElementsStandIn | undefined): ElementsState | undefined {
  return elements ? states.get(elements) : undefined;
}

/** The first problem any element shows, as elements.submit() reports it. */
export function validationError(elements: ElementsStandIn | undefined): StripeError | undefined {
  const mounted = stateOf(elements)?.mounted ?? {};
  if (!mounted.payment)
    return { type: 'validation_error', message: 'Mount a payment element before confirming.' };
  for (const element of Object.values(mounted)) {
    const [first] = element.validate();
    if (first) {
      const code = 'code' in first ? String(first.code) : 'incomplete';
      return { type: 'validation_error', code, message: first.message, param: first.field };
    }
  }
  return undefined;
}

function build(type: ElementType, options: object): StandInElement {
  switch (type) {
    case 'payment':
      return createPaymentElement();
    case 'linkAuthentication':
      return linkAuthenticationElement(options);
    case 'address':
      return addressElement(options);
    case 'expressCheckout':
      return expressCheckoutElement();
    default:
      throw new Error(`stripe-emulator: the '${String(type)}' element is not emulated`);
  }
}

export function createElements(
  options?: StripeElementsOptionsClientSecret | StripeElementsOptionsMode,
): ElementsStandIn {
  const state: ElementsState = {
    clientSecret: options && 'clientSecret' in options ? options.clientSecret : undefined,
    options: { ...options },
    mounted: {},
  };
  const elements: ElementsStandIn = {
    async update(next) {
      state.options = { ...state.options, ...next };
    },
    async submit() {
      const error = validationError(elements);
      return error ? { error } : {};
    },
    create(type, elementOptions = {}) {
      if (state.mounted[type]) throw new Error(`stripe-emulator: only one '${type}' element per elements()`);
      const element = build(type, elementOptions);
      state.mounted[type] = element;
      return element;
    },
    getElement: (type) => state.mounted[type] ?? null,
    fetchUpdates: async () => ({}),
  };
  states.set(elements, state);
  return elements;
}

/** The form fields confirmPayment sends for what the mounted elements hold. */
export function confirmationFields(elements: ElementsStandIn | undefined): [string, string][] {
  const mounted = stateOf(elements)?.mounted ?? {};
  const card = (mounted.payment as PaymentElementStandIn | undefined)?.readCard();
  const { month, year } = parseExpiry(card?.expiry ?? '');
  const fields: [string, string][] = [
    ['payment_method_data[type]', 'card'],
    ['payment_method_data[card][number]', digitsOf(card?.number ?? '')],
    ['payment_method_data[card][exp_month]', String(month)],
    ['payment_method_data[card][exp_year]', String(year)],
    ['payment_method_data[card][cvc]', digitsOf(card?.cvc ?? '')],
    ['payment_method_data[billing_details][address][postal_code]', card?.postalCode.trim() ?? ''],
  ];
  const email = (mounted.linkAuthentication as FormElement | undefined)?.values().email;
  if (email) fields.push(['payment_method_data[billing_details][email]', email]);
  const address = mounted.address as AddressElement | undefined;
  if (address) {
    const { name, address: parts } = addressValue(address.values());
    const prefix = address.mode === 'shipping' ? 'shipping' : 'payment_method_data[billing_details]';
    fields.push([`${prefix}[name]`, name]);
    for (const [key, value] of Object.entries(parts)) {
      if (value && !(address.mode === 'billing' && key === 'postal_code' && card?.postalCode))
        fields.push([`${prefix}[address][${key}]`, value]);
    }
  }
  return fields;
}
