// Runs in the browser as part of the served stripe.js: no runtime imports.
import type { StripePaymentElement, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import {
  type CardField,
  type CardFieldError,
  type CardInput,
  formatCardNumber,
  formatExpiry,
  isEmpty,
  validateCard,
} from './card-validation.ts';

export const ELEMENT_MIN_HEIGHT = '236px';

type ChangeHandler = (event: StripePaymentElementChangeEvent) => void;
type ReadyHandler = (event: { elementType: 'payment' }) => void;

export interface PaymentElementStandIn {
  mount: StripePaymentElement['mount'];
  unmount: StripePaymentElement['unmount'];
  destroy: StripePaymentElement['destroy'];
  on(event: 'change', handler: ChangeHandler): PaymentElementStandIn;
  on(event: 'ready', handler: ReadyHandler): PaymentElementStandIn;
  /** Emulator-only: the typed card, and a check that shows every field's error. */
  readCard(): CardInput;
  validate(): CardFieldError[];
}

const FIELDS: {
  field: CardField;
  label: string;
  placeholder: string;
  autocomplete: string;
  numeric: boolean;
}[] = [
  {
    field: 'number',
    label: 'Card number',
    placeholder: '1234 1234 1234 1234',
    autocomplete: 'cc-number',
    numeric: true,
  },
  {
    field: 'expiry',
    label: 'Expiration date',
    placeholder: 'MM / YY',
    autocomplete: 'cc-exp',
    numeric: true,
  },
  { field: 'cvc', label: 'Security code', placeholder: 'CVC', autocomplete: 'cc-csc', numeric: true },
  {
    field: 'postalCode',
    label: 'ZIP / Postal code',
    placeholder: '12345',
    autocomplete: 'postal-code',
    numeric: false,
  },
];

let elementCount = 0;

export function createPaymentElement(): PaymentElementStandIn {
  const uid = `emu-pe-${++elementCount}`;
  const changeHandlers: ChangeHandler[] = [];
  const readyHandlers: ReadyHandler[] = [];
  const root = document.createElement('div');
  root.className = 'emu-payment-element';
  root.style.cssText = `min-height:${ELEMENT_MIN_HEIGHT};box-sizing:border-box;font:14px system-ui,sans-serif;display:grid;gap:8px;grid-template-columns:1fr 1fr`;
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', 'Card details (Stripe emulator test form)');
  const inputs = {} as Record<CardField, HTMLInputElement>;
  const errorNodes = {} as Record<CardField, HTMLElement>;

  for (const spec of FIELDS) {
    const wrap = document.createElement('div');
    wrap.style.gridColumn = spec.field === 'number' ? '1 / -1' : 'auto';
    const id = `${uid}-${spec.field}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = spec.label;
    label.style.cssText = 'display:block;margin-bottom:4px';
    const input = document.createElement('input');
    input.id = id;
    input.type = 'text';
    input.placeholder = spec.placeholder;
    input.autocomplete = spec.autocomplete as AutoFill;
    if (spec.numeric) input.inputMode = 'numeric';
    input.setAttribute('aria-describedby', `${id}-error`);
    input.dataset.field = spec.field;
    input.style.cssText =
      'width:100%;box-sizing:border-box;padding:8px;font:inherit;border:1px solid #8792a2;border-radius:4px';
    const error = document.createElement('p');
    error.id = `${id}-error`;
    error.className = 'emu-field-error';
    error.setAttribute('role', 'alert');
    error.style.cssText = 'color:#df1b41;margin:4px 0 0;min-height:1.2em;font-size:13px';
    wrap.append(label, input, error);
    root.append(wrap);
    inputs[spec.field] = input;
    errorNodes[spec.field] = error;
  }

  const readCard = (): CardInput => ({
    number: inputs.number.value,
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    postalCode: inputs.postalCode.value,
  });

  const show = (errors: CardFieldError[], only?: CardField) => {
    for (const spec of FIELDS) {
      if (only && spec.field !== only) continue;
      const message = errors.find((e) => e.field === spec.field)?.message ?? '';
      errorNodes[spec.field].textContent = message;
      inputs[spec.field].setAttribute('aria-invalid', message ? 'true' : 'false');
    }
  };

  const emitChange = () => {
    const card = readCard();
    const event: StripePaymentElementChangeEvent = {
      elementType: 'payment',
      complete: validateCard(card).length === 0,
      empty: isEmpty(card),
      collapsed: false,
      value: { type: 'card' },
    };
    for (const handler of changeHandlers) handler(event);
  };

  root.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.field === 'number') input.value = formatCardNumber(input.value);
    if (input.dataset.field === 'expiry') input.value = formatExpiry(input.value);
    if (input.dataset.field === 'cvc') input.value = input.value.replace(/\D/g, '').slice(0, 4);
    errorNodes[input.dataset.field as CardField].textContent = '';
    emitChange();
  });
  root.addEventListener('focusout', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.value) show(validateCard(readCard()), input.dataset.field as CardField);
  });

  const element: PaymentElementStandIn = {
    mount(target) {
      const container = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
      if (!container) throw new Error(`stripe-emulator: no element matches ${String(target)}`);
      container.style.minHeight = ELEMENT_MIN_HEIGHT;
      container.append(root);
      setTimeout(() => {
        for (const handler of readyHandlers) handler({ elementType: 'payment' });
      }, 0);
    },
    unmount() {
      root.remove();
    },
    destroy() {
      root.remove();
      changeHandlers.length = 0;
      readyHandlers.length = 0;
    },
    on(event: 'change' | 'ready', handler: ChangeHandler | ReadyHandler): PaymentElementStandIn {
      if (event === 'change') changeHandlers.push(handler as ChangeHandler);
      else readyHandlers.push(handler as ReadyHandler);
      return element;
    },
    readCard,
    validate() {
      const errors = validateCard(readCard());
      show(errors);
      const first = errors[0];
      if (first) inputs[first.field].focus();
      return errors;
    },
  };
  return element;
}
