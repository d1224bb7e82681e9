/** The parts of a Stripe.js error (or of the order's last failed payment) that choose the diner's words. */
export interface CardProblem {
  type?: string | undefined;
  code?: string | null | undefined;
  decline_code?: string | null | undefined;
}

const TRY_ANOTHER = 'Please try again or use another card.';

/** By Stripe's `decline_code`, the bank's reason. */
const DECLINES: Record<string, string> = {
  insufficient_funds: `Your card has insufficient funds. ${TRY_ANOTHER}`,
  lost_card: 'Your card was declined. Please use another card.',
  stolen_card: 'Your card was declined. Please use another card.',
  expired_card: 'Your card has expired. Please use another card.',
  incorrect_cvc: 'The security code (CVC) is not right. Please check it and try again.',
  incorrect_number: 'The card number is not right. Please check it and try again.',
  processing_error: `Your card could not be processed just now. ${TRY_ANOTHER}`,
  card_velocity_exceeded: `Your card has been used too often in a short time. ${TRY_ANOTHER}`,
  authentication_required: `Your bank asks to confirm this payment. ${TRY_ANOTHER}`,
};

/** By Stripe's `code`, when there is no decline_code or it is one of the generic ones. */
const CODES: Record<string, string> = {
  ...DECLINES,
  card_declined: `Your card was declined. ${TRY_ANOTHER}`,
  payment_intent_authentication_failure: `Your bank could not confirm it was you (3-D Secure), so you have not been charged. ${TRY_ANOTHER}`,
  setup_intent_authentication_failure: `Your bank could not confirm it was you (3-D Secure), so you have not been charged. ${TRY_ANOTHER}`,
  incomplete_number: 'Please enter your full card number.',
  invalid_number: 'The card number is not right. Please check it and try again.',
  incomplete_expiry: "Please enter your card's expiry date.",
  invalid_expiry_month: "Your card's expiry date is not right. Please check it.",
  invalid_expiry_year: "Your card's expiry date is not right. Please check it.",
  invalid_expiry_year_past: 'Your card has expired. Please use another card.',
  invalid_expiry_month_past: 'Your card has expired. Please use another card.',
  incomplete_cvc: "Please enter your card's security code (CVC).",
  invalid_cvc: 'The security code (CVC) is not right. Please check it and try again.',
  incomplete_zip: 'Please enter the ZIP or postal code of your card.',
  payment_intent_unexpected_state: 'This payment was already completed or cancelled. Please reload the page.',
};

/**
 * A sentence for the diner about a card that did not pay, from Stripe's codes alone: Stripe's
 * `message` is sometimes written for developers ("The provided PaymentMethod has failed
 * authentication. You can provide payment_method_data…") and is never shown.
 */
export function cardSentence(problem: CardProblem): string {
  const decline = problem.decline_code ? DECLINES[problem.decline_code] : undefined;
  if (decline) return decline;
  const byCode = problem.code ? CODES[problem.code] : undefined;
  if (byCode) return byCode;
  switch (problem.type) {
    case 'validation_error':
      return 'Please check your card details.';
    case 'api_connection_error':
      return 'We could not reach the payment service. Check your connection and try again.';
    case 'rate_limit_error':
    case 'api_error':
      return 'The payment service is busy. Please try again in a moment.';
    case 'card_error':
      return `Your bank did not approve the payment. You have not been charged. ${TRY_ANOTHER}`;
    default:
      return `Your payment could not be completed. You have not been charged. ${TRY_ANOTHER}`;
  }
}

/** The failed-payment sentence of the order page, from the code the API kept with the failure. */
export function failedPaymentSentence(code: string | null): string {
  return code
    ? cardSentence({ code, decline_code: code, type: 'card_error' })
    : cardSentence({ type: 'card_error' });
}
