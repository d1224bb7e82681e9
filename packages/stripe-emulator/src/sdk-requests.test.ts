import Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';

/**
 * The cases of the `stripe` package's own request tests (test/resources/*.spec.js) for the resources
 * the emulator models, rewritten to send each request to the emulator and check Stripe's answer.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

const paid = () =>
  h.stripe.paymentIntents.create({
    amount: 2000,
    currency: 'usd',
    confirm: true,
    payment_method: 'pm_card_visa',
  });

describe('PaymentIntents resource', () => {
  it('when the older payment_method_types is sent, then it is unknown: this API version calls it allowed_payment_method_types', async () => {
    const params = { amount: 200, currency: 'usd', payment_method_types: ['card'] };
    await expect(
      h.stripe.paymentIntents.create(params as Stripe.PaymentIntentCreateParams),
    ).rejects.toMatchObject({
      code: 'parameter_unknown',
      param: 'payment_method_types',
    });
  });

  it('when create, list, retrieve, update, confirm, capture and cancel are sent as the SDK sends them, then each answers a payment_intent', async () => {
    const created = await h.stripe.paymentIntents.create({
      amount: 200,
      currency: 'usd',
      allowed_payment_method_types: ['card'],
    });
    expect(created).toMatchObject({ object: 'payment_intent', amount: 200, payment_method_types: ['card'] });
    expect((await h.stripe.paymentIntents.list()).data.map((pi) => pi.id)).toEqual([created.id]);
    expect((await h.stripe.paymentIntents.retrieve(created.id)).id).toBe(created.id);
    const updated = await h.stripe.paymentIntents.update(created.id, { metadata: { key: 'value' } });
    expect(updated.metadata).toEqual({ key: 'value' });
    await expect(h.stripe.paymentIntents.confirm(created.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
    const held = await h.stripe.paymentIntents.create({
      amount: 200,
      currency: 'usd',
      capture_method: 'manual',
    });
    await h.stripe.paymentIntents.confirm(held.id, { payment_method: 'pm_card_visa' });
    expect((await h.stripe.paymentIntents.capture(held.id)).status).toBe('succeeded');
    expect((await h.stripe.paymentIntents.cancel(created.id)).status).toBe('canceled');
  });

  it('when the generated example creates with automatic_payment_methods and searches by metadata, then both answer', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      metadata: { order_id: '6735' },
    });
    const found = await h.stripe.paymentIntents.search({
      query: "status:'requires_payment_method' AND metadata['order_id']:'6735'",
    });
    expect(found.data.map((p) => p.id)).toEqual([pi.id]);
  });
});

describe('Charges resource', () => {
  it('when retrieve, list and search are sent, then each answers charges', async () => {
    const pi = await paid();
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({ object: 'charge', amount: 2000 });
    expect((await h.stripe.charges.list({ limit: 3 })).data.map((c) => c.id)).toEqual([charge.id]);
    expect((await h.stripe.charges.search({ query: "amount>999 AND status:'succeeded'" })).data).toHaveLength(
      1,
    );
  });

  it('when a Charges call the emulator does not model is sent (create), then it answers Unrecognized request URL', async () => {
    const error = await h.stripe.charges
      .create({ amount: 100, currency: 'usd', source: 'tok_visa' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      message: expect.stringMatching(/^Unrecognized request URL/),
    });
  });
});

describe('Refunds resource', () => {
  it('when create, retrieve and list are sent, then each answers refunds', async () => {
    const pi = await paid();
    const refund = await h.stripe.refunds.create({ charge: String(pi.latest_charge) });
    expect(refund).toMatchObject({ object: 'refund', amount: 2000, charge: pi.latest_charge });
    expect((await h.stripe.refunds.retrieve(refund.id)).id).toBe(refund.id);
    expect((await h.stripe.refunds.list({ limit: 3 })).data.map((r) => r.id)).toEqual([refund.id]);
  });
});

describe('Events resource', () => {
  it('when retrieve and list are sent, then each answers events', async () => {
    await paid();
    const events = await h.stripe.events.list({ limit: 3 });
    expect(events.data.every((e) => e.object === 'event')).toBe(true);
    const first = events.data[0];
    expect((await h.stripe.events.retrieve(first?.id ?? '')).type).toBe(first?.type);
  });
});

describe('PaymentMethods resource', () => {
  it('when retrieve is sent, then it answers the payment_method; an unknown id is resource_missing', async () => {
    const pi = await paid();
    const pm = await h.stripe.paymentMethods.retrieve(String(pi.payment_method));
    expect(pm).toMatchObject({
      object: 'payment_method',
      type: 'card',
      card: { brand: 'visa', last4: '4242' },
    });
    await expect(h.stripe.paymentMethods.retrieve('pm_123')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });
});
