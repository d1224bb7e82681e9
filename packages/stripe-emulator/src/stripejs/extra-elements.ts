// Runs in the browser as part of the served stripe.js: no runtime imports.
import { elementEvents, mountInto } from './element-events.ts';
import { type FieldError, type FormElement, formElement, type StandInElement } from './form-element.ts';

interface ElementOptions {
  mode?: 'billing' | 'shipping';
  defaultValues?: { email?: string; name?: string; address?: Record<string, string> };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The Link authentication element, reduced to what a page sees of it: an email field. */
export function linkAuthenticationElement(options: ElementOptions = {}): FormElement {
  return formElement(
    'linkAuthentication',
    [{ field: 'email', label: 'Email', autocomplete: 'email', required: true }],
    { email: options.defaultValues?.email ?? '' },
    ({ email = '' }) => {
      if (!email) return [{ field: 'email', message: 'Your email is incomplete.' }];
      return EMAIL.test(email) ? [] : [{ field: 'email', message: 'Your email address is invalid.' }];
    },
    ({ email = '' }) => ({ value: { email } }),
  );
}

const ADDRESS_FIELDS = [
  { field: 'name', label: 'Full name', autocomplete: 'name', required: true },
  { field: 'line1', label: 'Address line 1', autocomplete: 'address-line1', required: true },
  { field: 'line2', label: 'Address line 2', autocomplete: 'address-line2', required: false },
  { field: 'city', label: 'City', autocomplete: 'address-level2', required: true },
  { field: 'state', label: 'State', autocomplete: 'address-level1', required: false },
  { field: 'postal_code', label: 'Postal code', autocomplete: 'postal-code', required: true },
  { field: 'country', label: 'Country', autocomplete: 'country', required: true },
];

export function addressValue(values: Record<string, string>) {
  const { name = '', ...address } = values;
  return { name, address: { line2: null, state: null, ...address } };
}

export type AddressElement = FormElement & {
  mode: 'billing' | 'shipping';
  getValue(): Promise<{ complete: boolean; isNewAddress: boolean; value: ReturnType<typeof addressValue> }>;
};

/** The address element in billing or shipping mode; confirmPayment passes what it holds on. */
export function addressElement(options: ElementOptions = {}): AddressElement {
  if (options.mode !== 'billing' && options.mode !== 'shipping')
    throw new Error(
      "stripe-emulator: the address element needs mode 'billing' or 'shipping', as in Stripe.js",
    );
  const check = (values: Record<string, string>): FieldError[] =>
    ADDRESS_FIELDS.filter((f) => f.required && !values[f.field]).map((f) => ({
      field: f.field,
      message: 'This field is incomplete.',
    }));
  const defaults = {
    country: 'US',
    name: options.defaultValues?.name ?? '',
    ...options.defaultValues?.address,
  };
  const form = formElement('address', ADDRESS_FIELDS, defaults, check, (values) => ({
    isNewAddress: false,
    value: addressValue(values),
  }));
  return Object.assign(form, {
    mode: options.mode,
    getValue: async () => ({
      complete: check(form.values()).length === 0,
      isNewAddress: false,
      value: addressValue(form.values()),
    }),
  });
}

/**
 * No wallet exists in the emulator, so the express checkout element says so and, as Stripe.js does
 * when no wallet is available, fires `ready` with `availablePaymentMethods` undefined and nothing else.
 */
export function expressCheckoutElement(): StandInElement {
  const events = elementEvents();
  const root = document.createElement('p');
  root.textContent =
    'Express checkout (Apple Pay, Google Pay, Link) is not available in the Stripe emulator.';
  root.style.cssText = 'font:13px system-ui,sans-serif;color:#6a7383';
  const element: StandInElement = {
    mount: (target) =>
      mountInto(target, root, () =>
        events.emit('ready', { elementType: 'expressCheckout', availablePaymentMethods: undefined }),
      ),
    unmount: () => root.remove(),
    destroy() {
      root.remove();
      events.clear();
    },
    on(type, handler) {
      events.on(type, handler);
      return element;
    },
    off(type, handler) {
      events.off(type, handler);
      return element;
    },
    update() {},
    focus() {},
    blur() {},
    clear() {},
    validate: () => [],
  };
  return element;
}
