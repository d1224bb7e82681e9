import type { PosOrderV1 } from '@repo/contracts';
import { amountsOf, linesOf } from '../orders/order-view.ts';
import type { OrderJobHandler } from './job-types.ts';
import {
  assertNotBeingCancelled,
  isKitchenOrder,
  loadOrderContext,
  type OrderContext,
} from './order-context.ts';
import { POS_IDEMPOTENCY_HEADER, POS_SIGNATURE_HEADER, signPosBody } from './pos-signature.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The key a POS dedupes on: stable per order, across retries and re-sends. */
export const posIdempotencyKey = (orderId: string) => `pos-${orderId}`;

export function toPosOrder({ order, items, restaurant }: OrderContext): PosOrderV1 {
  return {
    version: 'pos.order.v1',
    idempotency_key: posIdempotencyKey(order.id),
    restaurant: { slug: restaurant.slug, name: restaurant.name },
    order: {
      order_id: order.id,
      order_number: order.order_number,
      order_type: order.order_type,
      payment_status: order.payment_status,
      customer: { name: order.customer_name, email: order.customer_email, phone: order.customer_phone },
      delivery_address: order.delivery_address,
      scheduled_time: iso(order.scheduled_time),
      estimated_ready_at: iso(order.estimated_ready_at),
      special_instructions: order.special_instructions,
      items: linesOf(items),
      amounts: amountsOf(order),
      created_at: order.created_at.toISOString(),
      confirmed_at: (order.confirmed_at ?? order.updated_at).toISOString(),
    },
  };
}

/** A POS answer other than 2xx, or no answer: the attempt fails and the queue retries it. */
export class PosDeliveryError extends Error {}

/** POSTs the signed order to the restaurant's POS; any 2xx is delivery. */
export const handOffToPos: OrderJobHandler = async ({ db, config }, job, signal) => {
  const context = await loadOrderContext(db, job.order_id);
  const { restaurant, order } = context;
  if (!isKitchenOrder(order)) return { status: 'skipped', detail: `order is ${order.status}` };
  assertNotBeingCancelled(order);
  if (!restaurant.pos_endpoint_url) return { status: 'skipped', detail: 'no POS endpoint configured' };
  if (!restaurant.pos_signing_secret) {
    return { status: 'skipped', detail: 'POS endpoint has no signing secret; nothing was sent' };
  }
  const body = JSON.stringify(toPosOrder(context));
  let response: Response;
  try {
    response = await fetch(restaurant.pos_endpoint_url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'restaurant-orders-pos/1',
        [POS_IDEMPOTENCY_HEADER]: posIdempotencyKey(order.id),
        [POS_SIGNATURE_HEADER]: signPosBody(restaurant.pos_signing_secret, body),
      },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(config.POS_TIMEOUT_MS)]),
    });
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new PosDeliveryError(`POS unreachable: ${reason}`);
  }
  const text = (await response.text().catch(() => '')).slice(0, 200);
  if (!response.ok) throw new PosDeliveryError(`POS answered ${response.status}${text ? `: ${text}` : ''}`);
  return { status: 'succeeded', detail: `POS answered ${response.status}` };
};
