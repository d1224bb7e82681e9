import type { CreateOrderRequest } from '@repo/contracts';
import { addressWords, isPostalCode } from '@repo/contracts/browser';
import { parseTip, percentOf } from '../../lib/money.ts';
import { type CartLine, toOrderItems } from '../cart/cart-model.ts';
import type { FieldError } from './field-errors.ts';
import { type FieldContext, fieldSentence, postalSentence, tipLimitSentence } from './field-words.ts';

const value = (form: HTMLFormElement, name: string): string => {
  const data = new FormData(form).get(name);
  return typeof data === 'string' ? data.trim() : '';
};

export const orderType = (form: HTMLFormElement): 'pickup' | 'delivery' =>
  value(form, 'order_type') === 'delivery' ? 'delivery' : 'pickup';

/** Tip in minor units, or null when the custom amount is not a number. */
export function tipFor(form: HTMLFormElement, subtotal: number, currency: string): number | null {
  const choice = value(form, 'tip');
  if (choice === 'custom') return parseTip(value(form, 'tip_custom') || '0', currency);
  return percentOf(subtotal, Number(choice) || 0);
}

/** The checks worth doing before a round trip; the API re-checks everything. */
export function checkForm(form: HTMLFormElement, context: FieldContext): FieldError[] {
  const errors: FieldError[] = [];
  const need = (name: string, path: string, message: string) => {
    if (!value(form, name)) errors.push({ path, message });
  };
  const words = (path: string) => fieldSentence(path, context);
  need('name', 'customer.name', words('customer.name'));
  const email = value(form, 'email');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.push({ path: 'customer.email', message: words('customer.email') });
  if (!/^\+?[0-9 ().-]{7,20}$/.test(value(form, 'phone')))
    errors.push({ path: 'customer.phone', message: words('customer.phone') });
  if (orderType(form) === 'delivery') {
    need('line1', 'delivery_address.line1', words('delivery_address.line1'));
    need('city', 'delivery_address.city', words('delivery_address.city'));
    if (addressWords(context.country).regionRequired)
      need('region', 'delivery_address.region', words('delivery_address.region'));
    if (!isPostalCode(value(form, 'postal_code'), context.country))
      errors.push({ path: 'delivery_address.postal_code', message: postalSentence(context.country) });
  }
  if (value(form, 'when') === 'later' && !value(form, 'scheduled_time'))
    errors.push({ path: 'scheduled_time', message: 'Please choose a time.' });
  const tip =
    value(form, 'tip') === 'custom' ? parseTip(value(form, 'tip_custom') || '0', context.currency) : 0;
  if (tip === null) errors.push({ path: 'tip', message: 'Please enter the tip as an amount, like 5.00.' });
  else if (tip > context.tipLimit) errors.push({ path: 'tip', message: tipLimitSentence(context) });
  return errors;
}

const optional = (text: string) => (text ? text : undefined);

export function orderBody(
  form: HTMLFormElement,
  lines: readonly CartLine[],
  tip: number,
): CreateOrderRequest {
  const type = orderType(form);
  const body: CreateOrderRequest = {
    customer: { name: value(form, 'name'), email: value(form, 'email'), phone: value(form, 'phone') },
    order_type: type,
    // The picker's values are the API's own bookable slots, already UTC ISO-8601.
    scheduled_time: value(form, 'when') === 'later' ? value(form, 'scheduled_time') || null : null,
    items: toOrderItems(lines),
    tip,
  };
  const notes = optional(value(form, 'special_instructions'));
  if (notes) body.special_instructions = notes;
  if (type === 'delivery') {
    body.delivery_address = {
      line1: value(form, 'line1'),
      line2: optional(value(form, 'line2')) ?? null,
      city: value(form, 'city'),
      region: optional(value(form, 'region')) ?? null,
      postal_code: value(form, 'postal_code'),
      instructions: optional(value(form, 'address_instructions')) ?? null,
    };
  }
  return body;
}
