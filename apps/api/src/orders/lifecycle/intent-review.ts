import type { OrderStatus } from '@repo/contracts';
import type { PaymentIntentSnapshot } from '../../payments/payment-gateway.ts';
import type { Order } from '../../platform/db/schema.ts';
import type { IntentDecision } from './plan.ts';

/**
 * Why a PaymentIntent may not confirm (or, authorized, hold) this order (invariant 3), or null when
 * it may. `amount` names the intent's amount to check: received, or held for a manual acceptance;
 * `expected` is the order's total, or what its acceptance chose to capture.
 */
export function reconcile(
  order: Order,
  intent: PaymentIntentSnapshot,
  amount: 'amount_received' | 'amount_capturable' = 'amount_received',
  expected = order.total,
): string | null {
  if (intent.orderId !== order.id) return `metadata.order_id ${intent.orderId ?? '(none)'} is not this order`;
  if (intent.currency !== order.currency)
    return `currency ${intent.currency} differs from the order's ${order.currency}`;
  const actual = amount === 'amount_received' ? intent.amountReceived : intent.amountCapturable;
  if (actual !== expected) return `${amount} ${actual} differs from the ${expected} expected`;
  if (intent.livemode !== order.livemode)
    return `livemode ${intent.livemode} differs from the order's ${order.livemode}`;
  return null;
}

/**
 * Flags an order for a person (invariant 3) without touching its payment status: a
 * `payment_mismatch` timeline entry and `review_reason`, `status` when it moves (an unpaid order to
 * needs_review), and the amount received when the money came through the order's own intent. The
 * same reason twice changes nothing.
 */
export function flagMismatch(
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
      deadlineAfterWindow: false,
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
export function foreignPayment(order: Order, intent: PaymentIntentSnapshot): IntentDecision {
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
  if (order.status !== 'pending_payment' && order.status !== 'awaiting_acceptance')
    return { kind: 'unchanged', reason: `order is ${order.status}` };
  const reason = `Stripe does not know PaymentIntent ${intentId} (test data deleted, or a key from another account)`;
  return {
    kind: 'move',
    plan: {
      type: 'payment_intent_missing',
      changes: { status: 'needs_review', review_reason: reason },
      readyAfterPrep: false,
      deadlineAfterWindow: false,
      jobs: [],
      status: 'needs_review',
      paymentStatus: order.payment_status,
      detail: { payment_intent_id: intentId },
      reviewReason: reason,
    },
  };
}
