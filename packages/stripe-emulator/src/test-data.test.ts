import Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';

let h: Harness;
let browserSdk: Stripe;
beforeAll(async () => {
  h = await startHarness();
  browserSdk = new Stripe(h.emulator.publishableKey, { ...h.emulator.stripeConfig, maxNetworkRetries: 0 });
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

/** Confirms as Stripe.js does, with card details and the publishable key. */
async function payWithNumber(number: string): Promise<Stripe.PaymentIntent> {
  const pi = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const params = {
    client_secret: pi.client_secret,
    payment_method_data: { type: 'card', card: { number, exp_month: '12', exp_year: '34', cvc: '1234' } },
  } as unknown as Stripe.PaymentIntentConfirmParams;
  return browserSdk.paymentIntents.confirm(pi.id, params);
}

const chargeOf = (pi: Stripe.PaymentIntent) => h.stripe.charges.retrieve(String(pi.latest_charge));

describe('card brands and funding by number', () => {
  it.each([
    ['4242424242424242', 'visa', 'credit'],
    ['4000056655665556', 'visa', 'debit'],
    ['5555555555554444', 'mastercard', 'credit'],
    ['2223003122003222', 'mastercard', 'credit'],
    ['5200828282828210', 'mastercard', 'debit'],
    ['5105105105105100', 'mastercard', 'prepaid'],
    ['378282246310005', 'amex', 'credit'],
    ['6011111111111117', 'discover', 'credit'],
    ['6011981111111113', 'discover', 'debit'],
    ['3056930009020004', 'diners', 'credit'],
    ['3566002020360505', 'jcb', 'credit'],
    ['6200000000000005', 'unionpay', 'credit'],
  ])('when %s pays, then the PaymentMethod and charge say %s, %s', async (number, brand, funding) => {
    const pi = await payWithNumber(number);
    expect(pi.status).toBe('succeeded');
    const pm = await h.stripe.paymentMethods.retrieve(String(pi.payment_method));
    expect(pm.card).toMatchObject({ brand, funding, last4: number.slice(-4) });
    expect((await chargeOf(pi)).payment_method_details?.card).toMatchObject({ brand, funding });
  });
});

describe("Stripe's special cards", () => {
  it.each(['4100000000000019', '4000000000004954'])(
    'when %s pays, then Radar blocks it: card_declined/fraudulent and an outcome of type blocked',
    async (number) => {
      const error = await payWithNumber(number).catch((e: unknown) => e);
      expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'fraudulent' });
      const [charge] = (await h.stripe.charges.list()).data;
      expect(charge?.outcome).toMatchObject({
        type: 'blocked',
        risk_level: 'highest',
        network_status: 'not_sent_to_network',
      });
    },
  );

  it('when 4000000000000341 pays, then the charge fails (it only attaches)', async () => {
    await expect(payWithNumber('4000000000000341')).rejects.toMatchObject({ code: 'card_declined' });
  });

  it('when 4000000000000101 pays, then the CVC check fails and the payment is declined', async () => {
    await expect(payWithNumber('4000000000000101')).rejects.toMatchObject({ code: 'incorrect_cvc' });
    const [charge] = (await h.stripe.charges.list()).data;
    expect(charge?.payment_method_details?.card?.checks?.cvc_check).toBe('fail');
  });

  it('when 4000000000009235 pays, then it succeeds with an elevated risk level', async () => {
    const pi = await payWithNumber('4000000000009235');
    expect((await chargeOf(pi)).outcome).toMatchObject({ type: 'authorized', risk_level: 'elevated' });
  });

  it('when 4000000000003055 (3-D Secure optional) pays, then no authentication is asked', async () => {
    expect((await payWithNumber('4000000000003055')).status).toBe('succeeded');
  });
});

describe('every pm_card_* id of the flows we use', () => {
  it.each([
    ['pm_card_amex', 'succeeded'],
    ['pm_card_discover', 'succeeded'],
    ['pm_card_visa_debit', 'succeeded'],
    ['pm_card_mastercard_debit', 'succeeded'],
    ['pm_card_mastercard_prepaid', 'succeeded'],
    ['pm_card_bypassPending', 'succeeded'],
    ['pm_card_riskLevelElevated', 'succeeded'],
    ['pm_card_threeDSecureOptional', 'succeeded'],
    ['pm_card_threeDSecureRequired', 'requires_action'],
    ['pm_card_authenticationRequiredOnSetup', 'requires_action'],
    ['pm_card_visa_chargeDeclined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_visa_chargeDeclinedVelocityLimitExceeded', 'card_velocity_exceeded'],
    ['pm_card_chargeDeclinedFraudulent', 'fraudulent'],
    ['pm_card_radarBlock', 'fraudulent'],
    ['pm_card_riskLevelHighest', 'fraudulent'],
    ['pm_card_chargeCustomerFail', 'generic_decline'],
    ['pm_card_cvcCheckFail', 'incorrect_cvc'],
  ])('when confirmed with %s, then the answer is %s', async (pm, expected) => {
    const result = await h.stripe.paymentIntents
      .create({
        amount: 1500,
        currency: 'usd',
        confirm: true,
        payment_method: pm,
        return_url: 'https://example.com/r',
      })
      .then(
        (pi) => pi.status,
        (e: Stripe.errors.StripeError) => e.decline_code ?? e.code,
      );
    expect(result).toBe(expected);
  });
});
