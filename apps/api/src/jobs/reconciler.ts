import { resendRefund } from '../orders/lifecycle/cancellation.ts';
import {
  reviewLogger,
  reviewMissingIntent,
  type SyncResult,
  syncOrderWithIntent,
} from '../orders/lifecycle/payment-sync.ts';
import { findRefundsToResend } from '../orders/lifecycle/refund-ledger.ts';
import { rejectOrder } from '../orders/lifecycle/rejection.ts';
import {
  claimStaleOrders,
  clearIntentMissing,
  findExpiringAuthorizations,
  noteIntentMissing,
  type StaleOrder,
} from '../orders/lifecycle/stale-orders.repository.ts';
import {
  type PaymentGateway,
  PaymentIntentMissingError,
  type PaymentIntentSnapshot,
} from '../payments/payment-gateway.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { flagUnflaggedDeadJobs } from './dead-jobs.ts';

export interface ReconcilerDeps {
  db: Db;
  payments: PaymentGateway;
  logger: Logger;
  config: Pick<Config, 'RECONCILE_PENDING_AFTER_MINUTES' | 'ABANDONED_ORDER_TTL_MINUTES'>;
}

export interface ReconcileReport {
  checked: number;
  /** Orders the run moved, with the change applied (payment_succeeded, payment_canceled, …). */
  changed: { orderId: string; change: string }[];
  /** PaymentIntents canceled because their order was abandoned. */
  canceled: number;
  flaggedJobs: number;
  /** Refunds an outage had left unsent, now sent to Stripe. */
  resentRefunds: number;
  errors: number;
}

// Not requires_capture: an authorization waits for the restaurant, and is applied, not abandoned.
const CANCELABLE = new Set<PaymentIntentSnapshot['status']>([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
]);
const ACTOR = { actorType: 'system', actorId: 'reconciler' } as const;
const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

function apply(db: Db, orderId: string, intent: PaymentIntentSnapshot): Promise<SyncResult> {
  return syncOrderWithIntent(db, orderId, intent, ACTOR);
}

/**
 * Cancels an abandoned order's PaymentIntent as `abandoned` (the order's reason then comes from
 * Stripe, whichever of this answer and the webhook lands first); if the diner paid meanwhile,
 * applies that instead.
 */
async function cancelAbandoned(deps: ReconcilerDeps, orderId: string, intent: PaymentIntentSnapshot) {
  try {
    const canceled = await deps.payments.cancelPaymentIntent(
      intent.id,
      `order-${orderId}-abandoned-cancel`,
      'abandoned',
    );
    return {
      result: await apply(deps.db, orderId, canceled),
      canceled: canceled.status === 'canceled',
    };
  } catch (error) {
    deps.logger.warn({ err: error, orderId }, 'cancel of an abandoned PaymentIntent failed; re-syncing it');
    const current = await deps.payments.retrievePaymentIntent(intent.id);
    return { result: await apply(deps.db, orderId, current), canceled: false };
  }
}

/**
 * Re-reads one stale order's PaymentIntent and applies it, canceling it first if the order was
 * abandoned. An intent Stripe has not known for a day (counted from the first pass that found it
 * missing) is flagged for a person instead of failing every pass: it will not appear later.
 */
async function resync(
  deps: ReconcilerDeps,
  order: StaleOrder,
  intentId: string,
  now: Date,
  limits: { abandonedBefore: Date; missingBefore: Date },
): Promise<{ result: SyncResult; canceled: boolean }> {
  let intent: PaymentIntentSnapshot;
  try {
    intent = await deps.payments.retrievePaymentIntent(intentId);
  } catch (error) {
    if (!(error instanceof PaymentIntentMissingError)) throw error;
    const since = await noteIntentMissing(deps.db, order.id, intentId, now);
    if (!since || since > limits.missingBefore) throw error;
    return { result: await reviewMissingIntent(deps.db, order.id, intentId, ACTOR), canceled: false };
  }
  if (order.payment_intent_missing_since) await clearIntentMissing(deps.db, order.id);
  if (order.created_at < limits.abandonedBefore && CANCELABLE.has(intent.status))
    return cancelAbandoned(deps, order.id, intent);
  return { result: await apply(deps.db, order.id, intent), canceled: false };
}

/**
 * How long an order's PaymentIntent may be unknown to Stripe, from the first pass that found it so,
 * before the order goes to needs_review. A key from another account, fixed within this time, leaves
 * no order flagged.
 */
const MISSING_INTENT_REVIEW_AFTER_MINUTES = 24 * 60;

/**
 * One reconciler pass: re-syncs old pending_payment orders from Stripe (catching lost webhooks),
 * cancels the PaymentIntents of abandoned ones, and flags dead post-payment jobs. Safe to run
 * anywhere and any number of times: every change goes through the forward-only sync under the lock.
 */
