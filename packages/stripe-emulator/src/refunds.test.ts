import Stripe from 'stripe';
import { type Harness, startHarness, WebhookReceiver, waitFor } from './testing/harness.ts';

const SECRET = 'whsec_refunds';
let h: Harness;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = new WebhookReceiver(SECRET);
  h = await startHarness({
    webhooks: [{ url: await receiver.start(), secret: SECRET }],
    refundSettleMs: 60_000,
  });
});
afterAll(async () => {
  await h.emulator.close();
  await receiver.close();
});
beforeEach(() => {
  h.emulator.control.reset();
  receiver.received.length = 0;
});

const paid = (pm = 'pm_card_visa', amount = 3000) =>
  h.stripe.paymentIntents.create({ amount, currency: 'usd', confirm: true, payment_method: pm });

describe('POST /v1/refunds', () => {
  it('when refunding part then the rest, then the charge tracks amount_refunded and refunded', async () => {
    const pi = await paid();
    const partial = await h.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 1000,
      reason: 'requested_by_customer',
      metadata: { by: 'op' },
    });
    expect(partial).toMatchObject({
      status: 'succeeded',
      amount: 1000,
      payment_intent: pi.id,
      reason: 'requested_by_customer',
      metadata: { by: 'op' },
    });
    const rest = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(2000);
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge.amount_refunded).toBe(3000);
    expect(charge.refunded).toBe(true);
    const listed = await h.stripe.refunds.list({ payment_intent: pi.id });
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
    expect((await h.stripe.refunds.retrieve(partial.id)).amount).toBe(1000);
    await h.emulator.control.waitForIdle();
    const refundTypes = receiver.types().filter((t) => t.startsWith('refund.') || t === 'charge.refunded');
    expect(refundTypes.sort()).toEqual([
      'charge.refunded',
      'charge.refunded',
      'refund.created',
      'refund.created',
    ]);
  });

  it('when refunding more than remains, then 400 amount_too_large; when nothing remains, charge_already_refunded', async () => {
    const pi = await paid();
    await expect(h.stripe.refunds.create({ payment_intent: pi.id, amount: 3001 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'amount_too_large',
      param: 'amount',
    });
    await h.stripe.refunds.create({ payment_intent: pi.id });
    const error = await h.stripe.refunds
      .create({ payment_intent: pi.id, amount: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code: 'charge_already_refunded' });
  });

  it('when the PaymentIntent has not succeeded, then the refund is rejected', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 3000, currency: 'usd' });
    await expect(h.stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('when the card is pm_card_pendingRefund, then the refund goes pending -> succeeded with refund.updated', async () => {
    const pi = await paid('pm_card_pendingRefund');
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.status).toBe('pending');
    await h.emulator.control.settleRefunds();
    expect((await h.stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
    await h.emulator.control.waitForIdle();
    const updated = receiver.received.find((r) => r.event?.type === 'refund.updated')?.event;
    expect(updated?.data.object).toMatchObject({ id: refund.id, status: 'succeeded' });
    expect(updated?.data.previous_attributes).toEqual({ status: 'pending' });
  });

  it('when the card is pm_card_refundFail, then the refund succeeds then fails and the charge is restored', async () => {
    const pi = await paid('pm_card_refundFail');
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1200 });
    expect(refund.status).toBe('succeeded');
    expect((await h.stripe.charges.retrieve(String(pi.latest_charge))).amount_refunded).toBe(1200);
    await h.emulator.control.settleRefunds();
    const failed = await h.stripe.refunds.retrieve(refund.id);
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge.amount_refunded).toBe(0);
    expect(charge.refunded).toBe(false);
    await h.emulator.control.waitForIdle();
    expect(receiver.types()).toEqual(expect.arrayContaining(['refund.failed', 'refund.updated']));
  });

  it('when the card is pm_card_createDispute, then charge.dispute.created follows, and closing sends .closed', async () => {
    const pi = await paid('pm_card_createDispute');
    await h.emulator.control.settleRefunds();
    await h.emulator.control.waitForIdle();
    const created = await waitFor(
      () => receiver.received.find((r) => r.event?.type === 'charge.dispute.created')?.event ?? undefined,
      'dispute',
    );
    const dispute = created.data.object as Stripe.Dispute;
    expect(dispute).toMatchObject({ charge: pi.latest_charge, amount: 3000, status: 'needs_response' });
    expect((await h.stripe.charges.retrieve(String(pi.latest_charge))).disputed).toBe(true);
    h.emulator.control.closeDispute(dispute.id, 'lost');
    await h.emulator.control.waitForIdle();
    expect((await h.stripe.disputes.retrieve(dispute.id)).status).toBe('lost');
    expect(receiver.types()).toContain('charge.dispute.closed');
  });
});

describe('refund settling on its own', () => {
  it('when refundSettleMs passes, then pending refunds settle without a control call', async () => {
    const fast = await startHarness({ refundSettleMs: 20 });
    try {
      const pi = await fast.stripe.paymentIntents.create({
        amount: 900,
        currency: 'usd',
        confirm: true,
        payment_method: 'pm_card_pendingRefund',
      });
      const refund = await fast.stripe.refunds.create({ payment_intent: pi.id });
      await waitFor(
        () => fast.emulator.control.events().some((e) => e.type === 'refund.updated'),
        'refund.updated',
      );
      expect((await fast.stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
    } finally {
      await fast.emulator.close();
    }
  });
});
