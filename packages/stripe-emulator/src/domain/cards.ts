import { CARDS } from './test-cards.data.ts';

export type DeclineCode =
  | 'generic_decline'
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'card_velocity_exceeded'
  | 'fraudulent';

export type CardBrand =
  | 'amex'
  | 'diners'
  | 'discover'
  | 'jcb'
  | 'mastercard'
  | 'unionpay'
  | 'visa'
  | 'unknown';

export interface TestCard {
  number: string;
  brand: CardBrand;
  /** Credit unless Stripe's list says debit or prepaid. */
  funding?: 'credit' | 'debit' | 'prepaid';
  /** Declined at confirm (after authentication when `threeDSecure`); `fraudulent` is a Radar block. */
  decline?: DeclineCode;
  /** Radar's risk level; `highest` is blocked by Radar's default rule. */
  risk?: 'elevated' | 'highest';
  cvcCheck?: 'fail';
  threeDSecure?: boolean;
  refund?: 'pending_then_succeeded' | 'succeeded_then_failed';
  dispute?: boolean;
}

/** The brand a card number's leading digits name, as Stripe reports it. */
export function brandOf(number: string): CardBrand {
  const two = Number(number.slice(0, 2));
  const four = Number(number.slice(0, 4));
  if (number.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (number.startsWith('6011') || two === 65 || (four >= 6440 && four <= 6499)) return 'discover';
  if (two === 36 || two === 38 || (four >= 3000 && four <= 3059)) return 'diners';
  if (two === 35) return 'jcb';
  if (two === 62) return 'unionpay';
  return 'unknown';
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/** Any other Luhn-valid number behaves like a plain successful card of its brand. */
export function lookupCard(number: string): TestCard {
  return CARDS.find((card) => card.number === number) ?? { number, brand: brandOf(number) };
}

export interface DeclineDetails {
  code: string;
  declineCode: string;
  message: string;
}

export function declineDetails(decline: DeclineCode): DeclineDetails {
  switch (decline) {
    case 'generic_decline':
    case 'lost_card':
    case 'stolen_card':
    case 'card_velocity_exceeded':
    case 'fraudulent':
      return { code: 'card_declined', declineCode: decline, message: 'Your card was declined.' };
    case 'insufficient_funds':
      return { code: 'card_declined', declineCode: decline, message: 'Your card has insufficient funds.' };
    case 'expired_card':
      return { code: 'expired_card', declineCode: decline, message: 'Your card has expired.' };
    case 'incorrect_cvc':
      return {
        code: 'incorrect_cvc',
        declineCode: decline,
        message: "Your card's security code is incorrect.",
      };
    case 'processing_error':
      return {
        code: 'processing_error',
        declineCode: decline,
        message: 'An error occurred while processing your card. Try again in a little bit.',
      };
    default: {
      const unreachable: never = decline;
      throw new Error(`unknown decline ${String(unreachable)}`);
    }
  }
}
