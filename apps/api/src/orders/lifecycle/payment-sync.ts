import type { RawBuilder } from 'kysely';
import { countOrderFlagged, countPayment } from '../../metrics/metrics.ts';
import type { PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import type { Logger } from '../../platform/logger.ts';
import { type MovePlan, planIntentTransition, planMissingIntent } from './intent-plan.ts';
import { type Actor, updateOrder, writeMove } from './lifecycle.repository.ts';
import { withLockedOrder } from './order-lock.ts';

/**
 * Hears, after commit, of an order put in front of a person for review (`review_reason`): for the
 * error log, which the alerts read.
 */
export type ReviewListener = (review: { orderId: string; reason: string }) => void;

/**
 * Writes each review to the error log with the order, the reason and `context` (an event id, an
 * intent id). Every path logs through this one message, for the alerts to match.
 */
export function reviewLogger(logger: Logger, context: Record<string, unknown> = {}): ReviewListener {
  return (review) => {
    countOrderFlagged();
    logger.error({ ...context, ...review }, `order flagged for review: ${review.reason}`);
  };
}

export type SyncResult =
  /** `review`: a reason for a person that this change raised on the order (`review_reason`). */
  | { outcome: 'applied'; change: string; review?: string }
  | { outcome: 'unchanged'; reason: string }
  | { outcome: 'needs_review'; reason: string };

/** A written plan as its callers see it: put in front of a person, or applied. */
function resultOf(plan: MovePlan): SyncResult {
  return plan.reviewReason
    ? { outcome: 'needs_review', reason: plan.reviewReason }
    : { outcome: 'applied', change: plan.type };
}

/**
 * Moves a locked order forward to match its PaymentIntent: the one code path of the webhook, the
 * diner's re-sync after the redirect, the reconciler and cancellation. Applying the same state twice
 * is a no-op. A webhook passes `event` with the inbox's statement recording its outcome, so the
 * event and the order are written in one statement.
 */
export async function applyIntentToOrder(
  tx: Tx,
  order: Order,
  intent: PaymentIntentSnapshot,
  actor: Actor,
  event?: { createdAt: Date; recordOutcome: (detail: string) => RawBuilder<unknown> },
): Promise<SyncResult> {
  const decision = planIntentTransition(order, intent, new Date(), event?.createdAt);
  if (decision.kind === 'unchanged') {
    if (decision.eventAt) await updateOrder(tx, order.id, { payment_event_at: decision.eventAt });
    return { outcome: 'unchanged', reason: decision.reason };
  }
  const { plan } = decision;
  await writeMove(tx, order.id, plan, actor, event?.recordOutcome(plan.reviewReason ?? plan.type));
  countPayment(plan.reviewReason ? 'needs_review' : plan.paymentStatus);
  return resultOf(plan);
}

/**
 * Locks the order, applies the intent, commits, then tells `onReview` of a review it raised: the
 * flow of the diner's re-sync, the reconciler and cancellation.
 */
export async function syncOrderWithIntent(
  db: Db,
  orderId: string,
  intent: PaymentIntentSnapshot,
  actor: Actor,
  onReview?: ReviewListener,
): Promise<SyncResult> {
  const result = await withLockedOrder(
    db,
    orderId,
    (tx, order) => applyIntentToOrder(tx, order, intent, actor),
    (): SyncResult => ({ outcome: 'unchanged', reason: 'order is gone' }),
  );
  if (result.outcome === 'needs_review') onReview?.({ orderId, reason: result.reason });
  return result;
}

/** Sends a locked pending order whose PaymentIntent Stripe does not know to review (planMissingIntent). */
export async function reviewMissingIntent(
  db: Db,
  orderId: string,
  intentId: string,
  actor: Actor,
): Promise<SyncResult> {
  return withLockedOrder(
    db,
    orderId,
    async (tx, order) => {
      const decision = planMissingIntent(order, intentId);
      if (decision.kind === 'unchanged') return { outcome: 'unchanged', reason: decision.reason };
      await writeMove(tx, order.id, decision.plan, actor);
      return resultOf(decision.plan);
    },
    (): SyncResult => ({ outcome: 'unchanged', reason: 'order is gone' }),
  );
}