export async function runReconciler(deps: ReconcilerDeps, now = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    checked: 0,
    changed: [],
    canceled: 0,
    flaggedJobs: 0,
    resentRefunds: 0,
    errors: 0,
  };
  const abandonedBefore = minutesBefore(now, deps.config.ABANDONED_ORDER_TTL_MINUTES);
  const pendingAfter = deps.config.RECONCILE_PENDING_AFTER_MINUTES;
  const stale = await claimStaleOrders(
    deps.db,
    deps.payments.livemode,
    minutesBefore(now, Math.min(pendingAfter, deps.config.ABANDONED_ORDER_TTL_MINUTES)),
    now,
  );
  const missingBefore = minutesBefore(now, MISSING_INTENT_REVIEW_AFTER_MINUTES);
  for (const order of stale) {
    if (!order.payment_intent_id) continue;
    report.checked += 1;
    try {
      const { result, canceled } = await resync(deps, order, order.payment_intent_id, now, {
        abandonedBefore,
        missingBefore,
      });
      if (canceled) report.canceled += 1;
      if (result.outcome === 'needs_review') {
        // A mismatch, or an intent Stripe has not known for a day: for a person, and for the alerts.
        reviewLogger(deps.logger, { paymentIntentId: order.payment_intent_id })({
          orderId: order.id,
          reason: result.reason,
        });
      }
      if (result.outcome !== 'unchanged') {
        report.changed.push({
          orderId: order.id,
          change: result.outcome === 'applied' ? result.change : 'needs_review',
        });
      }
    } catch (error) {
      report.errors += 1;
      deps.logger.error({ err: error, orderId: order.id }, 'reconciler could not re-sync an order');
    }
  }
  await resendUnsentRefunds(deps, now, report);
  await releaseExpiringAuthorizations(deps, now, report);
  report.flaggedJobs = await flagUnflaggedDeadJobs(deps.db, deps.logger);
  deps.logger.info(
    { ...report, changed: report.changed.length, changes: report.changed },
    `reconciler: checked ${report.checked} pending order(s), changed ${report.changed.length}, canceled ${report.canceled}, resent ${report.resentRefunds} refund(s), flagged ${report.flaggedJobs} dead job(s), ${report.errors} error(s)`,
  );
  return report;
}

/**
 * A refund whose Stripe call an outage interrupted holds its amount as `pending` with no Stripe id.
 * Its Stripe idempotency key is derived from the row, so sending it again can never pay out twice.
 * If it was a cancellation's refund, the cancellation is finished once the order is fully refunded.
 */
async function resendUnsentRefunds(deps: ReconcilerDeps, now: Date, report: ReconcileReport): Promise<void> {
  // Older than any request still holding it (the idempotency lock).
  const unsent = await findRefundsToResend(deps.db, minutesBefore(now, 2), 100);
  for (const refund of unsent) {
    try {
      const cancelled = await resendRefund(deps.db, deps.payments, refund, ACTOR, reviewLogger(deps.logger));
      report.resentRefunds += 1;
      if (cancelled) report.changed.push({ orderId: refund.order_id, change: 'cancelled' });
    } catch (error) {
      report.errors += 1;
      deps.logger.error(
        { err: error, refundId: refund.id, orderId: refund.order_id },
        'reconciler could not send a pending refund',
      );
    }
  }
}

/**
 * Stripe lets a card authorization lapse after about 7 days. One still waiting for the restaurant
 * after 6 is released now, so the diner is told while the order can still be reasoned about; one
 * Stripe no longer knows goes to a person.
 */
async function releaseExpiringAuthorizations(
  deps: ReconcilerDeps,
  now: Date,
  report: ReconcileReport,
): Promise<void> {
  const onReview = reviewLogger(deps.logger);
  for (const orderId of await findExpiringAuthorizations(deps.db, minutesBefore(now, 6 * 24 * 60), 100)) {
    try {
      await rejectOrder(deps.db, deps.payments, orderId, 'authorization expiring', ACTOR, null, onReview);
      report.changed.push({ orderId, change: 'rejected' });
    } catch (error) {
      if (error instanceof PaymentIntentMissingError) {
        const result = await reviewMissingIntent(deps.db, orderId, error.paymentIntentId, ACTOR);
        if (result.outcome === 'needs_review') {
          onReview({ orderId, reason: result.reason });
          report.changed.push({ orderId, change: 'needs_review' });
        }
        continue;
      }
      report.errors += 1;
      deps.logger.error({ err: error, orderId }, 'reconciler could not release an expiring authorization');
    }
  }
}
