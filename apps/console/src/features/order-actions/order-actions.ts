import type {
  AcceptOrderRequest,
  CancelOrderRequest,
  KitchenStatusRequest,
  OperatorOrderView,
  OrderSummary,
  RejectOrderRequest,
} from '@repo/contracts';
import { type ConsoleApi, clientPath, newIdempotencyKey } from '../../lib/api.ts';

/** Each staff action on one order, by the last segment of its route, with its request body. */
interface OrderActions {
  accept: AcceptOrderRequest;
  reject: RejectOrderRequest;
  status: KitchenStatusRequest;
  cancel: CancelOrderRequest;
}

/** One staff action on an order under an Idempotency-Key (reuse the key to retry); answers the order. */
export function orderAction<A extends keyof OrderActions>(
  api: ConsoleApi,
  slug: string,
  orderId: string,
  action: A,
  body: OrderActions[A],
  idempotencyKey = newIdempotencyKey(),
): Promise<OperatorOrderView> {
  return api.request('POST', clientPath(slug, `orders/${encodeURIComponent(orderId)}/${action}`), {
    body,
    idempotencyKey,
  });
}

export function getOrder(api: ConsoleApi, slug: string, orderId: string): Promise<OperatorOrderView> {
  return api.get(clientPath(slug, `orders/${encodeURIComponent(orderId)}`));
}

/** The board's row of an order from its full view, as an action answers it. */
export function summaryOf(view: OperatorOrderView): OrderSummary {
  return {
    order_id: view.order_id,
    order_number: view.order_number,
    status: view.status,
    payment_status: view.payment_status,
    order_type: view.order_type,
    customer_name: view.customer.name,
    total: view.amounts.total,
    amount_received: view.payment.amount_received,
    amount_refunded: view.payment.amount_refunded,
    currency: view.amounts.currency,
    scheduled_time: view.scheduled_time,
    acceptance_deadline: view.acceptance_deadline,
    estimated_ready_at: view.estimated_ready_at,
    review_reason: view.flags.review_reason,
    created_at: view.created_at,
  };
}
