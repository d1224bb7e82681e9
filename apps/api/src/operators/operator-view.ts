import type { OperatorOrderView, OrderSummary } from '@repo/contracts';
import { amountsOf, linesOf } from '../orders/order-view.ts';
import type { Order, OrderEvent, OrderItem, Refund } from '../platform/db/schema.ts';
import { toRefundView } from '../refunds/refund-view.ts';
import type { findOrderJobs, OrderSummaryRow } from './operator-orders.repository.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toOrderSummary(row: OrderSummaryRow): OrderSummary {
  return {
    order_id: row.id,
    order_number: row.order_number,
    status: row.status,
    payment_status: row.payment_status,
    order_type: row.order_type,
    customer_name: row.customer_name,
    total: row.total,
    amount_received: row.amount_received,
    amount_refunded: row.amount_refunded,
    currency: row.currency,
    scheduled_time: iso(row.scheduled_time),
    review_reason: row.review_reason,
    created_at: row.created_at.toISOString(),
  };
}

export interface OperatorOrderParts {
  order: Order;
  items: OrderItem[];
  refunds: Refund[];
  events: OrderEvent[];
  jobs: Awaited<ReturnType<typeof findOrderJobs>>;
  refundableAmount: number;
}

/** Everything the restaurant may see of its own order, including full customer details. */
export function toOperatorView(parts: OperatorOrderParts): OperatorOrderView {
  const { order } = parts;
  return {
    order_id: order.id,
    order_number: order.order_number,
    status: order.status,
    payment_status: order.payment_status,
    order_type: order.order_type,
    amounts: amountsOf(order),
    items: linesOf(parts.items),
    customer: { name: order.customer_name, email: order.customer_email, phone: order.customer_phone },
    delivery_address: order.delivery_address,
    special_instructions: order.special_instructions,
    scheduled_time: iso(order.scheduled_time),
    estimated_ready_at: iso(order.estimated_ready_at),
    payment: {
      payment_intent_id: order.payment_intent_id,
      payment_intent_status: order.payment_intent_status,
      status: order.payment_status,
      amount_received: order.amount_received,
      amount_refunded: order.amount_refunded,
      refundable_amount: parts.refundableAmount,
      last_error: order.last_payment_error,
      livemode: order.livemode,
    },
    refunds: parts.refunds.map(toRefundView),
    flags: {
      dispute_status: order.dispute_status,
      needs_review: order.status === 'needs_review',
      review_reason: order.review_reason,
    },
    jobs: parts.jobs.map((job) => ({ ...job, updated_at: job.updated_at.toISOString() })),
    timeline: parts.events.map((event) => ({
      at: event.created_at.toISOString(),
      type: event.type,
      status: event.status,
      payment_status: event.payment_status,
      actor: { type: event.actor_type, id: event.actor_id },
      detail: event.detail,
    })),
    created_at: order.created_at.toISOString(),
    confirmed_at: iso(order.confirmed_at),
    acceptance_deadline: iso(order.acceptance_deadline),
    accepted_at: iso(order.accepted_at),
    preparing_at: iso(order.preparing_at),
    ready_at: iso(order.ready_at),
    completed_at: iso(order.completed_at),
    cancelled_at: iso(order.cancelled_at),
    cancel_reason: order.cancel_reason,
  };
}
