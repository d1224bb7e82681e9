import Stripe from 'stripe';
import { type Harness, startHarness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    restrictedKeys: {
      rk_test_reader: { payment_intent: 'read' },
      rk_test_checkout: { payment_intent: 'write', refund: 'write' },
    },
  });
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

const sdk = (key: string) => new Stripe(key, { ...h.emulator.stripeConfig, maxNetworkRetries: 0 });
const nothingLeft = async () => {
  expect((await h.stripe.paymentIntents.list()).data).toEqual([]);
  expect(h.emulator.control.events()).toEqual([]);
};
const card = {
  type: 'card',
  card: { number: '4242424242424242', exp_month: '12', exp_year: '34', cvc: '123' },
};

describe('a refused create leaves nothing behind', () => {
  it.each([
    ['an unknown payment_method', { payment_method: 'pm_nope' }, 404, 'resource_missing'],
    ['a missing customer', { customer: 'cus_missing' }, 404, 'resource_missing'],
    [
      'a return_url that is not a URL',
      { confirm: true, payment_method: 'pm_card_visa', return_url: 'nowhere' },
      400,
      'url_invalid',
    ],
    [
      'a non-card payment_method_data',
      { payment_method_data: { type: 'sepa_debit' } },
      400,
      'parameter_invalid_string',
    ],
  ])(
    'when created with %s, then it is refused and no intent or event exists',
    async (_what, extra, status, code) => {
      const params = { amount: 1000, currency: 'usd', ...extra } as Stripe.PaymentIntentCreateParams;
      await expect(h.stripe.paymentIntents.create(params)).rejects.toMatchObject({
        statusCode: status,
        code,
      });
      await nothingLeft();
    },
  );

  it("when the customer does not exist, then the answer is Stripe's resource_missing for customer", async () => {
    await expect(
      h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: 'cus_missing' }),
    ).rejects.toMatchObject({
      message: "No such customer: 'cus_missing'",
      param: 'customer',
    });
  });

  it("when a server sends raw card numbers with its secret key, then Stripe's refusal comes back and nothing is made", async () => {
    const params = { amount: 1000, currency: 'usd', confirm: true, payment_method_data: card };
    const error = await h.stripe.paymentIntents
      .create(params as unknown as Stripe.PaymentIntentCreateParams)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Error).message).toMatch(
      /^Sending credit card numbers directly to the Stripe API is generally unsafe/,
    );
    await nothingLeft();
  });

  it('when an update is refused, then nothing about the intent changes', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    await expect(
      h.stripe.paymentIntents.update(pi.id, { amount: 2000, payment_method: 'pm_nope' }),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).amount).toBe(1000);
  });
});

describe('restricted keys', () => {
  it('when a key may only read PaymentIntents, then it lists them and a create is 403 StripePermissionError', async () => {
    const reader = sdk('rk_test_reader');
    await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    expect((await reader.paymentIntents.list()).data).toHaveLength(1);
    const error = await reader.paymentIntents
      .create({ amount: 1000, currency: 'usd' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error).toMatchObject({ statusCode: 403 });
    expect((error as Error).message).toMatch(
      /Having the 'rak_payment_intent_write' permission would allow this request to continue\.$/,
    );
    await expect(reader.refunds.list()).rejects.toMatchObject({ statusCode: 403 });
  });

  it('when a key may write PaymentIntents and Refunds, then checkout works but charges stay closed', async () => {
    const checkout = sdk('rk_test_checkout');
    const pi = await checkout.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    expect(pi.status).toBe('succeeded');
    expect((await checkout.refunds.create({ payment_intent: pi.id })).amount).toBe(1000);
    await expect(checkout.charges.retrieve(String(pi.latest_charge))).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('when a restricted key is unknown, then 401 Invalid API Key; one added by control works until reset', async () => {
    await expect(sdk('rk_test_unknown').paymentIntents.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const response = await fetch(`${h.emulator.url}/_emulator/restricted-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'rk_test_added', permissions: { event: 'read' } }),
    });
    expect(response.status).toBe(200);
    expect((await sdk('rk_test_added').events.list()).object).toBe('list');
    h.emulator.control.reset();
    await expect(sdk('rk_test_added').events.list()).rejects.toMatchObject({ statusCode: 401 });
    expect((await sdk('rk_test_reader').paymentIntents.list()).object).toBe('list');
  });
});
