import type { OrderStatus, PaymentStatus } from '@repo/contracts';

const ORDER_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['confirmed', 'cancelled', 'needs_review'],
  confirmed: ['completed', 'cancelled', 'needs_review'],
  needs_review: ['cancelled', 'confirmed'],
  completed: [],
  cancelled: [],
};

const PAYMENT_MOVES: Record<PaymentStatus, readonly PaymentStatus[]> = {
  requires_payment: ['processing', 'failed', 'succeeded', 'canceled'],
  processing: ['failed', 'succeeded', 'canceled'],
  failed: ['processing', 'failed', 'succeeded', 'canceled'],
  succeeded: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  canceled: [],
};

/** Transitions only move forward: a late failure never undoes a success. */
export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_MOVES[from].includes(to);
}

export function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_MOVES[from].includes(to);
}

/** Nothing will change without a person: what the confirmation page waits for. */
export function isFinalForDiner(status: OrderStatus, payment: PaymentStatus): boolean {
  return status !== 'pending_payment' || payment === 'failed' || payment === 'canceled';
}

/** Money arrived: refunds and cancellations by refund are possible. */
export function isPaid(payment: PaymentStatus): boolean {
  return payment === 'succeeded' || payment === 'partially_refunded';
}
