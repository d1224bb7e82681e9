import { randomUUID } from 'node:crypto';
import { RefundReason } from '@repo/contracts';
import { type PaymentGateway, RefundAlreadyMadeError } from '../../payments/payment-gateway.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Order, Refund } from '../../platform/db/schema.ts';
import { ConflictError, DomainError, ProviderUnavailableError } from '../../platform/errors.ts';
import { markRecoveryPoint } from '../../platform/idempotency.ts';
import {
  committedRefundTotal,
  findRefund,
  findUnsentRefunds,
  insertRefund,
  updateRefund,
} from '../../refunds/refunds.repository.ts';
import { type Actor, recordOrderEvent } from './lifecycle.repository.ts';
import { isPaid } from './machine.ts';
import { lockOrder, withLockedOrder } from './order-lock.ts';
import type { ReviewListener } from './payment-sync.ts';
import { applyRefundsToOrder, applyRefundToOrder, recomputeRefundedAmount } from './refund-sync.ts';

export interface RefundIntent {
  orderId: string;
  /** Omitted: everything still refundable. */
  amount?: number | undefined;
  reason: RefundReason;
  note?: string | null | undefined;
  actor: Actor;
  /** Idempotency key row to point at the ledger row, so a retry reuses it. */
  idempotencyKeyId?: string;
  /**
   * A cancellation's refund: nothing left to refund is not an error, and the refund is told in the
   * cancellation's email rather than one of its own.
   */
  forCancellation?: boolean;
}

/** Received minus refunds that are not failed or canceled (invariant 4). */
export async function refundableAmount(db: Executor, order: Order): Promise<number> {
  if (!isPaid(order.payment_status)) return 0;
  return Math.max(0, order.amount_received - (await committedRefundTotal(db, order.id)));
}

/**
 * Under the order lock: checks what is still refundable and holds the amount with a `pending`
 * ledger row, committed before Stripe is called so concurrent refunds can never over-refund.
 */
export function reserveRefund(db: Db, intent: RefundIntent): Promise<Refund | null> {
  return withLockedOrder(db, intent.orderId, async (tx, order) => {
    if (!isPaid(order.payment_status)) {
      if (intent.forCancellation) return null;
      throw new ConflictError(
        'order-not-paid',
        'Order not paid',
        `Only paid orders can be refunded; this payment is ${order.payment_status}.`,
        { payment_status: order.payment_status },
      );
    }
    const refundable = await refundableAmount(tx, order);
    if (refundable === 0 && intent.forCancellation) return null;
    const amount = intent.amount ?? refundable;
    if (refundable === 0 || amount > refundable) {
      throw new ConflictError(
        'refund-exceeds-refundable',
        'Refund exceeds the refundable amount',
        `At most ${refundable} (${order.currency}) can still be refunded on this order.`,
        { refundable_amount: refundable },
      );
    }
    const id = randomUUID();
    await insertRefund(tx, {
      id,
      order_id: order.id,
      amount,
      currency: order.currency,
      reason: intent.reason,
      note: intent.note ?? null,
      status: 'pending',
      actor_type: intent.actor.actorType,
      actor_id: intent.actor.actorId,
      for_cancellation: intent.forCancellation ?? false,
    });
    await recordOrderEvent(tx, order.id, {
      type: 'refund_requested',
      actor: intent.actor,
      detail: { refund_id: id, amount, reason: intent.reason },
    });
    if (intent.idempotencyKeyId) await markRecoveryPoint(tx, intent.idempotencyKeyId, 'refund_reserved', id);
    return (await findRefund(tx, id)) ?? null;
  });
}

/** Gives a refused refund's amount back: the row is failed, so it no longer holds money. */
async function refuseRefund(
  db: Db,
  refund: Refund,
  why: string,
  actor: Actor,
  onReview: ReviewListener | undefined,
): Promise<void> {
  const review = await withLockedOrder(db, refund.order_id, async (tx, order) => {
    await updateRefund(tx, refund.id, { status: 'failed', failure_reason: why });
    const { payment, review } = await recomputeRefundedAmount(tx, order);
    await recordOrderEvent(tx, order.id, {
      type: 'refund_refused',
      actor,
      paymentStatus: payment,
      detail: { refund_id: refund.id, amount: refund.amount, error: why },
    });
    return review;
  });
  if (review) onReview?.({ orderId: refund.order_id, reason: review });
}

