import {
  type PaymentGateway,
  PaymentIntentMissingError,
  type PaymentIntentSnapshot,
} from '../../payments/payment-gateway.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { Order, Refund } from '../../platform/db/schema.ts';
import { ConflictError } from '../../platform/errors.ts';
import { type ClaimedKey, isRetryableFailure, markRecoveryPoint } from '../../platform/idempotency.ts';
import { findRefund, findUnsentRefunds } from '../../refunds/refunds.repository.ts';
import { cancellationFacts } from './email-facts.ts';
import {
  type Actor,
  hasOrderEvent,
  recordOrderEvent,
  stageOrderJobs,
  updateOrder,
} from './lifecycle.repository.ts';
import { cancellationOf, canMoveOrder, canMovePayment, isPaid } from './machine.ts';
import { withLockedOrder } from './order-lock.ts';
import { type ReviewListener, syncOrderWithIntent } from './payment-sync.ts';
import { refundableAmount, reserveRefund, submitRefund } from './refund-ledger.ts';

/** Whether cancelling calls Stripe: an intent to cancel, money no refund covers yet, a refund to send. */
async function needsStripe(tx: Tx, order: Order): Promise<boolean> {
  if (!isPaid(order.payment_status))
    return order.payment_status !== 'refunded' && order.payment_status !== 'canceled';
  return (
    (await refundableAmount(tx, order)) > 0 || (await findUnsentRefunds(tx, { orderId: order.id })).length > 0
  );
}

/** Notes the request (and its reason, which a racing payment_intent.canceled webhook then uses). */
function beginCancellation(
  db: Db,
  livemode: boolean,
  orderId: string,
  reason: string,
  actor: Actor,
  claim: ClaimedKey,
) {
  return withLockedOrder(db, orderId, async (tx, order) => {
    if (cancellationOf(order) === 'cancelled') return null;
    if (!canMoveOrder(order.status, 'cancelled')) {
      throw new ConflictError(
        'order-not-cancellable',
        'Order cannot be cancelled',
        `A ${order.status} order cannot be cancelled.`,
        { status: order.status },
      );
    }
    if (order.payment_intent_id && order.livemode !== livemode && (await needsStripe(tx, order))) {
      // Neither its intent nor its charge can be reached with this key: Stripe would call them missing.
      throw new ConflictError(
        'payment-other-mode',
        'Payment in the other mode',
        `This order's payment is in ${order.livemode ? 'live' : 'test'} mode and this API uses a ${livemode ? 'live' : 'test'} key: cancel it where its payment is.`,
        { livemode: order.livemode },
      );
    }
    // Held again on a resumed attempt too, should anything have released it meanwhile.
    if (claim.recoveryPoint === 'started' || order.cancel_reason === null)
      await updateOrder(tx, order.id, { cancel_reason: reason });
    if (claim.recoveryPoint === 'started') {
      await recordOrderEvent(tx, order.id, { type: 'cancel_requested', actor, detail: { reason } });
      await markRecoveryPoint(tx, claim.id, 'cancel_requested', order.id);
    }
    return { ...order, cancel_reason: reason };
  });
}

/** Unpaid: cancel the PaymentIntent; if it succeeded meanwhile, confirm the order so it is refunded. */
async function cancelPayment(
  db: Db,
  payments: PaymentGateway,
  order: Order,
  actor: Actor,
  onReview: ReviewListener | undefined,
): Promise<void> {
  if (!order.payment_intent_id || isPaid(order.payment_status) || order.payment_status === 'refunded') {
    return;
  }
  let intent: PaymentIntentSnapshot;
  try {
    intent = await payments.cancelPaymentIntent(
      order.payment_intent_id,
      `order-${order.id}-cancel`,
      'requested_by_customer',
    );
  } catch (error) {
    if (!(error instanceof PaymentIntentMissingError)) throw error;
    await noteMissingIntent(db, order.id, error.paymentIntentId, actor);
    return;
  }
  if (intent.status !== 'canceled' && intent.status !== 'succeeded') {
    throw new ConflictError(
      'payment-in-progress',
      'Payment in progress',
      `The payment is ${intent.status} and cannot be cancelled now; retry once it settles.`,
      { payment_intent_status: intent.status },
    );
  }
  await syncOrderWithIntent(db, order.id, intent, actor, onReview);
}

/**
 * Stripe does not know the order's PaymentIntent, so there is nothing to cancel there: the timeline
 * notes it, once across retries (under the order lock). A payment that reaches the order anyway is
 * met by the refund step, like any other.
 */
async function noteMissingIntent(db: Db, orderId: string, intentId: string, actor: Actor): Promise<void> {
  await withLockedOrder(db, orderId, async (tx) => {
    if (await hasOrderEvent(tx, orderId, 'payment_intent_missing')) return;
    await recordOrderEvent(tx, orderId, {
      type: 'payment_intent_missing',
      actor,
      detail: { payment_intent_id: intentId },
    });
  });
}

/**
 * Ends a cancellation under the order lock, if `ready` agrees. The order's own cancel_reason wins;
 * `reason` stands in when a concurrent failed attempt cleared it meanwhile.
 */
