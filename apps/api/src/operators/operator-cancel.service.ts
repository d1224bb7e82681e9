import type { CancelOrderRequest } from '@repo/contracts';
import { cancelOrder } from '../orders/lifecycle/cancellation.ts';
import { reviewLogger } from '../orders/lifecycle/payment-sync.ts';
import { findOrder } from '../orders/orders.repository.ts';
import type { OrdersDeps } from '../orders/orders.service.ts';
import { runIdempotent, type StoredResponse } from '../platform/idempotency.ts';
import { type Operator, operatorActor } from './operator.ts';
import {
  loadOperatorView,
  type OrderActionCommand,
  operatorWriteScope,
  requireOperatorOrder,
} from './operator-orders.service.ts';

/**
 * `POST …/cancel`: answers 200 with the order as it ends up. Cancelling an order that is already
 * cancelled (under a new key) answers the same, not an error.
 */
export async function cancelOperatorOrder(
  deps: OrdersDeps,
  operator: Operator,
  command: OrderActionCommand<CancelOrderRequest>,
): Promise<StoredResponse> {
  const order = await requireOperatorOrder(deps.db, operator, command.orderId);
  const { request } = command;
  const scope = operatorWriteScope(operator, command);
  return runIdempotent(deps.db, scope, async (claim) => {
    await cancelOrder(
      deps.db,
      deps.payments,
      order.id,
      request.reason,
      operatorActor(operator),
      claim,
      reviewLogger(deps.logger),
    );
    const current = await findOrder(deps.db, operator.restaurant.id, order.id);
    if (!current) throw new Error(`order ${order.id} vanished`);
    return { status: 200, body: await loadOperatorView(deps.db, current) };
  });
}
