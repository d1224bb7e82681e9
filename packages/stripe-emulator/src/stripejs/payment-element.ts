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
import { buildCardFields, CARD_FIELDS, ELEMENT_MIN_HEIGHT } from './payment-element-fields.ts';

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

let elementCount = 0;

export function createPaymentElement(): PaymentElementStandIn {
  const uid = `emu-pe-${++elementCount}`;
  const changeHandlers: ChangeHandler[] = [];
  const readyHandlers: ReadyHandler[] = [];
  const { root, inputs, errorNodes } = buildCardFields(uid);

  const readCard = (): CardInput => ({
    number: inputs.number.value,
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    postalCode: inputs.postalCode.value,
  });

  const show = (errors: CardFieldError[], only?: CardField) => {
    for (const spec of CARD_FIELDS) {
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
