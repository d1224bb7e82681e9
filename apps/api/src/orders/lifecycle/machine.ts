import type { KitchenStatus, OrderStatus, PaymentStatus, RefundStatus } from '@repo/contracts';
import type { Order } from '../../platform/db/schema.ts';

/**
 * The order's state machine as tables: which status may follow which. Every write of an order's
 * state in `lifecycle/` checks its move here, and docs/order-lifecycle.md is generated from these
 * tables, so the drawing and the code cannot disagree.
 */
export const ORDER_MOVES: { readonly [From in OrderStatus]: readonly OrderStatus[] } = {
  pending_payment: ['awaiting_acceptance', 'confirmed', 'cancelled', 'needs_review'],
  awaiting_acceptance: ['confirmed', 'cancelled', 'needs_review'],
  confirmed: ['preparing', 'ready', 'completed', 'cancelled', 'needs_review'],
  preparing: ['ready', 'completed', 'cancelled'],
  ready: ['completed'],
  needs_review: ['cancelled'],
  completed: [],
  cancelled: [],
};

/** The kitchen's steps in order: a move goes forward, and may skip a step. */
const KITCHEN_ORDER: readonly OrderStatus[] = ['confirmed', 'preparing', 'ready', 'completed'];

/**
 * How a kitchen command meets an order: it moves it forward, finds it there already, would take it
 * back, or finds an order the kitchen does not have (not accepted, cancelled, in review).
 */
export function kitchenMove(
  from: OrderStatus,
  to: KitchenStatus,
): 'forward' | 'already' | 'backward' | 'not-kitchen' {
  const at = KITCHEN_ORDER.indexOf(from);
  if (at === -1) return 'not-kitchen';
  const target = KITCHEN_ORDER.indexOf(to);
  if (target === at) return 'already';
  return target > at && canMoveOrder(from, to) ? 'forward' : 'backward';
}

type PaymentMoves = { readonly [From in PaymentStatus]: readonly PaymentStatus[] };

/**
 * Where the money may go, by what moves it. The PaymentIntent (or a cancellation) moves it forward
 * only: a late failure never undoes a success, but a decline leaves the diner free to pay again
 * (failed → processing or succeeded), and a new decline after one is a move of its own. Refunds
 * move a paid order between succeeded, partially_refunded and refunded, both ways: a refund that
 * Stripe fails after reporting success gives the money back to the restaurant.
 */
export const PAYMENT_MOVES: { readonly payment: PaymentMoves; readonly refunds: PaymentMoves } = {
  payment: {
    requires_payment: ['processing', 'authorized', 'failed', 'succeeded', 'canceled'],
    processing: ['authorized', 'failed', 'succeeded', 'canceled'],
    failed: ['processing', 'authorized', 'failed', 'succeeded', 'canceled'],
    // Captured when the restaurant accepts the order; released when it rejects it or lets it lapse.
    authorized: ['succeeded', 'canceled'],
    succeeded: [],
    partially_refunded: [],
    refunded: [],
    canceled: [],
  },
  refunds: {
    requires_payment: [],
    processing: [],
    authorized: [],
    failed: [],
    succeeded: ['partially_refunded', 'refunded'],
    partially_refunded: ['succeeded', 'partially_refunded', 'refunded'],
    refunded: ['succeeded', 'partially_refunded'],
    canceled: [],
  },
};

export type PaymentCause = keyof typeof PAYMENT_MOVES;

/**
 * A refund ledger row follows Stripe's refund. Stripe can fail a refund after reporting success
 * (the card account closed); a refusal we inferred before Stripe named the refund may still be paid.
 */
export const REFUND_MOVES: { readonly [From in RefundStatus]: readonly RefundStatus[] } = {
  pending: ['requires_action', 'succeeded', 'failed', 'canceled'],
  requires_action: ['pending', 'succeeded', 'failed', 'canceled'],
  succeeded: ['failed'],
  failed: ['succeeded'],
  canceled: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_MOVES[from].includes(to);
}

