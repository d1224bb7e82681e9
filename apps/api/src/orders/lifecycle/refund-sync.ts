import { randomUUID } from 'node:crypto';
import type { PaymentStatus } from '@repo/contracts';
import type { RefundSnapshot } from '../../payments/payment-gateway.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import {
  committedRefundTotal,
  findLedgerRow,
  insertRefund,
  succeededRefundTotal,
  updateRefund,
} from '../../refunds/refunds.repository.ts';
import type { RefundEmailFacts } from './email-facts.ts';
import { type Actor, recordOrderEvent, stageOrderJobs, updateOrder } from './lifecycle.repository.ts';
import { canMovePayment, canMoveRefund, isPaid, paymentAfterRefunds } from './machine.ts';
import { lockOrder } from './order-lock.ts';
import type { SyncResult } from './payment-sync.ts';

const SYSTEM: Actor = { actorType: 'system', actorId: null };

/**
 * Brings the order's money in line with its succeeded refunds. A refund that fails after
 * succeeding returns money to the restaurant, so this may move back from refunded. Stripe never
 * refunds more than it received, so a ledger whose succeeded refunds exceed that is wrong (a
 * refusal we inferred that Stripe paid after all): the amount is capped and the order put up for
 * review. Answers the payment status and the review reason it raised, if any.
 */
export async function recomputeRefundedAmount(
  tx: Tx,
  order: Order,
): Promise<{ payment: PaymentStatus; refunded: number; review: string | undefined }> {
  const succeeded = await succeededRefundTotal(tx, order.id);
  const refunded = Math.min(succeeded, order.amount_received);
  let reviewReason = order.review_reason;
  let review: string | undefined;
  if (succeeded > order.amount_received) {
    const reason = `succeeded refunds total ${succeeded}, more than the ${order.amount_received} received`;
    if (order.review_reason !== reason) {
      reviewReason = reason;
      review = reason;
      await updateOrder(tx, order.id, { review_reason: reason });
      await recordOrderEvent(tx, order.id, { type: 'refund_mismatch', actor: SYSTEM, detail: { reason } });
    }
  }
  const payment = paymentAfterRefunds(order.payment_status, order.amount_received, refunded);
  if (payment !== order.payment_status && !canMovePayment(order.payment_status, payment, 'refunds'))
    throw new Error(`refunds cannot move a payment from ${order.payment_status} to ${payment}`);
  if (refunded !== order.amount_refunded || payment !== order.payment_status) {
    await updateOrder(tx, order.id, { amount_refunded: refunded, payment_status: payment });
  }
  if (order.status === 'cancelled' && (isPaid(payment) || payment === 'refunded')) {
    review = (await reviewCancelledOrderRefunds(tx, { ...order, review_reason: reviewReason })) ?? review;
  }
  return { payment, refunded, review };
}

/** How the review below begins, so covering the money again can clear that review and no other. */
const UNCOVERED_AFTER_CANCEL = 'a refund failed after this order was cancelled: ';

/**
 * A cancelled order holds no money: a refund that fails (or is refused) after the cancellation
 * leaves some on it, which a person must refund again (the reason is returned when raised or grown).
 * Once refunds cover it again, that review (and only that one) is cleared, on the timeline.
 */
async function reviewCancelledOrderRefunds(tx: Tx, order: Order): Promise<string | undefined> {
  const uncovered = order.amount_received - (await committedRefundTotal(tx, order.id));
  if (uncovered <= 0) {
    if (!order.review_reason?.startsWith(UNCOVERED_AFTER_CANCEL)) return undefined;
    await updateOrder(tx, order.id, { review_reason: null });
    await recordOrderEvent(tx, order.id, {
      type: 'refund_covered_after_cancel',
      actor: SYSTEM,
      detail: { cleared: order.review_reason },
    });
    return undefined;
  }
  const reason = `${UNCOVERED_AFTER_CANCEL}${uncovered} ${order.currency} of its payment is not refunded`;
  if (order.review_reason === reason) return undefined;
  await updateOrder(tx, order.id, { review_reason: reason });
  await recordOrderEvent(tx, order.id, {
    type: 'refund_failed_after_cancel',
    actor: SYSTEM,
    detail: { reason },
  });
  // Raised, or grown: news for the alerts. Shrinking (a person refunding part of it) is not.
  const before = order.review_reason?.startsWith(UNCOVERED_AFTER_CANCEL)
    ? Number.parseInt(order.review_reason.slice(UNCOVERED_AFTER_CANCEL.length), 10)
    : 0;
  return uncovered > before ? reason : undefined;
}

