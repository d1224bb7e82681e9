import type { PaymentGateway, PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import { ConflictError } from '../../platform/errors.ts';
import { type ClaimedKey, isRetryableFailure, markRecoveryPoint } from '../../platform/idempotency.ts';
import { type Actor, recordOrderEvent, updateOrder } from './lifecycle.repository.ts';
import { withLockedOrder } from './order-lock.ts';
import { type ReviewListener, syncOrderWithIntent } from './payment-sync.ts';

export interface AcceptCommand {
  /** From now; the restaurant's preparation time when absent. Ignored for a scheduled order. */
  readyInMinutes?: number | undefined;
  /** Less than authorized captures less and releases the rest. */
  amountToCapture?: number | undefined;
  prepTimeMinutes: number;
}

const notAwaiting = (order: Order) =>
  new ConflictError(
    'order-not-awaiting-acceptance',
    'Order not awaiting acceptance',
    `Order #${order.order_number} is ${order.status}: only an order waiting for the restaurant can be accepted or rejected.`,
    { status: order.status },
  );

/**
 * Notes the acceptance under the order lock (the amount it captures and the ready time it
 * promises), so a racing reject is refused and the capture's webhook confirms the right amount.
 * Null when this request's own earlier attempt already confirmed the order.
 */
function beginAcceptance(db: Db, orderId: string, command: AcceptCommand, actor: Actor, claim: ClaimedKey) {
  return withLockedOrder(db, orderId, async (tx, order) => {
    const resumed = claim.recoveryPoint === 'accept_requested';
    if (order.status !== 'awaiting_acceptance') {
      if (resumed && order.accepted_at !== null) return null;
      throw notAwaiting(order);
    }
    if (order.cancel_reason !== null)
      throw new ConflictError(
        'order-being-rejected',
        'Order being rejected',
        'This order is being rejected.',
      );
    if (resumed && order.capture_amount !== null) return order;
    if (order.capture_amount !== null)
      throw new ConflictError(
        'order-being-accepted',
        'Order being accepted',
        'This order is being accepted.',
      );
    const amount = command.amountToCapture ?? order.total;
    if (amount > order.total) {
      throw new ConflictError(
        'capture-exceeds-authorized',
        'Capture exceeds the authorization',
        `At most ${order.total} (${order.currency}) is authorized on this order.`,
        { authorized_amount: order.total },
      );
    }
    const minutes = command.readyInMinutes ?? command.prepTimeMinutes;
    const readyAt = order.scheduled_time ?? new Date(Date.now() + minutes * 60_000);
    await updateOrder(tx, order.id, { capture_amount: amount, estimated_ready_at: readyAt });
    await recordOrderEvent(tx, order.id, {
      type: 'accept_requested',
      actor,
      detail: { amount_to_capture: amount, ready_in_minutes: command.readyInMinutes ?? null },
    });
    await markRecoveryPoint(tx, claim.id, 'accept_requested', order.id);
    return { ...order, capture_amount: amount };
  });
}

/** The acceptance failed for good: the order waits for the restaurant again (until its deadline). */
async function abandonAcceptance(db: Db, orderId: string, actor: Actor, why: string): Promise<void> {
  await withLockedOrder(db, orderId, async (tx, order) => {
    if (order.status !== 'awaiting_acceptance' || order.capture_amount === null) return;
    await updateOrder(tx, orderId, { capture_amount: null });
    await recordOrderEvent(tx, orderId, { type: 'accept_abandoned', actor, detail: { error: why } });
  });
}

/**
 * Flow 9, accept: captures the authorization (all, or less: the rest is released) with a Stripe
 * idempotency key derived from the order, then confirms the order through the PaymentIntent's own
 * move, which stages the confirmation email and the POS hand-off. Stripe captures or releases an
 * authorization once, so accept, reject and the window's expiry can race: one wins, the others
 * find the order decided. An outage leaves the order as it was, for the same key to retry.
 */
export async function acceptOrder(
  db: Db,
  payments: PaymentGateway,
  orderId: string,
  command: AcceptCommand,
  actor: Actor,
  claim: ClaimedKey,
  onReview?: ReviewListener,
): Promise<void> {
  const begun = await beginAcceptance(db, orderId, command, actor, claim);
  if (!begun?.payment_intent_id) return;
  let intent: PaymentIntentSnapshot;
  try {
    const partial = begun.capture_amount !== begun.total ? (begun.capture_amount ?? undefined) : undefined;
    intent = await payments.capturePaymentIntent(
      begun.payment_intent_id,
      partial,
      `order-${orderId}-capture`,
    );
  } catch (error) {
    if (!isRetryableFailure(error))
      await abandonAcceptance(db, orderId, actor, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await syncOrderWithIntent(db, orderId, intent, actor, onReview);
  if (intent.status === 'succeeded') return;
  await abandonAcceptance(db, orderId, actor, `the PaymentIntent is ${intent.status}`);
  throw new ConflictError(
    'authorization-gone',
    'Authorization gone',
    `The card authorization can no longer be captured (the PaymentIntent is ${intent.status}): the order was released, and the diner was not charged.`,
    { payment_intent_status: intent.status },
  );
}