export function canMovePayment(
  from: PaymentStatus,
  to: PaymentStatus,
  cause: PaymentCause = 'payment',
): boolean {
  return PAYMENT_MOVES[cause][from].includes(to);
}

/**
 * Whether our ledger row may take the status Stripe reports for its refund. A failure Stripe
 * reported (the row carries Stripe's id) is final: only a refusal we inferred may turn into success.
 */
export function canMoveRefund(
  row: { status: RefundStatus; stripe_refund_id: string | null },
  to: RefundStatus,
) {
  if (row.status === to || !REFUND_MOVES[row.status].includes(to)) return false;
  return row.status !== 'failed' || row.stripe_refund_id === null;
}

/** Money arrived and stays with the restaurant, at least in part: refunds are possible. */
export function isPaid(payment: PaymentStatus): boolean {
  switch (payment) {
    case 'succeeded':
    case 'partially_refunded':
      return true;
    case 'requires_payment':
    case 'processing':
    case 'authorized':
    case 'failed':
    case 'refunded':
    case 'canceled':
      return false;
    default: {
      const unreachable: never = payment;
      throw new Error(`unknown payment status ${String(unreachable)}`);
    }
  }
}

/** Whether a refund in this status holds part of the money (so it is no longer refundable). */
export function refundHoldsMoney(status: RefundStatus): boolean {
  switch (status) {
    case 'pending':
    case 'requires_action':
    case 'succeeded':
      return true;
    case 'failed':
    case 'canceled':
      return false;
    default: {
      const unreachable: never = status;
      throw new Error(`unknown refund status ${String(unreachable)}`);
    }
  }
}

/**
 * The payment status a paid order's succeeded refunds give it. Unpaid statuses are left as they
 * are: refunds only ever apply to money received.
 */
export function paymentAfterRefunds(
  current: PaymentStatus,
  received: number,
  refunded: number,
): PaymentStatus {
  switch (current) {
    case 'succeeded':
    case 'partially_refunded':
    case 'refunded':
      if (refunded === 0) return 'succeeded';
      return refunded >= received ? 'refunded' : 'partially_refunded';
    case 'requires_payment':
    case 'processing':
    case 'authorized':
    case 'failed':
    case 'canceled':
      return current;
    default: {
      const unreachable: never = current;
      throw new Error(`unknown payment status ${String(unreachable)}`);
    }
  }
}

/**
 * Nothing more will happen to the order by itself: the diner's page stops following it. A payment
 * that failed waits for the diner to pay again.
 */
export function isFinalForDiner(status: OrderStatus, payment: PaymentStatus): boolean {
  switch (status) {
    case 'completed':
    case 'cancelled':
    case 'needs_review':
      return true;
    case 'pending_payment':
      return payment === 'failed' || payment === 'canceled';
    case 'awaiting_acceptance':
    case 'confirmed':
    case 'preparing':
    case 'ready':
      return false;
    default: {
      const unreachable: never = status;
      throw new Error(`unknown order status ${String(unreachable)}`);
    }
  }
}

/** Whether the diner's page should still ask Stripe: only while the payment's outcome is unknown. */
export function paymentOutcomeUnknown(order: Pick<Order, 'status' | 'payment_intent_id'>): boolean {
  return order.status === 'pending_payment' && order.payment_intent_id !== null;
}

/**
 * Where an operator's cancellation stands. A cancellation is requested (its reason noted on the
 * order, which a racing payment_intent.canceled webhook then uses) before Stripe is called, and
 * ends cancelled once the payment is canceled or refunded, or abandoned (the reason cleared).
 */
export type CancellationState = 'none' | 'requested' | 'cancelled';

export function cancellationOf(order: Pick<Order, 'status' | 'cancel_reason'>): CancellationState {
  if (order.status === 'cancelled') return 'cancelled';
  return order.cancel_reason === null ? 'none' : 'requested';
}
