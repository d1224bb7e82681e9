import type { ParsedCreateRefundRequest } from '@repo/contracts';
import { reviewLogger } from '../orders/lifecycle/payment-sync.ts';
import { foundAlreadyRefunded, reserveRefund, submitRefund } from '../orders/lifecycle/refund-ledger.ts';
import type { OrdersDeps } from '../orders/orders.service.ts';
import { ConflictError } from '../platform/errors.ts';
import { runIdempotent, type StoredResponse } from '../platform/idempotency.ts';
import { toRefundView } from '../refunds/refund-view.ts';
import { findRefund } from '../refunds/refunds.repository.ts';
import { type Operator, operatorActor, staffNamesOfOperator } from './operator.ts';
import {
  type OrderActionCommand,
  operatorWriteScope,
  requireOperatorOrder,
} from './operator-orders.service.ts';

/**
 * `POST …/refunds`: reserve under the order lock, then call Stripe. The Idempotency-Key points at
 * the ledger row once reserved, so a retry after an outage reuses the row and Stripe's idempotency
 * key instead of refunding twice.
 */
export async function createOperatorRefund(
  deps: OrdersDeps,
  operator: Operator,
  command: OrderActionCommand<ParsedCreateRefundRequest>,
): Promise<StoredResponse> {
  const order = await requireOperatorOrder(deps.db, operator, command.orderId);
  const { request } = command;
  const scope = operatorWriteScope(operator, command);
  const actor = operatorActor(operator);
  return runIdempotent(deps.db, scope, async (claim) => {
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
    const submitted = await submitRefund(deps.db, deps.payments, reserved, actor, reviewLogger(deps.logger));
    if (foundAlreadyRefunded(submitted)) {
      // The ledger now shows the refunds that gave the money back; nothing more was refunded.
      throw new ConflictError(
        'refund-already-made',
        'Payment already refunded',
        'Stripe had already refunded this payment in full (in the Dashboard, say). The order now shows those refunds; nothing more was refunded.',
      );
    }
    return { status: 201, body: toRefundView(submitted, staffNamesOfOperator(operator)) };
  });
}
