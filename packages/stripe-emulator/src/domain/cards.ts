export type DeclineCode =
  | 'generic_decline'
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error';

export interface TestCard {
  number: string;
  brand: 'visa' | 'mastercard';
  /** Declined at confirm (after authentication when `threeDSecure`). */
  decline?: DeclineCode;
  threeDSecure?: boolean;
  refund?: 'pending_then_succeeded' | 'succeeded_then_failed';
  dispute?: boolean;
}

const CARDS: TestCard[] = [
  { number: '4242424242424242', brand: 'visa' },
  { number: '5555555555554444', brand: 'mastercard' },
  { number: '4000000000000002', brand: 'visa', decline: 'generic_decline' },
  { number: '4000000000009995', brand: 'visa', decline: 'insufficient_funds' },
  { number: '4000000000009987', brand: 'visa', decline: 'lost_card' },
  { number: '4000000000009979', brand: 'visa', decline: 'stolen_card' },
  { number: '4000000000000069', brand: 'visa', decline: 'expired_card' },
  { number: '4000000000000127', brand: 'visa', decline: 'incorrect_cvc' },
  { number: '4000000000000119', brand: 'visa', decline: 'processing_error' },
  { number: '4000002500003155', brand: 'visa', threeDSecure: true },
  { number: '4000002760003184', brand: 'visa', threeDSecure: true },
  { number: '4000000000003220', brand: 'visa', threeDSecure: true },
  { number: '4000008260003178', brand: 'visa', threeDSecure: true, decline: 'insufficient_funds' },
  { number: '4000000000007726', brand: 'visa', refund: 'pending_then_succeeded' },
  { number: '4000000000005126', brand: 'visa', refund: 'succeeded_then_failed' },
  { number: '4000000000000259', brand: 'visa', dispute: true },
];

/** Stripe's test PaymentMethod ids and the card each one stands for. */
export const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_pendingRefund: '4000000000007726',
  pm_card_refundFail: '4000000000005126',
  pm_card_createDispute: '4000000000000259',
};

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
  const known = CARDS.find((card) => card.number === number);
  if (known) return known;
  return { number, brand: number.startsWith('5') || number.startsWith('2') ? 'mastercard' : 'visa' };
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
