import type { Amounts, DinerOrderView, OrderLine } from '@repo/contracts';
import type { Order, OrderItem } from '../platform/db/schema.ts';
import { isFinalForDiner } from './lifecycle/machine.ts';

export function amountsOf(
  order: Pick<Order, 'subtotal' | 'tax' | 'tip' | 'delivery_fee' | 'total' | 'currency'>,
): Amounts {
  return {
    subtotal: order.subtotal,
    tax: order.tax,
    tip: order.tip,
    delivery_fee: order.delivery_fee,
    total: order.total,
    currency: order.currency,
  };
}

export function linesOf(items: OrderItem[]): OrderLine[] {
  return items.map((item) => ({
    menu_item_id: item.menu_item_id,
    name: item.name,
    unit_price: item.unit_price,
    quantity: item.quantity,
    modifiers: item.modifiers,
    line_total: item.line_total,
    special_instructions: item.special_instructions,
  }));
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** What the diner may see of their order: first name only, no phone or address. */
export function toDinerView(order: Order, items: OrderItem[]): DinerOrderView {
  return {
    order_id: order.id,
    order_number: order.order_number,
    status: order.status,
    payment_status: order.payment_status,
    order_type: order.order_type,
    amounts: amountsOf(order),
    items: linesOf(items),
    customer: { first_name: order.customer_name.split(/\s+/)[0] ?? '', email: order.customer_email },
    scheduled_time: iso(order.scheduled_time),
    estimated_ready_at: iso(order.estimated_ready_at),
    payment_error: order.payment_status === 'failed' ? order.last_payment_error : null,
    amount_charged: order.amount_received,
    final: isFinalForDiner(order.status, order.payment_status),
    acceptance_deadline: iso(order.acceptance_deadline),
    rejected: order.status === 'cancelled' && order.authorized_at !== null && order.amount_received === 0,
    created_at: order.created_at.toISOString(),
    confirmed_at: iso(order.confirmed_at),
    preparing_at: iso(order.preparing_at),
    ready_at: iso(order.ready_at),
    completed_at: iso(order.completed_at),
    cancelled_at: iso(order.cancelled_at),
  };
}
