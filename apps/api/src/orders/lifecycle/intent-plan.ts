import type { PaymentStatus } from '@repo/contracts';
import type { PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Order, OrderUpdate } from '../../platform/db/schema.ts';
import { flagMismatch, foreignPayment, reconcile } from './intent-review.ts';
import { canMoveOrder, canMovePayment } from './machine.ts';
import type { IntentDecision, Step } from './plan.ts';

export { planMissingIntent, reconcile } from './intent-review.ts';
export type { IntentDecision, MovePlan } from './plan.ts';

/** Before the order is confirmed: payment, or (manual acceptance) the restaurant, still to come. */
const awaitingConfirmation = (order: Order) =>
  order.status === 'pending_payment' || order.status === 'awaiting_acceptance';

function succeeded(order: Order, intent: PaymentIntentSnapshot, now: Date): IntentDecision | Step {
  if (order.payment_status === 'canceled') {
    // Stripe never takes money through an intent it canceled: the order was cancelled while Stripe
    // did not know its intent (a key from another account). The money needs a person to refund it
    // (in the Dashboard: the order is not paid here), and the amount received says how much.
    return flagMismatch(
      order,
      `PaymentIntent ${intent.id} took ${intent.amountReceived} ${intent.currency} after this order's payment was canceled`,
      intent,
      { ownIntent: true },
    );
  }
  const movesPayment =
    order.payment_status !== 'succeeded' && canMovePayment(order.payment_status, 'succeeded');
  // A capture this API made takes what the acceptance chose; any other takes the whole total.
  const mismatch = reconcile(order, intent, 'amount_received', order.capture_amount ?? order.total);
  if (mismatch) {
    if (order.status === 'needs_review' || !canMoveOrder(order.status, 'needs_review'))
      return { kind: 'unchanged', reason: mismatch };
    return {
      type: 'payment_mismatch',
      changes: {
        status: 'needs_review',
        review_reason: mismatch,
        amount_received: intent.amountReceived,
        ...(movesPayment ? { payment_status: 'succeeded' } : {}),
      },
      reviewReason: mismatch,
      detail: { reason: mismatch },
    };
  }
  if (!movesPayment && !awaitingConfirmation(order))
    return { kind: 'unchanged', reason: 'already past succeeded' };
  const changes: OrderUpdate = {
    amount_received: intent.amountReceived,
    last_payment_error: null,
    ...(movesPayment ? { payment_status: 'succeeded' } : {}),
  };
  if (!awaitingConfirmation(order)) return { type: 'payment_succeeded', changes };
  const accepted = order.status === 'awaiting_acceptance';
  // An acceptance begun here set the ready time it promised; a capture made elsewhere did not.
  const readyTimeSet = order.scheduled_time !== null || (accepted && order.capture_amount !== null);
  return {
    type: accepted ? 'accepted' : 'payment_succeeded',
    changes: {
      ...changes,
      status: 'confirmed',
      confirmed_at: now,
      ...(accepted ? { accepted_at: now } : {}),
      ...(order.scheduled_time ? { estimated_ready_at: order.scheduled_time } : {}),
    },
    readyAfterPrep: !readyTimeSet,
    jobs: ['confirmation_email', 'pos_handoff'],
    detail: accepted ? { captured: intent.amountReceived, authorized: order.total } : null,
  };
}

/**
 * Stripe holds the authorization of a manually accepted order: it waits for the restaurant, with
 * a deadline, once the hold matches the order (invariant 3 as for a payment).
 */
function authorized(order: Order, intent: PaymentIntentSnapshot, now: Date): IntentDecision | Step {
  if (order.status !== 'pending_payment' || !canMovePayment(order.payment_status, 'authorized'))
    return { kind: 'unchanged', reason: `order is ${order.status}, payment ${order.payment_status}` };
  const mismatch = reconcile(order, intent, 'amount_capturable');
  if (mismatch)
    return {
      type: 'payment_mismatch',
      changes: { status: 'needs_review', review_reason: mismatch },
      reviewReason: mismatch,
      detail: { reason: mismatch },
    };
  return {
    type: 'payment_authorized',
    changes: {
      status: 'awaiting_acceptance',
      payment_status: 'authorized',
      authorized_at: now,
      last_payment_error: null,
    },
    deadlineAfterWindow: true,
    detail: { amount_capturable: intent.amountCapturable },
  };
}

/** The reason recorded for an order the reconciler gave up on (it cancels the intent as `abandoned`). */
export const ABANDONED = 'abandoned: not paid in time';

/**
 * Why a cancellation the order did not note itself happened, from the intent alone, so it is the
 * same whether the canceling call's answer or the webhook is applied first.
 */
function cancelReasonOf(intent: PaymentIntentSnapshot): string {
  switch (intent.cancellationReason) {
    case 'abandoned':
      return ABANDONED;
    case 'expired':
    case 'automatic':
      // Stripe let the card authorization lapse (`automatic` before its 2025-03-31 API version).
      return 'authorization expired at Stripe';
    default:
      return 'payment canceled';
  }
}

