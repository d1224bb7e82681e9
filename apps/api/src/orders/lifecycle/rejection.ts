import type { PaymentGateway, PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import { ConflictError } from '../../platform/errors.ts';
import { type ClaimedKey, isRetryableFailure, markRecoveryPoint } from '../../platform/idempotency.ts';
import { type Actor, recordOrderEvent, updateOrder } from './lifecycle.repository.ts';
import { withLockedOrder } from './order-lock.ts';
import { type ReviewListener, syncOrderWithIntent } from './payment-sync.ts';

/** The reason an order the restaurant let lapse is rejected with. */
export const NOT_ACCEPTED_IN_TIME = 'not_accepted_in_time';

const notAwaiting = (order: Order) =>
  new ConflictError(
    'order-not-awaiting-acceptance',
    'Order not awaiting acceptance',
    `Order #${order.order_number} is ${order.status}: only an order waiting for the restaurant can be rejected.`,
    { status: order.status },
  );

/**
 * Notes the rejection and its reason under the order lock (the reason the release's webhook then
 * records). Null when this request's earlier attempt finished it. A person's reject (with a claim)
 * is refused while an acceptance runs; the window's job (no claim) goes ahead and lets Stripe decide.
 */
function beginRejection(db: Db, orderId: string, reason: string, actor: Actor, claim: ClaimedKey | null) {
  return withLockedOrder(db, orderId, async (tx, order) => {
    const resumed = claim?.recoveryPoint === 'cancel_requested';
    if (order.status !== 'awaiting_acceptance') {
      if (resumed && order.status === 'cancelled') return null;
      throw notAwaiting(order);
    }
    if (claim && order.capture_amount !== null)
      throw new ConflictError(
        'order-being-accepted',
        'Order being accepted',
        'This order is being accepted.',
      );
    if (order.cancel_reason === null || !resumed) {
      await updateOrder(tx, order.id, { cancel_reason: order.cancel_reason ?? reason });
      await recordOrderEvent(tx, order.id, {
        type: 'cancel_requested',
        actor,
        detail: { reason, reject: true },
      });
    }
    if (claim) await markRecoveryPoint(tx, claim.id, 'cancel_requested', order.id);
    return order;
  });
}

async function abandonRejection(db: Db, orderId: string, actor: Actor, why: string): Promise<void> {
  await withLockedOrder(db, orderId, async (tx, order) => {
    if (order.status === 'cancelled' || order.cancel_reason === null) return;
    await updateOrder(tx, orderId, { cancel_reason: null });
    await recordOrderEvent(tx, orderId, { type: 'cancel_abandoned', actor, detail: { error: why } });
  });
}

/**
 * Flow 9, reject: cancels the PaymentIntent, which releases the authorization with no fee; the
 * release moves the order to cancelled and stages the diner's email. If a racing acceptance
 * captured it first, the order is confirmed instead and the reject answers 409. Used by staff
 * (with an Idempotency-Key) and by the job that rejects orders not accepted in time (`claim` null).
 */
export async function rejectOrder(
  db: Db,
  payments: PaymentGateway,
  orderId: string,
  reason: string,
  actor: Actor,
  claim: ClaimedKey | null,
  onReview?: ReviewListener,
): Promise<void> {
  const begun = await beginRejection(db, orderId, reason, actor, claim);
  if (!begun?.payment_intent_id) return;
  let intent: PaymentIntentSnapshot;
  try {
    const why = reason === NOT_ACCEPTED_IN_TIME ? 'abandoned' : 'requested_by_customer';
    intent = await payments.cancelPaymentIntent(begun.payment_intent_id, `order-${orderId}-cancel`, why);
  } catch (error) {
    if (!isRetryableFailure(error))
      await abandonRejection(db, orderId, actor, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await syncOrderWithIntent(db, orderId, intent, actor, onReview);
  if (intent.status === 'canceled') return;
  await abandonRejection(db, orderId, actor, `the PaymentIntent is ${intent.status}`);
  const order = await withLockedOrder(db, orderId, async (_tx, locked) => locked);
  throw notAwaiting(order);
}
