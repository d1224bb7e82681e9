import type { CreateOrderResponse } from '@repo/contracts';
import type { Restaurant } from '../platform/db/schema.ts';
import { ConflictError, DomainError, ProviderUnavailableError } from '../platform/errors.ts';
import {
  forgetIdempotencyKey,
  isRetryableFailure,
  releaseIdempotencyKey,
  type StoredResponse,
} from '../platform/idempotency.ts';
import { newOrderToken } from './order-token.ts';
import { amountsOf } from './order-view.ts';
import { deleteOrder, type PlacedOrderView, sealPlacedOrder } from './orders.repository.ts';
import type { OrdersDeps } from './orders.service.ts';

/**
 * Opens the PaymentIntent for a staged order and seals the key with the response; `cancelled` when
 * an operator cancelled the order meanwhile (the key left unsealed, the new PaymentIntent canceled).
 */
async function openPayment(
  deps: OrdersDeps,
  restaurant: Restaurant,
  order: PlacedOrderView,
  keyId: string,
): Promise<StoredResponse | 'cancelled'> {
  const intent = await deps.payments.createPaymentIntent({
    orderId: order.id,
    clientSlug: restaurant.slug,
    orderNumber: order.order_number,
    amount: order.total,
    currency: order.currency,
    receiptEmail: order.customer_email,
    // Derived from the order, so a retry after a crash finds the same PaymentIntent at Stripe.
    idempotencyKey: `order-${order.id}-payment-intent`,
    ...(restaurant.order_acceptance === 'manual' ? { captureMethod: 'manual' as const } : {}),
  });
  if (!intent.clientSecret)
    throw new ProviderUnavailableError('The payment provider returned no client secret.');
  // A fresh token on every attempt: an earlier one never reached the diner.
  const { token, hash } = newOrderToken();
  const response: CreateOrderResponse = {
    order_id: order.id,
    order_number: order.order_number,
    status: order.status,
    payment_status: order.payment_status,
    amounts: amountsOf(order),
    client_secret: intent.clientSecret,
    order_token: token,
    estimated_ready_at: (order.estimated_ready_at ?? new Date()).toISOString(),
  };
  const body = JSON.stringify(response);
  const sealed = await sealPlacedOrder(
    deps.db,
    order.id,
    {
      payment_intent_id: intent.id,
      payment_intent_status: intent.status,
      livemode: intent.livemode,
      order_token_hash: hash,
    },
    { keyId, status: 201, body },
  );
  if (!sealed) {
    await cancelUnsealedIntent(deps, order.id, intent.id);
    return 'cancelled';
  }
  return { status: 201, body, replayed: false };
}

/**
 * An operator cancelled the order while its PaymentIntent was being opened, so the cancellation
 * found no payment to cancel: cancel this one. Its client secret never left here.
 */
async function cancelUnsealedIntent(deps: OrdersDeps, orderId: string, intentId: string): Promise<void> {
  try {
    await deps.payments.cancelPaymentIntent(intentId, `order-${orderId}-cancel`, 'requested_by_customer');
  } catch (error) {
    // Nobody holds its secret, so nobody can pay it: harmless if it stays open.
    deps.logger.warn(
      { err: error, orderId, intentId },
      'could not cancel the PaymentIntent of a cancelled order',
    );
  }
}

export function notPayable(order: PlacedOrderView): ConflictError {
  return new ConflictError(
    'order-not-payable',
    'Order can no longer be paid',
    `Order #${order.order_number} was cancelled by the restaurant.`,
  );
}

/** openPayment, leaving the key resumable after an outage and nothing behind after a refusal. */
export async function openPaymentOnce(
  deps: OrdersDeps,
  restaurant: Restaurant,
  order: PlacedOrderView,
  keyId: string,
): Promise<StoredResponse | 'cancelled'> {
  try {
    return await openPayment(deps, restaurant, order, keyId);
  } catch (error) {
    if (isRetryableFailure(error)) {
      // The PaymentIntent's Stripe key is derived from the order: a resumed retry finds the same one.
      await releaseIdempotencyKey(deps.db, keyId);
    } else if (error instanceof DomainError) {
      // The provider refused the order for good: leave nothing behind.
      await deps.db.transaction().execute(async (tx) => {
        await deleteOrder(tx, order.id);
        await forgetIdempotencyKey(tx, keyId);
      });
    }
    throw error;
  }
}