function step(
  order: Order,
  intent: PaymentIntentSnapshot,
  now: Date,
  newerEvent: boolean,
): IntentDecision | Step {
  const moves = (to: PaymentStatus) =>
    order.payment_status !== to && canMovePayment(order.payment_status, to);
  switch (intent.status) {
    case 'succeeded':
      return succeeded(order, intent, now);
    case 'processing':
      if (!moves('processing')) return { kind: 'unchanged', reason: `payment is ${order.payment_status}` };
      return { type: 'payment_processing', changes: { payment_status: 'processing' } };
    case 'requires_payment_method':
      if (!intent.lastPaymentError) return { kind: 'unchanged', reason: 'awaiting a payment method' };
      // The same decline seen again (a re-sync, or an event no newer than the last) changes nothing;
      // the same wording in a newer event, or after a retry that was processing, is a new decline.
      if (
        !canMovePayment(order.payment_status, 'failed') ||
        (order.payment_status === 'failed' &&
          order.last_payment_error === intent.lastPaymentError &&
          !newerEvent)
      ) {
        return { kind: 'unchanged', reason: `payment is ${order.payment_status}` };
      }
      return {
        type: 'payment_failed',
        changes: {
          payment_status: 'failed',
          last_payment_error: intent.lastPaymentError,
          last_payment_error_code: intent.lastPaymentErrorCode,
        },
        detail: { error: intent.lastPaymentError },
      };
    case 'canceled': {
      if (!moves('canceled') || !awaitingConfirmation(order))
        return { kind: 'unchanged', reason: `payment is ${order.payment_status}` };
      // An authorization released (rejected by the restaurant, not accepted in time, or lapsed at
      // Stripe): the diner hears that the restaurant could not take the order.
      const rejected = order.status === 'awaiting_acceptance';
      return {
        type: rejected ? 'rejected' : 'payment_canceled',
        changes: {
          payment_status: 'canceled',
          status: 'cancelled',
          cancelled_at: now,
          cancel_reason: order.cancel_reason ?? cancelReasonOf(intent),
        },
        jobs: rejected ? ['rejection_email'] : [],
      };
    }
    case 'requires_capture':
      return authorized(order, intent, now);
    case 'requires_action':
    case 'requires_confirmation':
      if (order.payment_intent_status === intent.status || order.status !== 'pending_payment') {
        return { kind: 'unchanged', reason: `intent is ${intent.status}` };
      }
      return { type: `payment_${intent.status}`, changes: {} };
    default: {
      const unreachable: never = intent.status;
      return { kind: 'unchanged', reason: `unknown status ${String(unreachable)}` };
    }
  }
}

/** States an intent can leave again: of these, only the latest one Stripe reported may stand. */
const PASSING: ReadonlySet<PaymentIntentSnapshot['status']> = new Set([
  'processing',
  'requires_payment_method',
  'requires_action',
  'requires_confirmation',
  'requires_capture',
]);

/**
 * Decides how a locked order moves to match its PaymentIntent. Pure: transitions only move forward,
 * so the same state applied twice, or a late event, decides `unchanged`. `eventCreatedAt` is when
 * Stripe created the event carrying the snapshot (none for a snapshot just read from Stripe): a
 * passing state older than the latest event applied is stale (success and cancellation are final,
 * and the forward-only moves already order them).
 */
export function planIntentTransition(
  order: Order,
  intent: PaymentIntentSnapshot,
  now = new Date(),
  eventCreatedAt?: Date,
): IntentDecision {
  if (order.payment_intent_id && order.payment_intent_id !== intent.id) {
    return intent.status === 'succeeded'
      ? foreignPayment(order, intent)
      : { kind: 'unchanged', reason: `PaymentIntent ${intent.id} is not this order's` };
  }
  const latest = order.payment_event_at;
  if (eventCreatedAt && latest && eventCreatedAt < latest && PASSING.has(intent.status)) {
    return { kind: 'unchanged', reason: `a newer event (${latest.toISOString()}) was applied` };
  }
  const newerEvent = eventCreatedAt !== undefined && (!latest || eventCreatedAt > latest);
  const decided = step(order, intent, now, newerEvent);
  if ('kind' in decided) {
    // Repeating a passing state the order is in, it still outdates any older event.
    if (decided.kind === 'unchanged' && newerEvent && PASSING.has(intent.status))
      return { ...decided, eventAt: eventCreatedAt };
    return decided;
  }
  const changes: OrderUpdate = {
    ...decided.changes,
    payment_intent_id: intent.id,
    payment_intent_status: intent.status,
    ...(newerEvent ? { payment_event_at: eventCreatedAt } : {}),
  };
  return {
    kind: 'move',
    plan: {
      type: decided.type,
      changes,
      readyAfterPrep: decided.readyAfterPrep ?? false,
      deadlineAfterWindow: decided.deadlineAfterWindow ?? false,
      jobs: decided.jobs ?? [],
      status: changes.status ?? order.status,
      paymentStatus: changes.payment_status ?? order.payment_status,
      detail: decided.detail ?? null,
      reviewReason: decided.reviewReason ?? null,
    },
  };
}
