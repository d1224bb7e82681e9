import type { OrderStatus, PaymentStatus } from '@repo/contracts';
import type { PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Order } from '../../platform/db/schema.ts';
import { planIntentTransition, planMissingIntent } from './intent-plan.ts';

const ORDER_ID = '00000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-26T12:00:00Z');

function order(status: OrderStatus, payment: PaymentStatus, extra: Partial<Order> = {}): Order {
  return {
    id: ORDER_ID,
    status,
    payment_status: payment,
    total: 3768,
    currency: 'usd',
    livemode: false,
    payment_intent_id: 'pi_1',
    payment_intent_status: 'requires_payment_method',
    last_payment_error: null,
    scheduled_time: null,
    cancel_reason: null,
    ...extra,
  } as Order;
}

function intent(
  status: PaymentIntentSnapshot['status'],
  extra: Partial<PaymentIntentSnapshot> = {},
): PaymentIntentSnapshot {
  return {
    id: 'pi_1',
    status,
    amount: 3768,
    amountReceived: status === 'succeeded' ? 3768 : 0,
    amountCapturable: status === 'requires_capture' ? 3768 : 0,
    currency: 'usd',
    livemode: false,
    clientSecret: null,
    cancellationReason: null,
    orderId: ORDER_ID,
    clientSlug: 'demo',
    lastPaymentError: status === 'requires_payment_method' ? 'Your card was declined.' : null,
    lastPaymentErrorCode: status === 'requires_payment_method' ? 'generic_decline' : null,
    ...extra,
  };
}

