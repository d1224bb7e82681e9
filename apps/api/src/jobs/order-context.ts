import { findOrderItems } from '../orders/orders.repository.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Order, OrderItem, Restaurant } from '../platform/db/schema.ts';
import { findRestaurantById } from '../restaurants/restaurants.repository.ts';

/** What a post-payment job needs to describe an order. */
export interface OrderContext {
  order: Order;
  items: OrderItem[];
  restaurant: Restaurant;
}

export async function loadOrderContext(db: Executor, orderId: string): Promise<OrderContext> {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) throw new Error(`order ${orderId} not found`);
  const restaurant = await findRestaurantById(db, order.restaurant_id);
  if (!restaurant) throw new Error(`restaurant of order ${orderId} not found`);
  return { order, items: await findOrderItems(db, orderId), restaurant };
}

/** Whether the kitchen should still act on the order: a later cancel makes the work moot. */
export function isKitchenOrder(order: Order): boolean {
  switch (order.status) {
    case 'confirmed':
    case 'preparing':
    case 'ready':
    case 'completed':
      return true;
    default:
      return false;
  }
}

/**
 * An operator is cancelling a confirmed order (it was paid while the cancel ran): its jobs wait
 * for the outcome, rather than telling the kitchen about an order that is being refunded.
 */
export class CancellationInProgressError extends Error {}

export function assertNotBeingCancelled(order: Order): void {
  if (isKitchenOrder(order) && order.cancel_reason !== null) {
    throw new CancellationInProgressError(`order ${order.id} is being cancelled; retrying later`);
  }
}