async function finishCancellation(
  db: Db,
  orderId: string,
  actor: Actor,
  { reason = null, ready = () => true }: { reason?: string | null; ready?: (order: Order) => boolean },
): Promise<'cancelled' | 'unchanged' | 'uncovered'> {
  return withLockedOrder(db, orderId, async (tx, order) => {
    if (!canMoveOrder(order.status, 'cancelled') || !ready(order)) return 'unchanged';
    // Money no refund covers (a payment that landed, or a refund that failed, since the refund
    // was reserved) never ends up on a cancelled order.
    if ((await refundableAmount(tx, order)) > 0) return 'uncovered';
    const payment =
      !isPaid(order.payment_status) && canMovePayment(order.payment_status, 'canceled')
        ? 'canceled'
        : order.payment_status;
    const cancelReason = order.cancel_reason ?? reason;
    await updateOrder(tx, orderId, {
      status: 'cancelled',
      payment_status: payment,
      cancelled_at: new Date(),
      cancel_reason: cancelReason,
    });
    await recordOrderEvent(tx, orderId, {
      type: 'cancelled',
      actor,
      status: 'cancelled',
      paymentStatus: payment,
      detail: { reason: cancelReason },
    });
    // A diner who paid hears why, and what comes back to the card; one who never paid was never told
    // of the order.
    if (order.amount_received > 0) {
      const facts = await cancellationFacts(tx, order, cancelReason);
      await stageOrderJobs(tx, orderId, ['cancellation_email'], '', facts);
    }
    return 'cancelled';
  });
}

/**
 * Sends a refund an outage left unsent (the reconciler does, for requests nobody retried). If it
 * was a cancellation's refund, the cancellation is finished once the order is fully refunded, and
 * the jobs it held end: true when the order was cancelled here.
 */
export async function resendRefund(
  db: Db,
  payments: PaymentGateway,
  refund: Refund,
  actor: Actor,
  onReview?: ReviewListener,
): Promise<boolean> {
  await submitRefund(db, payments, refund, actor, onReview);
  const finished = await finishCancellation(db, refund.order_id, actor, {
    ready: (order) => cancellationOf(order) === 'requested' && order.payment_status === 'refunded',
  });
  return finished === 'cancelled';
}

/**
 * Flow 6. Unpaid: cancel the PaymentIntent. Paid (or paid while cancelling): refund what remains
 * through the ledger. Either way the order ends cancelled. Each step is safe to repeat, and the
 * idempotency recovery point says which steps a retry can skip.
 */
export async function cancelOrder(
  db: Db,
  payments: PaymentGateway,
  orderId: string,
  reason: string,
  actor: Actor,
  claim: ClaimedKey,
  onReview?: ReviewListener,
): Promise<void> {
  const started = await beginCancellation(db, payments.livemode, orderId, reason, actor, claim);
  if (!started) {
    // Already cancelled: but a refund an outage left unsent still has to reach Stripe.
    await sendUnsentRefunds(db, payments, orderId, actor, onReview);
    return;
  }
  try {
    await cancelStarted(db, payments, started, reason, actor, claim, onReview);
  } catch (error) {
    // Anything but an outage or contention (which the operator retries: the order stays held) ends
    // the attempt: the order is not being cancelled any more, so held post-payment jobs may run.
    if (!isRetryableFailure(error)) await abandonCancellation(db, orderId, actor, error);
    throw error;
  }
}

async function cancelStarted(
  db: Db,
  payments: PaymentGateway,
  started: Order,
  reason: string,
  actor: Actor,
  claim: ClaimedKey,
  onReview: ReviewListener | undefined,
): Promise<void> {
  const orderId = started.id;
  await cancelPayment(db, payments, started, actor, onReview);
  const resumed =
    claim.recoveryPoint === 'refund_reserved' && claim.resourceId
      ? await findRefund(db, claim.resourceId)
      : undefined;
  if (resumed) await submitRefund(db, payments, resumed, actor, onReview);
  // What is paid and not yet refunded (everything, or what a failed resumed refund left). A
  // payment that lands, or a refund that fails, before the end leaves money uncovered: a second
  // round refunds it too. Past that, the order is not cancelled over money it holds.
  for (let round = 1; round <= 2; round += 1) {
    const refund = await reserveRefund(db, {
      orderId,
      reason: 'requested_by_customer',
      note: `Order cancelled: ${reason}`,
      actor,
      idempotencyKeyId: claim.id,
      forCancellation: true,
    });
    if (refund) await submitRefund(db, payments, refund, actor, onReview);
    await sendUnsentRefunds(db, payments, orderId, actor, onReview);
    if ((await finishCancellation(db, orderId, actor, { reason })) !== 'uncovered') return;
  }
  throw new ConflictError(
    'payment-not-refunded',
    'Payment not refunded',
    'Part of the payment is not covered by a refund: it was paid, or a refund failed, while the order was being cancelled. The order was not cancelled.',
  );
}

async function sendUnsentRefunds(
  db: Db,
  payments: PaymentGateway,
  orderId: string,
  actor: Actor,
  onReview: ReviewListener | undefined,
): Promise<void> {
  for (const unsent of await findUnsentRefunds(db, { orderId }))
    await submitRefund(db, payments, unsent, actor, onReview);
}

async function abandonCancellation(db: Db, orderId: string, actor: Actor, error: unknown): Promise<void> {
  await withLockedOrder(db, orderId, async (tx, order) => {
    if (cancellationOf(order) !== 'requested') return;
    await updateOrder(tx, orderId, { cancel_reason: null });
    await recordOrderEvent(tx, orderId, {
      type: 'cancel_abandoned',
      actor,
      detail: { error: error instanceof Error ? error.message : String(error) },
    });
  });
}
