import { z } from 'zod';
import { Currency, MinorUnits } from './money.ts';
import { OrderStatus, OrderType, PaymentStatus } from './status.ts';

/**
 * Trimmed text of `min` to `max` characters that PostgreSQL can store: text cannot hold NUL, and
 * refusing it here keeps such input a 422, not a database error. No `min` when it is 0, so the
 * OpenAPI document carries no `minLength: 0`.
 */
export const storableText = (max: number, min = 0) =>
  (min > 0 ? z.string().trim().min(min) : z.string().trim())
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
const text = (max: number) => storableText(max, 1);
const optionalText = (max: number) => storableText(max).nullish();

export const Customer = z.strictObject({
  name: text(100),
  email: z.email().max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{7,20}$/, 'must be a phone number of 7 to 20 digits'),
});

export const DeliveryAddress = z.strictObject({
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  /** State, province or county; the restaurant's country decides whether it is required. */
  region: optionalText(100),
  /** Checked against the restaurant's country when the order is placed. */
  postal_code: text(20),
  instructions: optionalText(300),
});

export const ModifierSelection = z.strictObject({
  group_id: z.uuid(),
  selections: z.array(z.uuid()).max(20),
});

export const OrderItemInput = z.strictObject({
  menu_item_id: z.uuid(),
  quantity: z.number().int().min(1).max(50),
  modifiers: z.array(ModifierSelection).max(20).default([]),
  special_instructions: optionalText(200),
});

/** `POST /api/clients/:slug/orders`. Prices are never accepted from the client. */
export const CreateOrderRequest = z
  .strictObject({
    customer: Customer,
    order_type: OrderType,
    delivery_address: DeliveryAddress.nullish(),
    /** Null means as soon as possible. */
    scheduled_time: z.iso.datetime({ offset: true }).nullish(),
    items: z.array(OrderItemInput).min(1).max(100),
    special_instructions: optionalText(500),
    /** Tip in minor units. */
    tip: MinorUnits.max(100_000).default(0),
  })
  .superRefine((order, ctx) => {
    if (order.order_type === 'delivery' && !order.delivery_address) {
      ctx.addIssue({
        code: 'custom',
        path: ['delivery_address'],
        message: 'is required for delivery orders',
      });
    }
    if (order.order_type === 'pickup' && order.delivery_address) {
      ctx.addIssue({
        code: 'custom',
        path: ['delivery_address'],
        message: 'must be empty for pickup orders',
      });
    }
  })
  .meta({ id: 'CreateOrderRequest' });

export const Amounts = z.object({
  subtotal: MinorUnits,
  tax: MinorUnits,
  tip: MinorUnits,
  delivery_fee: MinorUnits,
  total: MinorUnits,
  currency: Currency,
});

/** `201` answer to order creation: what the browser needs to confirm the payment. */
export const CreateOrderResponse = z
  .object({
    order_id: z.uuid(),
    order_number: z.number().int(),
    status: OrderStatus,
    payment_status: PaymentStatus,
    amounts: Amounts,
    /** Stripe PaymentIntent client secret, for `stripe.confirmPayment`. */
    client_secret: z.string(),
    /** Bearer of the diner's read access to this order; keep it with the checkout. */
    order_token: z.string(),
    estimated_ready_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CreateOrderResponse' });

export const OrderLineModifier = z.object({
  group_id: z.string(),
  group_name: z.string(),
  modifier_id: z.string(),
  name: z.string(),
  price_delta: z.number().int(),
});

export const OrderLine = z.object({
  menu_item_id: z.string(),
  name: z.string(),
  unit_price: MinorUnits,
  quantity: z.number().int(),
  modifiers: z.array(OrderLineModifier),
  line_total: MinorUnits,
  special_instructions: z.string().nullable(),
});

/** What every view of an order starts with: who sees it decides the rest. */
export const OrderCoreFields = {
  order_id: z.uuid(),
  order_number: z.number().int(),
  status: OrderStatus,
  payment_status: PaymentStatus,
  order_type: OrderType,
  amounts: Amounts,
  items: z.array(OrderLine),
};

/** A stored delivery address, as views show it (orders placed before `region` existed have none). */
export const DeliveryAddressView = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string(),
  instructions: z.string().nullable(),
});

