import { cardSentence, failedPaymentSentence } from './card-words.ts';

describe('cardSentence', () => {
  it.each([
    [
      'a failed 3-D Secure check',
      { type: 'invalid_request_error', code: 'payment_intent_authentication_failure' },
      /^Your bank could not confirm it was you \(3-D Secure\), so you have not been charged\./,
    ],
    [
      'insufficient funds',
      { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' },
      /^Your card has insufficient funds\./,
    ],
    [
      'a generic decline',
      { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' },
      /^Your card was declined\./,
    ],
    ['an expired card', { type: 'card_error', code: 'expired_card' }, /^Your card has expired\./],
    [
      'an incomplete number',
      { type: 'validation_error', code: 'incomplete_number' },
      /^Please enter your full card number\./,
    ],
    [
      'an unknown code',
      { type: 'card_error', code: 'something_new' },
      /^Your bank did not approve the payment\./,
    ],
    ['no connection', { type: 'api_connection_error' }, /^We could not reach the payment service\./],
  ])('when Stripe reports %s, then the diner reads our words', (_name, problem, sentence) => {
    expect(cardSentence(problem)).toMatch(sentence);
    expect(cardSentence(problem)).not.toMatch(/PaymentMethod|payment_method|provide/);
  });
});

describe('failedPaymentSentence', () => {
  it('when the order kept a decline code, then the failed page words it; with none, it says the bank declined', () => {
    expect(failedPaymentSentence('insufficient_funds')).toMatch(/^Your card has insufficient funds\./);
    expect(failedPaymentSentence('payment_intent_authentication_failure')).toMatch(/3-D Secure/);
    expect(failedPaymentSentence(null)).toMatch(
      /^Your bank did not approve the payment\. You have not been charged\./,
    );
  });
});
