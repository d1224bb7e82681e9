import type { Executor } from '../platform/db/database.ts';
import type { OrderJobKind } from '../platform/db/schema.ts';

/**
 * Stages post-payment work in the caller's transaction (outbox): it exists if and only if the
 * state change that causes it commits. `ref` distinguishes repeated work, such as one email per refund.
 */
export async function stageOrderJobs(
  db: Executor,
  orderId: string,
  kinds: OrderJobKind[],
  ref = '',
): Promise<void> {
  if (kinds.length === 0) return;
  await db
    .insertInto('order_jobs')
    .values(kinds.map((kind) => ({ order_id: orderId, kind, ref })))
    .onConflict((oc) => oc.columns(['order_id', 'kind', 'ref']).doNothing())
    .execute();
}