/** A refund of the order as the diner sees it: what comes back to the card, and when it was made. */
export const DinerRefund = z.object({
  amount: MinorUnits,
  /** `pending` until the card network confirms it; failed and canceled refunds are left out. */
  status: z.enum(['pending', 'succeeded']),
  created_at: z.iso.datetime({ offset: true }),
});

/**
 * `GET /api/clients/:slug/orders/:orderId` with the order token: the diner's view. The token is
 * refused (410 order-link-expired) once the order is ORDER_LINK_DAYS (browser.ts) old.
 */
export const DinerOrderView = z
  .object({
    ...OrderCoreFields,
    customer: z.object({ first_name: z.string(), email: z.string() }),
    scheduled_time: z.iso.datetime({ offset: true }).nullable(),
    estimated_ready_at: z.iso.datetime({ offset: true }).nullable(),
    /** Where a delivery order goes (the diner's own address); null for pickup. */
    delivery_address: DeliveryAddressView.nullable(),
    /**
     * When a delivery order should arrive: its ready time (scheduled or estimated) plus the
     * restaurant's delivery time. Null for pickup.
     */
    estimated_delivery_at: z.iso.datetime({ offset: true }).nullable(),
    /** Stripe's message for the last failed payment attempt: for support, not for the diner's eyes. */
    payment_error: z.string().nullable(),
    /**
     * Stripe's `decline_code` (`insufficient_funds`), or else its `code`
     * (`payment_intent_authentication_failure`), of the last failed attempt: a client words it for the diner.
     */
    payment_error_code: z.string().nullable(),
    /**
     * What the card was charged, in minor units: 0 until the payment is captured, less than
     * `amounts.total` when a restaurant accepted only part of the order. Refunds do not lower it.
     */
    amount_charged: MinorUnits,
    /** The refunds made so far, oldest first, and their sum: the diner paid amount_charged − amount_refunded. */
    refunds: z.array(DinerRefund),
    amount_refunded: MinorUnits,
    /**
     * True once nothing more will happen to the order by itself: completed, cancelled, in review,
     * or a payment that failed (the diner may pay again). A page following the order stops then.
     */
    final: z.boolean(),
    /** Until when a manual-acceptance restaurant may accept it; null otherwise. */
    acceptance_deadline: z.iso.datetime({ offset: true }).nullable(),
    /** The restaurant could not take it: the card authorization was released, nothing charged. */
    rejected: z.boolean(),
    created_at: z.iso.datetime({ offset: true }),
    /** When each step was reached; null until it is. */
    confirmed_at: z.iso.datetime({ offset: true }).nullable(),
    preparing_at: z.iso.datetime({ offset: true }).nullable(),
    ready_at: z.iso.datetime({ offset: true }).nullable(),
    completed_at: z.iso.datetime({ offset: true }).nullable(),
    cancelled_at: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'DinerOrderView' });

export type CreateOrderRequest = z.input<typeof CreateOrderRequest>;
export type ParsedCreateOrderRequest = z.output<typeof CreateOrderRequest>;
export type Amounts = z.infer<typeof Amounts>;
export type CreateOrderResponse = z.infer<typeof CreateOrderResponse>;
export type OrderLine = z.infer<typeof OrderLine>;
export type OrderLineModifier = z.infer<typeof OrderLineModifier>;
export type DinerOrderView = z.infer<typeof DinerOrderView>;
export type DinerRefund = z.infer<typeof DinerRefund>;
export type DeliveryAddressView = z.infer<typeof DeliveryAddressView>;
