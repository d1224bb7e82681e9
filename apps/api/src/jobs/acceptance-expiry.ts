import { reviewLogger } from '../orders/lifecycle/payment-sync.ts';
import { NOT_ACCEPTED_IN_TIME, rejectOrder } from '../orders/lifecycle/rejection.ts';
import { findOverdueAcceptances } from '../orders/lifecycle/stale-orders.repository.ts';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';

export interface AcceptanceExpiryDeps {
  db: Db;
  payments: PaymentGateway;
  logger: Logger;
}

const ACTOR = { actorType: 'system', actorId: 'acceptance-window' } as const;

/**
 * Rejects the orders a manual-acceptance restaurant did not accept within its window: the
 * authorization is released (no fee) and the diner is told. One that an acceptance is capturing
 * right now is left to it for a while; Stripe decides a late race either way. Answers how many
 * orders it rejected.
 */
export async function rejectOverdueOrders(deps: AcceptanceExpiryDeps, now = new Date()): Promise<number> {
  let rejected = 0;
  for (const orderId of await findOverdueAcceptances(deps.db, now, 100)) {
    try {
      await rejectOrder(
        deps.db,
        deps.payments,
        orderId,
        NOT_ACCEPTED_IN_TIME,
        ACTOR,
        null,
        reviewLogger(deps.logger),
      );
      rejected += 1;
    } catch (error) {
      deps.logger.warn({ err: error, orderId }, 'could not reject an order past its acceptance window');
    }
  }
  if (rejected > 0) deps.logger.info({ rejected }, `rejected ${rejected} order(s) not accepted in time`);
  return rejected;
}
