// Runs in the browser as part of the served stripe.js: no runtime imports.
import type { StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import {
  type CardField,
  type CardFieldError,
  type CardInput,
  formatCardNumber,
  formatExpiry,
  isEmpty,
  validateCard,
} from './card-validation.ts';
import { elementEvents, mountInto, reportFocus } from './element-events.ts';
import type { StandInElement } from './form-element.ts';
import { buildCardFields, CARD_FIELDS, ELEMENT_MIN_HEIGHT } from './payment-element-fields.ts';

export interface PaymentElementStandIn extends StandInElement {
  /** Emulator-only: the typed card, and a check that shows every field's error. */
  readCard(): CardInput;
  validate(): CardFieldError[];
}

let elementCount = 0;

export function createPaymentElement(): PaymentElementStandIn {
  const uid = `emu-pe-${++elementCount}`;
  const events = elementEvents();
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
    events.emit('change', event);
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

  reportFocus(root, events, 'payment');

  const element: PaymentElementStandIn = {
    mount(target) {
      mountInto(target, root, () => events.emit('ready', { elementType: 'payment' }));
      // The container keeps the element's height, so the page does not shift while it loads.
      if (root.parentElement) root.parentElement.style.minHeight = ELEMENT_MIN_HEIGHT;
    },
    unmount() {
      root.remove();
    },
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
    focus: () => inputs.number.focus(),
    blur: () => (document.activeElement as HTMLElement | null)?.blur(),
    clear() {
      for (const input of Object.values(inputs)) input.value = '';
      emitChange();
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