/** Why a ledger row closed as canceled when Stripe had refunded the payment in full already. */
const ALREADY_REFUNDED = 'the payment was already refunded in full at Stripe';

/** Whether a submitted refund found the money already back (see recordAlreadyRefunded). */
export function foundAlreadyRefunded(row: Refund): boolean {
  return row.status === 'canceled' && row.failure_reason === ALREADY_REFUNDED;
}

/**
 * Stripe answered `charge_already_refunded`: the money is back, through refunds other than this
 * row (made in the Dashboard, say). Those refunds are imported, so the ledger records the money as
 * refunded, and this row, which moved nothing, is closed as canceled: not a refusal.
 */
async function recordAlreadyRefunded(
  db: Db,
  refund: Refund,
  made: RefundAlreadyMadeError,
  actor: Actor,
  onReview: ReviewListener | undefined,
): Promise<void> {
  const review = await withLockedOrder(db, refund.order_id, async (tx, order) => {
    const imported = await applyRefundsToOrder(tx, order, made.refunds, actor);
    await updateRefund(tx, refund.id, { status: 'canceled', failure_reason: ALREADY_REFUNDED });
    const { payment, review } = await recomputeRefundedAmount(tx, (await lockOrder(tx, order.id)) ?? order);
    await recordOrderEvent(tx, order.id, {
      type: 'refund_canceled',
      actor,
      paymentStatus: payment,
      detail: { refund_id: refund.id, amount: refund.amount, reason: ALREADY_REFUNDED },
    });
    return review ?? (imported.outcome === 'applied' ? imported.review : undefined);
  });
  if (review) onReview?.({ orderId: refund.order_id, reason: review });
}

/**
 * Sends a reserved refund to Stripe with an idempotency key derived from the ledger row (so a
 * retry never refunds twice) and applies Stripe's answer under the order lock. An outage leaves
 * the row pending for a retry; a definitive refusal marks it failed and frees its amount.
 */
export async function submitRefund(
  db: Db,
  payments: PaymentGateway,
  refund: Refund,
  actor: Actor,
  onReview?: ReviewListener,
): Promise<Refund> {
  if (refund.status !== 'pending' || refund.stripe_refund_id) return refund;
  const order = await db
    .selectFrom('orders')
    .select(['payment_intent_id'])
    .where('id', '=', refund.order_id)
    .executeTakeFirstOrThrow();
  let snapshot: Awaited<ReturnType<PaymentGateway['createRefund']>>;
  try {
    if (!order.payment_intent_id) throw new ConflictError('order-not-paid', 'Order not paid', 'No payment.');
    snapshot = await payments.createRefund({
      paymentIntentId: order.payment_intent_id,
      amount: refund.amount,
      reason: RefundReason.parse(refund.reason),
      ledgerId: refund.id,
      orderId: refund.order_id,
      idempotencyKey: `refund-${refund.id}`,
    });
  } catch (error) {
    if (error instanceof RefundAlreadyMadeError) {
      await recordAlreadyRefunded(db, refund, error, actor, onReview);
      return (await findRefund(db, refund.id)) ?? refund;
    }
    if (error instanceof DomainError && !(error instanceof ProviderUnavailableError)) {
      await refuseRefund(db, refund, error.message, actor, onReview);
    }
    throw error;
  }
  const result = await withLockedOrder(db, refund.order_id, (tx, order) =>
    applyRefundToOrder(tx, order, snapshot, actor),
  );
  if (result.outcome === 'applied' && result.review)
    onReview?.({ orderId: refund.order_id, reason: result.review });
  return (await findRefund(db, refund.id)) ?? refund;
}

/**
 * Refunds whose Stripe call an outage interrupted, created before `createdBefore` (older than any
 * request still holding them), oldest first. Each holds its amount as `pending` with no Stripe id;
 * its Stripe idempotency key is derived from the row, so sending it again never pays out twice.
 */
export function findRefundsToResend(db: Db, createdBefore: Date, limit: number): Promise<Refund[]> {
  return findUnsentRefunds(db, { createdBefore, limit });
}
