import { z } from 'zod';
import { Currency, MinorUnits } from './money.ts';
import { OrderCoreFields, storableText } from './order.ts';
import { StaffRole } from './staff.ts';
import {
  KitchenStatus,
  OrderStatus,
  OrderType,
  PaymentStatus,
  RefundReason,
  RefundStatus,
  TimelineEntryType,
} from './status.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/** `GET /api/clients/:slug/orders` query: filters and an opaque cursor. Unknown parameters are refused. */
export const OrderListQuery = z.strictObject({
  status: OrderStatus.optional(),
  payment_status: PaymentStatus.optional(),
  /** `true`: only orders flagged for a person (`review_reason` set), whatever their status; `false`: only the others. */
  flagged: z.enum(['true', 'false']).optional(),
  /**
   * Search: an order number (`1042` or `#1042`) finds that order; any other text finds orders whose
   * customer name or email contains it, ignoring case.
   */
  q: z.string().trim().min(1).max(100).optional(),
  /** Inclusive lower bound on created_at. */
  created_from: isoDateTime.optional(),
  /** Exclusive upper bound on created_at. */
  created_to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** `next_cursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor from this API')
    .optional(),
});

/** `POST …/orders/:orderId/refunds`. Omit `amount` to refund everything still refundable. */
export const CreateRefundRequest = z.strictObject({
  amount: z.number().int().min(1).max(99_999_999).optional(),
  reason: RefundReason,
  note: storableText(500).optional(),
});

/** `POST …/orders/:orderId/cancel`. */
export const CancelOrderRequest = z.strictObject({
  reason: storableText(500, 1),
});

/** `POST …/orders/:orderId/accept`: capture the authorization (all, or less) and confirm. */
export const AcceptOrderRequest = z.strictObject({
  /** When the order will be ready, from now; the restaurant's preparation time when omitted. */
  ready_in_minutes: z.number().int().min(1).max(240).optional(),
  /** Capture less than authorized (an item ran out): the rest is released, with no refund. */
  amount_to_capture: z.number().int().min(1).max(99_999_999).optional(),
});

/** `POST …/orders/:orderId/reject`: release the authorization; the diner is not charged. */
export const RejectOrderRequest = z.strictObject({
  reason: storableText(500, 1),
});

/** `POST …/orders/:orderId/status`: the kitchen's next step, forward only (skipping is allowed). */
export const KitchenStatusRequest = z.strictObject({
  status: KitchenStatus,
});

/**
 * Who caused a change: the diner, Stripe (event id), an operator key (its prefix), a staff member
 * signed in to the console (their id, with `name` and `role`), or the system.
 */
export const Actor = z.object({
  type: z.enum(['diner', 'stripe', 'operator', 'staff', 'system']),
  id: z.string().nullable(),
  /** The staff member's name; present only when `type` is `staff`. */
  name: z.string().optional(),
  /** The staff member's role; present only when `type` is `staff`. */
  role: StaffRole.optional(),
});

/** One row of the refund ledger. */
export const RefundView = z.object({
  id: z.uuid(),
  order_id: z.uuid(),
  stripe_refund_id: z.string().nullable(),
  amount: MinorUnits,
  currency: Currency,
  status: RefundStatus,
  reason: z.string().nullable(),
  note: z.string().nullable(),
  failure_reason: z.string().nullable(),
  actor: Actor,
  created_at: isoDateTime,
  updated_at: isoDateTime,
});

export const OrderSummary = z.object({
  order_id: z.uuid(),
  order_number: z.number().int(),
  status: OrderStatus,
  payment_status: PaymentStatus,
  order_type: OrderType,
  customer_name: z.string(),
  total: MinorUnits,
  amount_received: MinorUnits,
  amount_refunded: MinorUnits,
  currency: Currency,
  scheduled_time: isoDateTime.nullable(),
  /** Until when a manual-acceptance restaurant may accept it; null otherwise. */
  acceptance_deadline: isoDateTime.nullable(),
  /** When the kitchen expects it ready; null until the order is confirmed. */
  estimated_ready_at: isoDateTime.nullable(),
  /** Why the order is flagged for a person; null when it is not. */
  review_reason: z.string().nullable(),
  created_at: isoDateTime,
});

export const OrderList = z.object({
  data: z.array(OrderSummary),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});

export const OperatorOrderView = z.object({
  ...OrderCoreFields,
  customer: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
  delivery_address: z
    .object({
      line1: z.string(),
      line2: z.string().nullish(),
      city: z.string(),
      region: z.string().nullish(),
      postal_code: z.string(),
      instructions: z.string().nullish(),
    })
    .nullable(),
  special_instructions: z.string().nullable(),
  scheduled_time: isoDateTime.nullable(),
  estimated_ready_at: isoDateTime.nullable(),
  payment: z.object({
    payment_intent_id: z.string().nullable(),
    payment_intent_status: z.string().nullable(),
    status: PaymentStatus,
    amount_received: MinorUnits,
    amount_refunded: MinorUnits,
    /** Received minus refunds that are not failed or canceled. */
    refundable_amount: MinorUnits,
    last_error: z.string().nullable(),
    livemode: z.boolean(),
  }),
  refunds: z.array(RefundView),
  flags: z.object({
    dispute_status: z.string().nullable(),
    needs_review: z.boolean(),
    review_reason: z.string().nullable(),
  }),
  jobs: z.array(
    z.object({
      kind: z.string(),
      ref: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      last_error: z.string().nullable(),
      updated_at: isoDateTime,
    }),
  ),
  timeline: z.array(
    z.object({
      at: isoDateTime,
      type: TimelineEntryType,
      status: OrderStatus.nullable(),
      payment_status: PaymentStatus.nullable(),
      actor: Actor,
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  created_at: isoDateTime,
  confirmed_at: isoDateTime.nullable(),
  acceptance_deadline: isoDateTime.nullable(),
  accepted_at: isoDateTime.nullable(),
  preparing_at: isoDateTime.nullable(),
  ready_at: isoDateTime.nullable(),
  completed_at: isoDateTime.nullable(),
  cancelled_at: isoDateTime.nullable(),
  cancel_reason: z.string().nullable(),
});

export type OrderListQuery = z.output<typeof OrderListQuery>;
export type CreateRefundRequest = z.input<typeof CreateRefundRequest>;
export type ParsedCreateRefundRequest = z.output<typeof CreateRefundRequest>;
export type CancelOrderRequest = z.infer<typeof CancelOrderRequest>;
export type AcceptOrderRequest = z.infer<typeof AcceptOrderRequest>;
export type RejectOrderRequest = z.infer<typeof RejectOrderRequest>;
export type KitchenStatusRequest = z.infer<typeof KitchenStatusRequest>;
export type Actor = z.infer<typeof Actor>;
export type RefundView = z.infer<typeof RefundView>;
export type OrderSummary = z.infer<typeof OrderSummary>;
export type OrderList = z.infer<typeof OrderList>;
export type OperatorOrderView = z.infer<typeof OperatorOrderView>;