describe('planIntentTransition', () => {
  it.each<
    [OrderStatus, PaymentStatus, PaymentIntentSnapshot['status'], OrderStatus | null, PaymentStatus | null]
  >([
    ['pending_payment', 'requires_payment', 'succeeded', 'confirmed', 'succeeded'],
    ['pending_payment', 'failed', 'succeeded', 'confirmed', 'succeeded'],
    ['pending_payment', 'processing', 'succeeded', 'confirmed', 'succeeded'],
    ['pending_payment', 'requires_payment', 'processing', 'pending_payment', 'processing'],
    ['pending_payment', 'failed', 'processing', 'pending_payment', 'processing'],
    ['pending_payment', 'requires_payment', 'requires_payment_method', 'pending_payment', 'failed'],
    ['pending_payment', 'processing', 'requires_payment_method', 'pending_payment', 'failed'],
    ['pending_payment', 'requires_payment', 'canceled', 'cancelled', 'canceled'],
    ['pending_payment', 'requires_payment', 'requires_action', 'pending_payment', 'requires_payment'],
    ['confirmed', 'succeeded', 'requires_payment_method', null, null],
    ['confirmed', 'succeeded', 'processing', null, null],
    ['confirmed', 'succeeded', 'succeeded', null, null],
    ['confirmed', 'succeeded', 'canceled', null, null],
    ['confirmed', 'refunded', 'succeeded', null, null],
  ])(
    'when the order is %s/%s and the intent is %s, then it becomes %s/%s',
    (status, payment, intentStatus, toStatus, toPayment) => {
      const decision = planIntentTransition(order(status, payment), intent(intentStatus), now);
      if (toStatus === null) {
        expect(decision.kind).toBe('unchanged');
        return;
      }
      if (decision.kind !== 'move') throw new Error(`expected a move, got ${decision.reason}`);
      expect([decision.plan.status, decision.plan.paymentStatus]).toEqual([toStatus, toPayment]);
    },
  );

  it('when a payment is confirmed, then the jobs are staged and the ready time follows the prep time', () => {
    const decision = planIntentTransition(
      order('pending_payment', 'requires_payment'),
      intent('succeeded'),
      now,
    );
    expect(decision).toMatchObject({
      kind: 'move',
      plan: {
        jobs: ['confirmation_email', 'pos_handoff'],
        readyAfterPrep: true,
        changes: { confirmed_at: now },
      },
    });
  });

  it('when a scheduled order is confirmed, then it is ready at its scheduled time', () => {
    const at = new Date('2026-11-27T18:00:00Z');
    const decision = planIntentTransition(
      order('pending_payment', 'requires_payment', { scheduled_time: at }),
      intent('succeeded'),
      now,
    );
    expect(decision).toMatchObject({
      kind: 'move',
      plan: { readyAfterPrep: false, changes: { estimated_ready_at: at } },
    });
  });

  it.each([
    ['amount', { amountReceived: 100 }],
    ['currency', { currency: 'eur' }],
    ['order id', { orderId: '00000000-0000-4000-8000-000000000002' }],
    ['livemode', { livemode: true }],
  ])('when the %s does not match, then the order needs review and nothing is staged', (_name, extra) => {
    const decision = planIntentTransition(
      order('pending_payment', 'requires_payment'),
      intent('succeeded', extra),
      now,
    );
    expect(decision).toMatchObject({ kind: 'move', plan: { status: 'needs_review', jobs: [] } });
  });

  it.each(['processing', 'requires_payment_method', 'canceled'] as const)(
    "when an intent that is not the order's is %s, then nothing changes",
    (status) => {
      const decision = planIntentTransition(
        order('pending_payment', 'requires_payment'),
        intent(status, { id: 'pi_other', lastPaymentError: 'declined' }),
        now,
      );
      expect(decision.kind).toBe('unchanged');
    },
  );

  it.each([
    ['pending_payment', 'requires_payment', 'needs_review'],
    ['confirmed', 'succeeded', 'confirmed'],
    ['cancelled', 'canceled', 'cancelled'],
  ] as const)(
    "when an intent that is not the order's took money for a %s order, then the order is flagged for review and keeps its own payment",
    (status, payment, flaggedStatus) => {
      const decision = planIntentTransition(
        order(status, payment, { review_reason: null }),
        intent('succeeded', { id: 'pi_other' }),
        now,
      );
      expect(decision).toMatchObject({
        kind: 'move',
        plan: { type: 'payment_mismatch', status: flaggedStatus, paymentStatus: payment, jobs: [] },
      });
      if (decision.kind !== 'move') return;
      expect(decision.plan.changes).toEqual({
        review_reason: expect.stringContaining('pi_other'),
        ...(flaggedStatus === status ? {} : { status: flaggedStatus }),
      });
      expect(decision.plan.reviewReason).toContain('pi_other');
    },
  );

  it("when the order's own intent took money after the order's payment was canceled, then the order is flagged once and stays cancelled", () => {
    const cancelled = order('cancelled', 'canceled', { review_reason: null });
    const decision = planIntentTransition(cancelled, intent('succeeded'), now);
    expect(decision).toMatchObject({
      kind: 'move',
      plan: { type: 'payment_mismatch', status: 'cancelled', paymentStatus: 'canceled', jobs: [] },
    });
    if (decision.kind !== 'move') return;
    expect(decision.plan.changes).toEqual({
      review_reason: expect.stringContaining('pi_1'),
      amount_received: 3768,
    });
    const flagged = order('cancelled', 'canceled', { review_reason: decision.plan.reviewReason });
    expect(planIntentTransition(flagged, intent('succeeded'), now).kind).toBe('unchanged');
  });

  it('when the same decline arrives twice, then the second changes nothing', () => {
    const failedOrder = order('pending_payment', 'failed', { last_payment_error: 'Your card was declined.' });
    expect(planIntentTransition(failedOrder, intent('requires_payment_method'), now).kind).toBe('unchanged');
  });

  it.each([
    ['abandoned', 'abandoned: not paid in time'],
    ['requested_by_customer', 'payment canceled'],
    [null, 'payment canceled'],
  ])(
    'when an intent is canceled as %s without a noted reason, then the order is cancelled with "%s"',
    (cancellationReason, reason) => {
      const decision = planIntentTransition(
        order('pending_payment', 'requires_payment'),
        intent('canceled', { cancellationReason }),
        now,
      );
      expect(decision).toMatchObject({ kind: 'move', plan: { changes: { cancel_reason: reason } } });
    },
  );

  it('when an operator noted the cancellation first, then its reason stands', () => {
    const decision = planIntentTransition(
      order('pending_payment', 'requires_payment', { cancel_reason: 'kitchen closed' }),
      intent('canceled', { cancellationReason: 'requested_by_customer' }),
      now,
    );
    expect(decision).toMatchObject({ kind: 'move', plan: { changes: { cancel_reason: 'kitchen closed' } } });
  });

  it('when a payment fails again with the same message after processing, then the order is failed again', () => {
    // Declined, retried with a bank debit (processing), declined again with the same wording.
    const processing = order('pending_payment', 'processing', {
      payment_intent_status: 'processing',
      last_payment_error: 'Your card was declined.',
    });
    const decision = planIntentTransition(processing, intent('requires_payment_method'), now);
    expect(decision).toMatchObject({
      kind: 'move',
      plan: { paymentStatus: 'failed', type: 'payment_failed' },
    });
  });
});

describe('planMissingIntent', () => {
  it("when an unpaid order's intent is unknown to Stripe, then it goes to needs_review with the reason", () => {
    expect(planMissingIntent(order('pending_payment', 'failed'), 'pi_1')).toMatchObject({
      kind: 'move',
      plan: {
        type: 'payment_intent_missing',
        status: 'needs_review',
        paymentStatus: 'failed',
        jobs: [],
        changes: { status: 'needs_review', review_reason: expect.stringContaining('pi_1') },
      },
    });
  });

  it.each([
    [
      'the order has another intent now',
      order('pending_payment', 'requires_payment', { payment_intent_id: 'pi_2' }),
    ],
    ['the order is past pending', order('confirmed', 'succeeded')],
    ['the order is flagged already', order('needs_review', 'requires_payment')],
  ])('when %s, then nothing changes', (_case, current) => {
    expect(planMissingIntent(current, 'pi_1')).toMatchObject({ kind: 'unchanged' });
  });
});
