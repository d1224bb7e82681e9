import { z } from 'zod';

/** Where the order is in the restaurant's workflow. See ARCHITECTURE.md "Order state". */
export const OrderStatus = z.enum(['pending_payment', 'confirmed', 'completed', 'cancelled', 'needs_review']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Where the order's money is. Only moves forward. */
export const PaymentStatus = z.enum([
  'requires_payment',
  'processing',
  'succeeded',
  'partially_refunded',
  'refunded',
  'failed',
  'canceled',
]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const OrderType = z.enum(['pickup', 'delivery']);
export type OrderType = z.infer<typeof OrderType>;

export const RefundStatus = z.enum(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);
export type RefundStatus = z.infer<typeof RefundStatus>;

/** Stripe's refund reasons. */
export const RefundReason = z.enum(['requested_by_customer', 'duplicate', 'fraudulent']);
export type RefundReason = z.infer<typeof RefundReason>;