/**
 * Applies a refund's state from Stripe to the ledger of a locked order: updates our row, or imports
 * a refund made elsewhere (the Stripe Dashboard). Shared by webhooks and the operator API.
 */
export async function applyRefundToOrder(
  tx: Tx,
  order: Order,
  refund: RefundSnapshot,
  actor: Actor,
): Promise<SyncResult> {
  const row = await findLedgerRow(tx, order.id, refund.id, refund.ledgerId);
  let imported = false;
  if (!row) {
    await insertRefund(tx, {
      id: randomUUID(),
      order_id: order.id,
      stripe_refund_id: refund.id,
      amount: refund.amount,
      currency: refund.currency,
      reason: refund.reason,
      note: 'Imported: created outside this API',
      status: refund.status,
      failure_reason: refund.failureReason,
      actor_type: actor.actorType,
      actor_id: actor.actorId,
    });
    imported = true;
  } else if (canMoveRefund(row, refund.status)) {
    await updateRefund(tx, row.id, {
      status: refund.status,
      failure_reason: refund.failureReason,
      stripe_refund_id: refund.id,
    });
  } else if (!row.stripe_refund_id) {
    await updateRefund(tx, row.id, { stripe_refund_id: refund.id });
    return { outcome: 'applied', change: 'refund_linked' };
  } else {
    return { outcome: 'unchanged', reason: `refund already ${row.status}` };
  }
  const { payment, refunded, review } = await recomputeRefundedAmount(tx, order);
  // A cancellation's refund is told in the cancellation's email; any other gets its own, with the
  // figures of this moment, since another refund may succeed before the email goes out.
  if (refund.status === 'succeeded' && !row?.for_cancellation) {
    const facts: RefundEmailFacts = {
      refund_amount: refund.amount,
      refunded_total: refunded,
      amount_paid: order.amount_received,
    };
    await stageOrderJobs(tx, order.id, ['refund_email'], refund.id, facts);
  }
  const type = imported ? 'refund_imported' : (`refund_${refund.status}` as const);
  await recordOrderEvent(tx, order.id, {
    type,
    actor,
    paymentStatus: payment,
    detail: {
      refund_id: refund.id,
      amount: refund.amount,
      status: refund.status,
      failure_reason: refund.failureReason,
    },
  });
  return { outcome: 'applied', change: type, ...(review ? { review } : {}) };
}

/**
 * Applies each refund of a `charge.refunded` event in turn, each from the order as the one before
 * left it. A review is reported only while it stands: a later refund may have cleared it.
 */
export async function applyRefundsToOrder(
  tx: Tx,
  order: Order,
  refunds: RefundSnapshot[],
  actor: Actor,
): Promise<SyncResult> {
  const changes: string[] = [];
  let review: string | undefined;
  let current = order;
  for (const refund of refunds) {
    const result = await applyRefundToOrder(tx, current, refund, actor);
    if (result.outcome !== 'applied') continue;
    changes.push(result.change);
    review = result.review ?? review;
    current = (await lockOrder(tx, order.id)) ?? current;
  }
  const standing = review !== undefined && current.review_reason === review ? review : undefined;
  return changes.length > 0
    ? { outcome: 'applied', change: changes.join(','), ...(standing ? { review: standing } : {}) }
    : { outcome: 'unchanged', reason: 'refunds already recorded' };
}
