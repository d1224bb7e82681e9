import type Stripe from 'stripe';
import { type Harness, startHarness, WebhookReceiver } from './testing/harness.ts';

const SECRET = 'whsec_manual_capture';
let h: Harness;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = new WebhookReceiver(SECRET);
  h = await startHarness({ webhooks: [{ url: await receiver.start(), secret: SECRET }] });
});
afterAll(async () => {
  await h.emulator.close();
  await receiver.close();
});
beforeEach(() => {
  h.emulator.control.reset();
  receiver.received.length = 0;
});

const authorize = (amount = 1000, payment_method = 'pm_card_visa') =>
  h.stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method,
  });
const chargeOf = (pi: Stripe.PaymentIntent) => h.stripe.charges.retrieve(String(pi.latest_charge));
const forgetDeliveries = async () => {
  await h.emulator.control.waitForIdle();
  receiver.received.length = 0;
};
const eventTypes = async () => {
  await h.emulator.control.waitForIdle();
  return receiver.types();
};

describe('capture_method: manual', () => {
  it('when confirmed, then the intent holds the amount and its charge is authorized but not captured', async () => {
    const pi = await authorize(1000);
    expect(pi).toMatchObject({
      status: 'requires_capture',
      capture_method: 'manual',
      amount_capturable: 1000,
      amount_received: 0,
    });
    const charge = await chargeOf(pi);
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      captured: false,
      amount_captured: 0,
      balance_transaction: null,
    });
    const captureBefore = charge.payment_method_details?.card?.capture_before ?? 0;
    expect(captureBefore - charge.created).toBe(7 * 24 * 3600);
    expect(await eventTypes()).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
    ]);
  });

  it('when captured in full, then it succeeds with charge.captured and payment_intent.succeeded', async () => {
    const pi = await authorize(1000);
    await forgetDeliveries();
    const captured = await h.stripe.paymentIntents.capture(pi.id);
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 1000, amount_capturable: 0 });
    const charge = await chargeOf(pi);
    expect(charge).toMatchObject({
      captured: true,
      amount_captured: 1000,
      amount_refunded: 0,
      refunded: false,
    });
    expect(charge.balance_transaction).toEqual(expect.stringMatching(/^txn_/));
    expect(await eventTypes()).toEqual(['charge.captured', 'payment_intent.succeeded']);
  });

  it('when captured in part, then the rest is released without a Refund and refunds stop at the captured amount', async () => {
    const pi = await authorize(1000);
    const captured = await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 600 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 600, amount_capturable: 0 });
    expect(await chargeOf(pi)).toMatchObject({
      amount: 1000,
      amount_captured: 600,
      amount_refunded: 0,
      refunded: false,
    });
    expect((await h.stripe.refunds.list({ payment_intent: pi.id })).data).toEqual([]);
    await expect(h.stripe.refunds.create({ payment_intent: pi.id, amount: 601 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    expect((await h.stripe.refunds.create({ payment_intent: pi.id })).amount).toBe(600);
    expect(await chargeOf(pi)).toMatchObject({ amount_refunded: 600, refunded: true });
    await expect(h.stripe.refunds.create({ payment_intent: pi.id, amount: 1 })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
  });

  it('when capturing twice or before authorization, then 400 payment_intent_unexpected_state', async () => {
    const pi = await authorize(1000);
    await h.stripe.paymentIntents.capture(pi.id);
    await expect(h.stripe.paymentIntents.capture(pi.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
      message: 'This PaymentIntent could not be captured because it has already been captured.',
    });
    const unconfirmed = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      capture_method: 'manual',
    });
    await expect(h.stripe.paymentIntents.capture(unconfirmed.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
      message:
        'This PaymentIntent could not be captured because it has a status of requires_payment_method. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
    });
  });

  it('when amount_to_capture exceeds the hold or is zero, then it is refused and the hold stays', async () => {
    const pi = await authorize(1000);
    await expect(h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1001 })).rejects.toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
    });
    await expect(h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 0 })).rejects.toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'amount_to_capture',
    });
    expect(await h.stripe.paymentIntents.retrieve(pi.id)).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 1000,
    });
  });

  it('when a capture is retried with its Idempotency-Key, then it is replayed, not refused', async () => {
    const pi = await authorize(1000);
    const first = await h.stripe.paymentIntents.capture(
      pi.id,
      { amount_to_capture: 500 },
      { idempotencyKey: 'cap-1' },
    );
    const again = await h.stripe.paymentIntents.capture(
      pi.id,
      { amount_to_capture: 500 },
      { idempotencyKey: 'cap-1' },
    );
    expect(again).toEqual(first);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await eventTypes()).filter((t) => t === 'charge.captured')).toHaveLength(1);
  });

  it('when canceled while held, then the hold is released: no capture, no Refund, only payment_intent.canceled', async () => {
    const pi = await authorize(1000);
    await forgetDeliveries();
    const canceled = await h.stripe.paymentIntents.cancel(pi.id, {
      cancellation_reason: 'requested_by_customer',
    });
    expect(canceled).toMatchObject({ status: 'canceled', amount_capturable: 0, amount_received: 0 });
    expect(await chargeOf(pi)).toMatchObject({
      captured: false,
      amount_captured: 0,
      amount_refunded: 0,
      refunded: false,
    });
    expect((await h.stripe.refunds.list({ payment_intent: pi.id })).data).toEqual([]);
    expect(await eventTypes()).toEqual(['payment_intent.canceled']);
  });

  it('when an uncaptured PaymentIntent is refunded, then it is refused and nothing changes', async () => {
    const pi = await authorize(1000);
    await expect(h.stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'charge_not_refundable',
    });
    await expect(h.stripe.refunds.create({ charge: String(pi.latest_charge) })).rejects.toMatchObject({
      param: 'charge',
    });
    expect(await h.stripe.paymentIntents.retrieve(pi.id)).toMatchObject({ status: 'requires_capture' });
    expect((await h.stripe.refunds.list()).data).toEqual([]);
  });

  it('when the card is declined, then nothing is held', async () => {
    await expect(authorize(1000, 'pm_card_chargeDeclined')).rejects.toMatchObject({ statusCode: 402 });
    const [pi] = (await h.stripe.paymentIntents.list()).data;
    expect(pi).toMatchObject({ status: 'requires_payment_method', amount_capturable: 0 });
  });
});
