import type { PaymentStatus } from '@repo/contracts';
import { stageOrderJobs } from '../jobs/order-jobs.repository.ts';
import type { PaymentIntentSnapshot } from '../payments/payment-gateway.ts';
import type { Tx } from '../platform/db/database.ts';
import type { ActorType, Order, OrderUpdate } from '../platform/db/schema.ts';
import { canMoveOrder, canMovePayment } from './order-state.ts';
import { recordOrderEvent, updateOrder } from './orders.repository.ts';

export interface SyncActor {
  actorType: ActorType;
  actorId: string | null;
}

export type SyncResult =
  | { outcome: 'applied'; change: string }
  | { outcome: 'unchanged'; reason: string }
  | { outcome: 'needs_review'; reason: string };

/** Why a succeeded PaymentIntent may not confirm this order (invariant 3), or null when it may. */
export function reconcile(order: Order, intent: PaymentIntentSnapshot): string | null {
  if (intent.orderId !== order.id) return `metadata.order_id ${intent.orderId ?? '(none)'} is not this order`;
  if (intent.currency !== order.currency)
    return `currency ${intent.currency} differs from the order's ${order.currency}`;
  if (intent.amountReceived !== order.total)
    return `amount_received ${intent.amountReceived} differs from the total ${order.total}`;
  if (intent.livemode !== order.livemode)
    return `livemode ${intent.livemode} differs from the order's ${order.livemode}`;
  return null;
}

/**
 * Moves a locked order forward to match its PaymentIntent. The one code path shared by the webhook,
 * the diner's re-sync after the redirect, and the reconciler; applying the same state twice is a no-op.
 */
export async function applyIntentToOrder(
  tx: Tx,
  order: Order,
  intent: PaymentIntentSnapshot,
  actor: SyncActor,
): Promise<SyncResult> {
  if (order.payment_intent_id && order.payment_intent_id !== intent.id) {
    return { outcome: 'unchanged', reason: `PaymentIntent ${intent.id} is not this order's` };
  }
  const now = new Date();
  const move = (payment: PaymentStatus) =>
    order.payment_status !== payment && canMovePayment(order.payment_status, payment);
  let changes: OrderUpdate | null = null;
  let type = '';

  switch (intent.status) {
    case 'succeeded': {
      const mismatch = reconcile(order, intent);
      if (mismatch) {
        if (order.status === 'needs_review' || !canMoveOrder(order.status, 'needs_review')) {
          return { outcome: 'unchanged', reason: mismatch };
        }
        changes = { status: 'needs_review', review_reason: mismatch, amount_received: intent.amountReceived };
        if (move('succeeded')) changes.payment_status = 'succeeded';
        type = 'payment_mismatch';
        break;
      }
      if (!move('succeeded') && order.status !== 'pending_payment') {
        return { outcome: 'unchanged', reason: 'already past succeeded' };
      }
      changes = { amount_received: intent.amountReceived, last_payment_error: null };
      if (move('succeeded')) changes.payment_status = 'succeeded';
      if (order.status === 'pending_payment') {
        changes.status = 'confirmed';
        changes.confirmed_at = now;
        if (order.scheduled_time) changes.estimated_ready_at = order.scheduled_time;
        await stageOrderJobs(tx, order.id, ['confirmation_email', 'pos_handoff']);
      }
      type = 'payment_succeeded';
      break;
    }
    case 'processing':
      if (!move('processing')) return { outcome: 'unchanged', reason: `payment is ${order.payment_status}` };
      changes = { payment_status: 'processing' };
      type = 'payment_processing';
      break;
    case 'requires_payment_method':
      if (!intent.lastPaymentError) return { outcome: 'unchanged', reason: 'awaiting a payment method' };
      if (
        !canMovePayment(order.payment_status, 'failed') ||
        order.last_payment_error === intent.lastPaymentError
      ) {
        return { outcome: 'unchanged', reason: `payment is ${order.payment_status}` };
      }
      changes = { payment_status: 'failed', last_payment_error: intent.lastPaymentError };
      type = 'payment_failed';
      break;
    case 'canceled':
      if (!move('canceled') || order.status !== 'pending_payment') {
        return { outcome: 'unchanged', reason: `payment is ${order.payment_status}` };
      }
      changes = {
        payment_status: 'canceled',
        status: 'cancelled',
        cancelled_at: now,
        cancel_reason: order.cancel_reason ?? 'payment canceled',
      };
      type = 'payment_canceled';
      break;
    case 'requires_action':
    case 'requires_confirmation':
    case 'requires_capture':
      if (order.payment_intent_status === intent.status || order.status !== 'pending_payment') {
        return { outcome: 'unchanged', reason: `intent is ${intent.status}` };
      }
      changes = {};
      type = `payment_${intent.status}`;
      break;
    default: {
      const unreachable: never = intent.status;
      return { outcome: 'unchanged', reason: `unknown status ${String(unreachable)}` };
    }
  }

  await updateOrder(tx, order.id, {
    ...changes,
    payment_intent_id: intent.id,
    payment_intent_status: intent.status,
  });
  await recordOrderEvent(tx, order.id, {
    type,
    actorType: actor.actorType,
    actorId: actor.actorId,
    status: changes.status ?? order.status,
    paymentStatus: changes.payment_status ?? order.payment_status,
    detail: changes.review_reason
      ? { reason: changes.review_reason }
      : changes.last_payment_error
        ? { error: changes.last_payment_error }
        : null,
  });
  if (changes.status === 'needs_review')
    return { outcome: 'needs_review', reason: changes.review_reason ?? '' };
  return { outcome: 'applied', change: type };
}
