import type { AcceptOrderRequest, KitchenStatusRequest, RejectOrderRequest } from '@repo/contracts';
import { acceptOrder } from '../orders/lifecycle/acceptance.ts';
import { moveKitchenStatus } from '../orders/lifecycle/kitchen.ts';
import { reviewLogger } from '../orders/lifecycle/payment-sync.ts';
import { rejectOrder } from '../orders/lifecycle/rejection.ts';
import { findOrder } from '../orders/orders.repository.ts';
import type { OrdersDeps } from '../orders/orders.service.ts';
import type { ClaimedKey } from '../platform/idempotency.ts';
import { runIdempotent, type StoredResponse } from '../platform/idempotency.ts';
import { type Operator, operatorActor } from './operator.ts';
import {
  loadOperatorView,
  type OrderActionCommand,
  operatorWriteScope,
  requireOperatorOrder,
} from './operator-orders.service.ts';

/** Runs one staff action on an order under its Idempotency-Key and answers the order as it ends up. */
async function orderAction<R>(
  deps: OrdersDeps,
  operator: Operator,
  command: OrderActionCommand<R>,
  act: (orderId: string, claim: ClaimedKey) => Promise<unknown>,
): Promise<StoredResponse> {
  const order = await requireOperatorOrder(deps.db, operator, command.orderId);
  return runIdempotent(deps.db, operatorWriteScope(operator, command), async (claim) => {
    await act(order.id, claim);
    const current = await findOrder(deps.db, operator.restaurant.id, order.id);
    if (!current) throw new Error(`order ${order.id} vanished`);
    return { status: 200, body: await loadOperatorView(deps.db, current) };
  });
}

/** `POST …/accept`: capture (all, or less) and confirm an order waiting for the restaurant. */
export function acceptOperatorOrder(
  deps: OrdersDeps,
  operator: Operator,
  command: OrderActionCommand<AcceptOrderRequest>,
): Promise<StoredResponse> {
  const accept = {
    readyInMinutes: command.request.ready_in_minutes,
    amountToCapture: command.request.amount_to_capture,
    prepTimeMinutes: operator.restaurant.prep_time_minutes,
  };
  return orderAction(deps, operator, command, (orderId, claim) =>
    acceptOrder(
      deps.db,
      deps.payments,
      orderId,
      accept,
      operatorActor(operator),
      claim,
      reviewLogger(deps.logger),
    ),
  );
}

/** `POST …/reject`: release the authorization; the diner is told and not charged. */
export function rejectOperatorOrder(
  deps: OrdersDeps,
  operator: Operator,
  command: OrderActionCommand<RejectOrderRequest>,
): Promise<StoredResponse> {
  return orderAction(deps, operator, command, (orderId, claim) =>
    rejectOrder(
      deps.db,
      deps.payments,
      orderId,
      command.request.reason,
      operatorActor(operator),
      claim,
      reviewLogger(deps.logger),
    ),
  );
}

/** `POST …/status`: the kitchen's next step, forward only. */
export function moveOperatorOrderStatus(
  deps: OrdersDeps,
  operator: Operator,
  command: OrderActionCommand<KitchenStatusRequest>,
): Promise<StoredResponse> {
  return orderAction(deps, operator, command, (orderId) =>
    moveKitchenStatus(deps.db, orderId, command.request.status, operatorActor(operator)),
  );
}
