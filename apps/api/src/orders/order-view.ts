import type { Amounts, DeliveryAddressView, DinerOrderView, DinerRefund, OrderLine } from '@repo/contracts';
import type { DeliveryAddressJson, Order, OrderItem, Refund } from '../platform/db/schema.ts';
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

function addressView(address: DeliveryAddressJson | null): DeliveryAddressView | null {
  if (!address) return null;
  return {
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region ?? null,
    postal_code: address.postal_code,
    instructions: address.instructions ?? null,
  };
}

/** Refunds that gave, or are giving, money back; failed and canceled ones never reached the card. */
function dinerRefunds(refunds: Refund[]): DinerRefund[] {
  return refunds.flatMap((refund) =>
    refund.status === 'succeeded' || refund.status === 'pending' || refund.status === 'requires_action'
      ? [
          {
            amount: refund.amount,
            status: refund.status === 'succeeded' ? ('succeeded' as const) : ('pending' as const),
            created_at: refund.created_at.toISOString(),
          },
        ]
      : [],
  );
}

/** What the view needs from the order's restaurant and ledger besides the order row. */
export interface DinerViewExtras {
  refunds: Refund[];
  /** The restaurant's delivery time, added to a delivery order's ready time. */
  deliveryMinutes: number;
}

/** When a delivery should arrive: ready (scheduled or estimated) plus the delivery time. */
function deliveryEstimate(order: Order, deliveryMinutes: number): string | null {
  const ready = order.scheduled_time ?? order.estimated_ready_at;
  if (order.order_type !== 'delivery' || !ready) return null;
  return new Date(ready.getTime() + deliveryMinutes * 60_000).toISOString();
}

/** What the diner may see of their order: their first name and their own address, no phone. */
export function toDinerView(order: Order, items: OrderItem[], extras: DinerViewExtras): DinerOrderView {
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
    delivery_address: addressView(order.delivery_address),
    estimated_delivery_at: deliveryEstimate(order, extras.deliveryMinutes),
    payment_error: order.payment_status === 'failed' ? order.last_payment_error : null,
    payment_error_code: order.payment_status === 'failed' ? order.last_payment_error_code : null,
    amount_charged: order.amount_received,
    refunds: dinerRefunds(extras.refunds),
    amount_refunded: order.amount_refunded,
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
