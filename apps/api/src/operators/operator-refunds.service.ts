import { CreateRefundRequest } from '@repo/contracts';
import type { OrdersDeps, StoredResponse } from '../orders/orders.service.ts';
import type { SyncActor } from '../orders/payment-sync.ts';
import { DomainError, ProviderUnavailableError } from '../platform/errors.ts';
import { parseInput } from '../platform/http.ts';
import {
  claimIdempotencyKey,
  finishIdempotencyKey,
  forgetIdempotencyKey,
  releaseIdempotencyKey,
} from '../platform/idempotency.ts';
import { reserveRefund, submitRefund } from '../refunds/refund-ledger.ts';
import { toRefundView } from '../refunds/refund-view.ts';
import { findRefund } from '../refunds/refunds.repository.ts';
import type { Operator } from './api-keys.service.ts';
import { requireOperatorOrder } from './operator-orders.service.ts';

export function operatorActor(operator: Operator): SyncActor {
  return { actorType: 'operator', actorId: operator.keyPrefix };
}

/**
 * `POST …/refunds`: reserve under the order lock, then call Stripe. The Idempotency-Key points at
 * the ledger row once reserved, so a retry after an outage reuses the row and Stripe's idempotency
 * key instead of refunding twice.
 */
export async function createOperatorRefund(
  deps: OrdersDeps,
  operator: Operator,
  orderId: string,
  idempotencyKey: string | undefined,
  body: unknown,
): Promise<StoredResponse> {
  const order = await requireOperatorOrder(deps.db, operator, orderId);
  const request = parseInput(CreateRefundRequest, body);
  const claim = await claimIdempotencyKey(deps.db, {
    restaurantId: operator.restaurant.id,
    scope: `refunds.create:${order.id}`,
    key: idempotencyKey,
    body,
  });
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };

  const actor = operatorActor(operator);
  try {
    const reserved = claim.resourceId
      ? await findRefund(deps.db, claim.resourceId)
      : await reserveRefund(deps.db, {
          orderId: order.id,
          amount: request.amount,
          reason: request.reason,
          note: request.note,
          actor,
          idempotencyKeyId: claim.id,
        });
    if (!reserved) throw new Error(`idempotency key ${claim.id} points at a missing refund`);
    const refund = await submitRefund(deps.db, deps.payments, reserved, actor);
    const response = JSON.stringify(toRefundView(refund));
    await finishIdempotencyKey(deps.db, claim.id, 201, response);
    return { status: 201, body: response, replayed: false };
  } catch (error) {
    if (error instanceof ProviderUnavailableError) await releaseIdempotencyKey(deps.db, claim.id);
    // Refused for good (over-refund, Stripe said no): the key may be used again once fixed.
    else if (error instanceof DomainError) await forgetIdempotencyKey(deps.db, claim.id);
    throw error;
  }
}
