import type { AcceptOrderRequest, KitchenStatus, OperatorOrderView, OrderSummary } from '@repo/contracts';
import { type ConsoleApi, clientPath, newIdempotencyKey } from '../../lib/api.ts';

const orderPath = (slug: string, orderId: string, action: string) =>
  clientPath(slug, `orders/${encodeURIComponent(orderId)}/${action}`);

export function acceptOrder(
  api: ConsoleApi,
  slug: string,
  orderId: string,
  body: AcceptOrderRequest,
  idempotencyKey = newIdempotencyKey(),
): Promise<OperatorOrderView> {
  return api.request('POST', orderPath(slug, orderId, 'accept'), { body, idempotencyKey });
}

export function rejectOrder(
  api: ConsoleApi,
  slug: string,
  orderId: string,
  reason: string,
  idempotencyKey = newIdempotencyKey(),
): Promise<OperatorOrderView> {
  return api.request('POST', orderPath(slug, orderId, 'reject'), { body: { reason }, idempotencyKey });
}

export function moveKitchenStatus(
  api: ConsoleApi,
  slug: string,
  orderId: string,
  status: KitchenStatus,
  idempotencyKey = newIdempotencyKey(),
): Promise<OperatorOrderView> {
  return api.request('POST', orderPath(slug, orderId, 'status'), { body: { status }, idempotencyKey });
}

export function cancelOrder(
  api: ConsoleApi,
  slug: string,
  orderId: string,
  reason: string,
  idempotencyKey = newIdempotencyKey(),
): Promise<OperatorOrderView> {
  return api.request('POST', orderPath(slug, orderId, 'cancel'), { body: { reason }, idempotencyKey });
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
