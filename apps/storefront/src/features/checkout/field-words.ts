import { addressWords, formatMoney } from '@repo/contracts/browser';

/** The most a diner may tip online, in minor units: the API's own limit. */
export const MAX_TIP = 100_000;

/** What the words of a field may mention: the restaurant's country and currency, and the tip's cap. */
export interface FieldContext {
  country: string;
  currency: string;
  /** The largest tip the order takes (the lower of MAX_TIP and the subtotal). */
  tipLimit: number;
}

export const tipLimitFor = (subtotal: number): number => Math.min(MAX_TIP, subtotal);

export function tipLimitSentence(context: FieldContext): string {
  return `The tip can be at most ${formatMoney(context.tipLimit, context.currency)}, the price of your food.`;
}

/**
 * The diner's sentence for a field the API refused, chosen by the field's path alone: the API's
 * message is written for developers ("Too big: expected number to be <=100000") and never shown.
 */
export function fieldSentence(path: string, context: FieldContext): string {
  const words = addressWords(context.country);
  if (path.startsWith('items'))
    return 'Something in your basket can no longer be ordered as it is. Please remove it and add it again from the menu.';
  switch (path) {
    case 'customer.name':
      return 'Please enter your name.';
    case 'customer.email':
      return 'Please enter a valid email address.';
    case 'customer.phone':
      return 'Please enter a phone number we can call, with 7 to 20 digits.';
    case 'order_type':
      return 'Delivery is not available from this restaurant. Please choose pickup.';
    case 'delivery_address':
    case 'delivery_address.line1':
      return 'Please enter the street address.';
    case 'delivery_address.line2':
      return 'Please shorten the apartment or suite to 200 characters.';
    case 'delivery_address.city':
      return 'Please enter the city.';
    case 'delivery_address.region':
      return `Please enter the ${words.region.toLowerCase()}.`;
    case 'delivery_address.postal_code':
      return postalSentence(context.country);
    case 'delivery_address.instructions':
      return 'Please shorten the instructions for the driver to 300 characters.';
    case 'scheduled_time':
      return 'Please choose one of the times offered.';
    case 'tip':
      return tipLimitSentence(context);
    case 'special_instructions':
      return 'Please shorten your special instructions to 500 characters.';
    default:
      return 'Please check your details and try again.';
  }
}

export function postalSentence(country: string): string {
  const words = addressWords(country);
  const example = words.postalExample ? `, like ${words.postalExample}` : '';
  return `Please enter a valid ${words.postalCode}${example}.`;
}
