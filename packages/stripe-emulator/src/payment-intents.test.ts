import type Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.emulator.close();
});
beforeEach(() => h.emulator.control.reset());

describe('PaymentIntents', () => {
  it('when created and confirmed with pm_card_visa, then it succeeds with a charge', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1250,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      metadata: { order_id: 'ord_1' },
    });
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.metadata).toEqual({ order_id: 'ord_1' });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_visa',
      expand: ['latest_charge'],
    });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount_received).toBe(1250);
    const charge = confirmed.latest_charge as Stripe.Charge;
    expect(charge.object).toBe('charge');
    expect(charge.paid).toBe(true);
    const retrieved = await h.stripe.charges.retrieve(charge.id);
    expect(retrieved.amount_refunded).toBe(0);
    expect(retrieved.refunded).toBe(false);
  });

  it('when retrieved, updated and listed, then values round-trip', async () => {
    const a = await h.stripe.paymentIntents.create({ amount: 500, currency: 'usd' });
    const b = await h.stripe.paymentIntents.update(a.id, {
      amount: 700,
      metadata: { x: '1' },
      description: 'Lunch',
    });
    expect(b.amount).toBe(700);
    expect((await h.stripe.paymentIntents.retrieve(a.id)).description).toBe('Lunch');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await h.stripe.paymentIntents.create({ amount: 100 + i, currency: 'usd' })).id);
    const page1 = await h.stripe.paymentIntents.list({ limit: 2 });
    expect(page1.data.map((p) => p.id)).toEqual([ids[3], ids[2]]);
    expect(page1.has_more).toBe(true);
    const page2 = await h.stripe.paymentIntents.list({ limit: 2, starting_after: ids[2] });
    expect(page2.data.map((p) => p.id)).toEqual([ids[1], ids[0]]);
    const page3 = await h.stripe.paymentIntents.list({ limit: 2, starting_after: ids[0] });
    expect(page3.data.map((p) => p.id)).toEqual([a.id]);
    expect(page3.has_more).toBe(false);
    const all: string[] = [];
    for await (const pi of h.stripe.paymentIntents.list({ limit: 2 })) all.push(pi.id);
    expect(all).toHaveLength(5);
  });

  it('when updated after success, then 400 payment_intent_unexpected_state', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    expect(pi.status).toBe('succeeded');
    await expect(h.stripe.paymentIntents.update(pi.id, { amount: 900 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'payment_intent_unexpected_state',
      message: expect.stringMatching(
        /^This PaymentIntent's amount could not be updated because it has a status of succeeded/,
      ),
    });
  });

  it('when metadata or description change after success, then Stripe allows it', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const updated = await h.stripe.paymentIntents.update(pi.id, {
      metadata: { shipped: 'yes' },
      description: 'Done',
    });
    expect(updated).toMatchObject({ status: 'succeeded', metadata: { shipped: 'yes' }, description: 'Done' });
  });

  it('when canceled twice, then the second cancel is payment_intent_unexpected_state', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 500, currency: 'usd' });
    const canceled = await h.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'abandoned' });
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_reason).toBe('abandoned');
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    await expect(h.stripe.paymentIntents.cancel(pi.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    });
  });
});
