import Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';
import { answerThreeDSecure } from './testing/three-d-secure.ts';

let h: Harness;
let browserSdk: Stripe;
beforeAll(async () => {
  h = await startHarness();
  browserSdk = new Stripe(h.emulator.publishableKey, { ...h.emulator.stripeConfig, maxNetworkRetries: 0 });
});
afterAll(() => h.emulator.close());

type Outcome =
  | { succeeds: true }
  | { decline: [code: string, declineCode: string] }
  | { threeDSecure: 'succeeds' | string };

const PAYMENT_METHODS: [string, Outcome][] = [
  ['pm_card_visa', { succeeds: true }],
  ['pm_card_mastercard', { succeeds: true }],
  ['pm_card_chargeDeclined', { decline: ['card_declined', 'generic_decline'] }],
  ['pm_card_chargeDeclinedInsufficientFunds', { decline: ['card_declined', 'insufficient_funds'] }],
  ['pm_card_chargeDeclinedLostCard', { decline: ['card_declined', 'lost_card'] }],
  ['pm_card_chargeDeclinedStolenCard', { decline: ['card_declined', 'stolen_card'] }],
  ['pm_card_chargeDeclinedExpiredCard', { decline: ['expired_card', 'expired_card'] }],
  ['pm_card_chargeDeclinedIncorrectCvc', { decline: ['incorrect_cvc', 'incorrect_cvc'] }],
  ['pm_card_chargeDeclinedProcessingError', { decline: ['processing_error', 'processing_error'] }],
  ['pm_card_authenticationRequired', { threeDSecure: 'succeeds' }],
  ['pm_card_threeDSecure2Required', { threeDSecure: 'succeeds' }],
  ['pm_card_pendingRefund', { succeeds: true }],
  ['pm_card_refundFail', { succeeds: true }],
  ['pm_card_createDispute', { succeeds: true }],
];

const CARD_NUMBERS: [string, Outcome][] = [
  ['4242424242424242', { succeeds: true }],
  ['4000000000000002', { decline: ['card_declined', 'generic_decline'] }],
  ['4000000000009995', { decline: ['card_declined', 'insufficient_funds'] }],
  ['4000000000009987', { decline: ['card_declined', 'lost_card'] }],
  ['4000000000009979', { decline: ['card_declined', 'stolen_card'] }],
  ['4000000000000069', { decline: ['expired_card', 'expired_card'] }],
  ['4000000000000127', { decline: ['incorrect_cvc', 'incorrect_cvc'] }],
  ['4000000000000119', { decline: ['processing_error', 'processing_error'] }],
  ['4000002500003155', { threeDSecure: 'succeeds' }],
  ['4000000000003220', { threeDSecure: 'succeeds' }],
  ['4000008260003178', { threeDSecure: 'insufficient_funds' }],
  ['4000000000007726', { succeeds: true }],
  ['4000000000005126', { succeeds: true }],
];

async function expectOutcome(confirm: () => Promise<Stripe.PaymentIntent>, piId: string, outcome: Outcome) {
  if ('decline' in outcome) {
    const error = await confirm().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      code: outcome.decline[0],
      decline_code: outcome.decline[1],
    });
    const pi = await h.stripe.paymentIntents.retrieve(piId);
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error).toMatchObject({
      type: 'card_error',
      code: outcome.decline[0],
      decline_code: outcome.decline[1],
    });
    const types = h.emulator.control.events().map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['charge.failed', 'payment_intent.payment_failed']));
    return;
  }
  const pi = await confirm();
  if ('succeeds' in outcome) {
    expect(pi.status).toBe('succeeded');
    expect(h.emulator.control.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['charge.succeeded', 'payment_intent.succeeded']),
    );
    return;
  }
  expect(pi.status).toBe('requires_action');
  expect(pi.next_action?.type).toBe('redirect_to_url');
  expect(pi.next_action?.redirect_to_url?.url).toContain(h.emulator.url);
  const redirect = await answerThreeDSecure(pi, 'complete');
  expect(redirect?.searchParams.get('payment_intent')).toBe(piId);
  const after = await h.stripe.paymentIntents.retrieve(piId);
  if (outcome.threeDSecure === 'succeeds') {
    expect(redirect?.searchParams.get('redirect_status')).toBe('succeeded');
    expect(after.status).toBe('succeeded');
  } else {
    expect(redirect?.searchParams.get('redirect_status')).toBe('failed');
    expect(after.last_payment_error?.decline_code).toBe(outcome.threeDSecure);
  }
}

describe('test PaymentMethod ids (server-side confirm)', () => {
  beforeEach(() => h.emulator.control.reset());
  it.each(PAYMENT_METHODS)(
    'when confirmed with %s, then it behaves like Stripe test mode',
    async (pm, outcome) => {
      const pi = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
      await expectOutcome(
        () =>
          h.stripe.paymentIntents.confirm(pi.id, {
            payment_method: pm,
            return_url: 'http://localhost:4321/done',
          }),
        pi.id,
        outcome,
      );
    },
  );
});

describe('test card numbers (confirmed as Stripe.js does, with the publishable key)', () => {
  beforeEach(() => h.emulator.control.reset());
  it.each(CARD_NUMBERS)(
    'when card %s is confirmed, then it behaves like Stripe test mode',
    async (number, outcome) => {
      const pi = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
      const params = {
        client_secret: pi.client_secret,
        return_url: 'http://localhost:4321/done',
        payment_method_data: {
          type: 'card',
          card: { number, exp_month: '12', exp_year: '34', cvc: '123' },
          billing_details: { address: { postal_code: '10001' } },
        },
      } as unknown as Stripe.PaymentIntentConfirmParams;
      await expectOutcome(() => browserSdk.paymentIntents.confirm(pi.id, params), pi.id, outcome);
    },
  );
});
