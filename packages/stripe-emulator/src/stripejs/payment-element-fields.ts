// Runs in the browser as part of the served stripe.js: no runtime imports.
import type { CardField } from './card-validation.ts';

export const ELEMENT_MIN_HEIGHT = '236px';

export const CARD_FIELDS: {
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

export interface CardFields {
  root: HTMLElement;
  inputs: Record<CardField, HTMLInputElement>;
  errorNodes: Record<CardField, HTMLElement>;
}

/** Labelled inputs without name attributes, so a merchant form never posts card data. */
export function buildCardFields(uid: string): CardFields {
  const root = document.createElement('div');
  root.className = 'emu-payment-element';
  root.style.cssText = `min-height:${ELEMENT_MIN_HEIGHT};box-sizing:border-box;font:14px system-ui,sans-serif;display:grid;gap:8px;grid-template-columns:1fr 1fr`;
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', 'Card details (Stripe emulator test form)');
  const inputs = {} as Record<CardField, HTMLInputElement>;
  const errorNodes = {} as Record<CardField, HTMLElement>;

  for (const spec of CARD_FIELDS) {
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

  return { root, inputs, errorNodes };
}
