import { z } from 'zod';

/** Where the order is in the restaurant's workflow. See docs/order-lifecycle.md. */
export const OrderStatus = z.enum([
  'pending_payment',
  'awaiting_acceptance',
  'confirmed',
  'preparing',
  'ready',
  'completed',
  'cancelled',
  'needs_review',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Where the order's money is. Only moves forward. */
export const PaymentStatus = z.enum([
  'requires_payment',
  'processing',
  /** Held on the card, captured when the restaurant accepts the order. */
  'authorized',
  'succeeded',
  'partially_refunded',
  'refunded',
  'failed',
  'canceled',
]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const OrderType = z.enum(['pickup', 'delivery']);

/** The kitchen's own steps, in order, after an order is confirmed. */
export const KitchenStatus = z.enum(['preparing', 'ready', 'completed']);
export type KitchenStatus = z.infer<typeof KitchenStatus>;

/**
 * How a restaurant takes orders: `automatic` confirms and charges at payment; `manual` holds the
 * amount on the card until staff accept the order (captured then) or reject it (released, no fee).
 */
export const OrderAcceptance = z.enum(['automatic', 'manual']);
export type OrderAcceptance = z.infer<typeof OrderAcceptance>;
export type OrderType = z.infer<typeof OrderType>;

export const RefundStatus = z.enum(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);
export type RefundStatus = z.infer<typeof RefundStatus>;

/** Stripe's refund reasons. */
export const RefundReason = z.enum(['requested_by_customer', 'duplicate', 'fraudulent']);
export type RefundReason = z.infer<typeof RefundReason>;

/**
 * Every kind of entry on an order's timeline: each state change, with who caused it, and each
 * thing a person should know about (a dead job, money left on a cancelled order).
 */
export const TimelineEntryType = z.enum([
  'created',
  'payment_processing',
  'payment_requires_action',
  'payment_requires_confirmation',
  'payment_authorized',
  'payment_succeeded',
  'payment_failed',
  'payment_canceled',
  'payment_mismatch',
  'payment_intent_missing',
  'cancel_requested',
  'cancel_abandoned',
  'cancelled',
  'accept_requested',
  'accept_abandoned',
  'accepted',
  'rejected',
  'preparing',
  'ready',
  'completed',
  'refund_requested',
  'refund_refused',
  'refund_imported',
  'refund_pending',
  'refund_requires_action',
  'refund_succeeded',
  'refund_failed',
  'refund_canceled',
  'refund_mismatch',
  'refund_failed_after_cancel',
  'refund_covered_after_cancel',
  'charge_dispute_created',
  'charge_dispute_updated',
  'charge_dispute_closed',
  'charge_dispute_funds_withdrawn',
  'charge_dispute_funds_reinstated',
  'job_dead',
]);
export type TimelineEntryType = z.infer<typeof TimelineEntryType>;
