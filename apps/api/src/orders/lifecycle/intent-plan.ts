import type { OrderStatus, PaymentStatus, TimelineEntryType } from '@repo/contracts';
import type { PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Order, OrderJobKind, OrderUpdate } from '../../platform/db/schema.ts';
import { canMoveOrder, canMovePayment } from './machine.ts';

/** What one move does to an order: decided by a pure planner, written in one statement. */
export interface MovePlan {
  /** The timeline entry the move writes, e.g. `payment_succeeded`. */
  type: TimelineEntryType;
  changes: OrderUpdate;
  /** Confirmation without a scheduled time: ready = now + the restaurant's prep time. */
  readyAfterPrep: boolean;
  /** Post-payment work staged with the change (outbox). */
  jobs: OrderJobKind[];
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  detail: Record<string, unknown> | null;
  /** Set when the payment does not match the order (invariant 3). */
  reviewReason: string | null;
}

export type IntentDecision =
  /** `eventAt`: a newer event that changes nothing still moves the order's event clock. */
  { kind: 'unchanged'; reason: string; eventAt?: Date } | { kind: 'move'; plan: MovePlan };

/** A step's own part of a plan; planIntentTransition completes it. */
type Step = Partial<MovePlan> & Pick<MovePlan, 'type' | 'changes'>;

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
  const mismatch = reconcile(order, intent);
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
  if (!movesPayment && order.status !== 'pending_payment')
    return { kind: 'unchanged', reason: 'already past succeeded' };
  const changes: OrderUpdate = {
    amount_received: intent.amountReceived,
    last_payment_error: null,
    ...(movesPayment ? { payment_status: 'succeeded' } : {}),
  };
  if (order.status !== 'pending_payment') return { type: 'payment_succeeded', changes };
  return {
    type: 'payment_succeeded',
    changes: {
      ...changes,
      status: 'confirmed',
      confirmed_at: now,
      ...(order.scheduled_time ? { estimated_ready_at: order.scheduled_time } : {}),
    },
    readyAfterPrep: !order.scheduled_time,
    jobs: ['confirmation_email', 'pos_handoff'],
  };
}

/** The reason recorded for an order the reconciler gave up on (it cancels the intent as `abandoned`). */
export const ABANDONED = 'abandoned: not paid in time';

/**
 * Why a cancellation the order did not note itself happened, from the intent alone, so it is the
 * same whether the canceling call's answer or the webhook is applied first.
 */
function cancelReasonOf(intent: PaymentIntentSnapshot): string {
  return intent.cancellationReason === 'abandoned' ? ABANDONED : 'payment canceled';
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
        changes: { payment_status: 'failed', last_payment_error: intent.lastPaymentError },
        detail: { error: intent.lastPaymentError },
      };
    case 'canceled':
      if (!moves('canceled') || order.status !== 'pending_payment')
        return { kind: 'unchanged', reason: `payment is ${order.payment_status}` };
      return {
        type: 'payment_canceled',
        changes: {
          payment_status: 'canceled',
          status: 'cancelled',
          cancelled_at: now,
          cancel_reason: order.cancel_reason ?? cancelReasonOf(intent),
        },
      };
    case 'requires_action':
    case 'requires_confirmation':
    case 'requires_capture':
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
 * Flags an order for a person (invariant 3) without touching its payment status: a
 * `payment_mismatch` timeline entry and `review_reason`, `status` when it moves (an unpaid order to
 * needs_review), and the amount received when the money came through the order's own intent. The
 * same reason twice changes nothing.
 */
function flagMismatch(
  order: Order,
  reason: string,
  intent: PaymentIntentSnapshot,
  { status = order.status, ownIntent = false }: { status?: OrderStatus; ownIntent?: boolean } = {},
): IntentDecision {
  if (order.review_reason === reason) return { kind: 'unchanged', reason };
  return {
    kind: 'move',
    plan: {
      type: 'payment_mismatch',
      changes: {
        review_reason: reason,
        ...(status !== order.status ? { status } : {}),
        ...(ownIntent ? { amount_received: intent.amountReceived } : {}),
      },
      readyAfterPrep: false,
      jobs: [],
      status,
      paymentStatus: order.payment_status,
      detail: { reason, payment_intent_id: intent.id, amount_received: intent.amountReceived },
      reviewReason: reason,
    },
  };
}

/**
 * Money taken for this order through a PaymentIntent that is not the order's own (a second charge,
 * or one made outside this API): the order keeps its own payment and is flagged for a person to
 * refund or settle (invariant 3). An unpaid order is not confirmed by it: it goes to needs_review.
 * An order past payment keeps its status (the kitchen still gets a paid order) and gets the flag.
 */
function foreignPayment(order: Order, intent: PaymentIntentSnapshot): IntentDecision {
  const reason = `PaymentIntent ${intent.id} took ${intent.amountReceived} ${intent.currency} for this order, whose payment is ${order.payment_intent_id}`;
  return flagMismatch(order, reason, intent, {
    status: order.status === 'pending_payment' ? 'needs_review' : order.status,
  });
}

/**
 * Stripe does not know the order's PaymentIntent (its test data was deleted, or the key is another
 * account's), so no payment can reach the order through it: an unpaid order goes to needs_review for
 * a person to cancel or settle. Anything else, or an order that has another intent now, is unchanged.
 */
export function planMissingIntent(order: Order, intentId: string): IntentDecision {
  if (order.payment_intent_id !== intentId)
    return { kind: 'unchanged', reason: `PaymentIntent ${intentId} is not this order's` };
  if (order.status !== 'pending_payment') return { kind: 'unchanged', reason: `order is ${order.status}` };
  const reason = `Stripe does not know PaymentIntent ${intentId} (test data deleted, or a key from another account)`;
  return {
    kind: 'move',
    plan: {
      type: 'payment_intent_missing',
      changes: { status: 'needs_review', review_reason: reason },
      readyAfterPrep: false,
      jobs: [],
      status: 'needs_review',
      paymentStatus: order.payment_status,
      detail: { payment_intent_id: intentId },
      reviewReason: reason,
    },
  };
}

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
      jobs: decided.jobs ?? [],
      status: changes.status ?? order.status,
      paymentStatus: changes.payment_status ?? order.payment_status,
      detail: decided.detail ?? null,
      reviewReason: decided.reviewReason ?? null,
    },
  };
}
