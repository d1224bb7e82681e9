import { randomUUID } from 'node:crypto';
import type { PaymentStatus, RefundStatus } from '@repo/contracts';
import { stageOrderJobs } from '../jobs/order-jobs.repository.ts';
import { isPaid } from '../orders/order-state.ts';
import { recordOrderEvent, updateOrder } from '../orders/orders.repository.ts';
import type { SyncActor, SyncResult } from '../orders/payment-sync.ts';
import type { RefundSnapshot } from '../payments/payment-gateway.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Order, Refund } from '../platform/db/schema.ts';
import {
  committedRefundTotal,
  findLedgerRow,
  insertRefund,
  succeededRefundTotal,
  updateRefund,
} from './refunds.repository.ts';

const REFUND_MOVES: Record<RefundStatus, readonly RefundStatus[]> = {
  pending: ['requires_action', 'succeeded', 'failed', 'canceled'],
  requires_action: ['pending', 'succeeded', 'failed', 'canceled'],
  // Stripe can fail a refund after reporting success (the card account closed, say).
  succeeded: ['failed'],
  // Only a refusal we inferred before Stripe gave the refund an id, while Stripe went on to pay it
  // out (see mayMove).
  failed: ['succeeded'],
  canceled: [],
};

/** Whether our ledger row may take the status Stripe reports for its refund. */
function mayMove(row: Refund, to: RefundStatus): boolean {
  if (row.status === to || !REFUND_MOVES[row.status].includes(to)) return false;
  // A failure Stripe reported (the row carries its id) is final: a late success must not revive it.
  return row.status !== 'failed' || row.stripe_refund_id === null;
}

/**
 * Brings the order's money in line with its succeeded refunds. A refund that fails after
 * succeeding returns money to the restaurant, so this may move back from refunded. Stripe never
 * refunds more than it received, so a ledger whose succeeded refunds exceed that is wrong (a
 * refusal we inferred that Stripe paid after all): the amount is capped and the order flagged.
 */
export async function recomputeRefundedAmount(
  tx: Tx,
  order: Order,
): Promise<{ payment: PaymentStatus; flagged: string | undefined }> {
  const succeeded = await succeededRefundTotal(tx, order.id);
  const refunded = Math.min(succeeded, order.amount_received);
  let reviewReason = order.review_reason;
  let flagged: string | undefined;
  if (succeeded > order.amount_received) {
    const reason = `succeeded refunds total ${succeeded}, more than the ${order.amount_received} received`;
    if (order.review_reason !== reason) {
      reviewReason = reason;
      flagged = reason;
      await updateOrder(tx, order.id, { review_reason: reason });
      await recordOrderEvent(tx, order.id, {
        type: 'refund_mismatch',
        actorType: 'system',
        detail: { reason },
      });
    }
  }
  let payment: PaymentStatus = order.payment_status;
  if (['succeeded', 'partially_refunded', 'refunded'].includes(order.payment_status)) {
    payment =
      refunded === 0 ? 'succeeded' : refunded >= order.amount_received ? 'refunded' : 'partially_refunded';
  }
  if (refunded !== order.amount_refunded || payment !== order.payment_status) {
    await updateOrder(tx, order.id, { amount_refunded: refunded, payment_status: payment });
  }
  if (order.status === 'cancelled' && (isPaid(payment) || payment === 'refunded')) {
    flagged = (await reviewCancelledOrderRefunds(tx, { ...order, review_reason: reviewReason })) ?? flagged;
  }
  return { payment, flagged };
}

/** How the flag below begins, so covering the money again can clear that flag and no other. */
const UNCOVERED_AFTER_CANCEL = 'a refund failed after this order was cancelled: ';

/**
 * A cancelled order holds no money: a refund that fails (or is refused) after the cancellation
 * leaves some on it, which a person must refund again (the reason is returned when raised or grown).
 * Once refunds cover it again, that flag (and only that one) is cleared, on the timeline.
 */
async function reviewCancelledOrderRefunds(tx: Tx, order: Order): Promise<string | undefined> {
  const uncovered = order.amount_received - (await committedRefundTotal(tx, order.id));
  if (uncovered <= 0) {
    if (!order.review_reason?.startsWith(UNCOVERED_AFTER_CANCEL)) return undefined;
    await updateOrder(tx, order.id, { review_reason: null });
    await recordOrderEvent(tx, order.id, {
      type: 'refund_covered_after_cancel',
      actorType: 'system',
      detail: { cleared: order.review_reason },
    });
    return undefined;
  }
  const reason = `${UNCOVERED_AFTER_CANCEL}${uncovered} ${order.currency} of its payment is not refunded`;
  if (order.review_reason === reason) return undefined;
  await updateOrder(tx, order.id, { review_reason: reason });
  await recordOrderEvent(tx, order.id, {
    type: 'refund_failed_after_cancel',
    actorType: 'system',
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
  actor: SyncActor,
): Promise<SyncResult> {
  const row = await findLedgerRow(tx, order.id, refund.id, refund.ledgerId);
  let type: string;
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
    type = 'refund_imported';
  } else if (mayMove(row, refund.status)) {
    await updateRefund(tx, row.id, {
      status: refund.status,
      failure_reason: refund.failureReason,
      stripe_refund_id: refund.id,
    });
    type = `refund_${refund.status}`;
  } else if (!row.stripe_refund_id) {
    await updateRefund(tx, row.id, { stripe_refund_id: refund.id });
    return { outcome: 'applied', change: 'refund_linked' };
  } else {
    return { outcome: 'unchanged', reason: `refund already ${row.status}` };
  }
  if (refund.status === 'succeeded') await stageOrderJobs(tx, order.id, ['refund_email'], refund.id);
  const { payment, flagged } = await recomputeRefundedAmount(tx, order);
  await recordOrderEvent(tx, order.id, {
    type,
    actorType: actor.actorType,
    actorId: actor.actorId,
    paymentStatus: payment,
    detail: {
      refund_id: refund.id,
      amount: refund.amount,
      status: refund.status,
      failure_reason: refund.failureReason,
    },
  });
  return { outcome: 'applied', change: type, ...(flagged ? { flagged } : {}) };
}
