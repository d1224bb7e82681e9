import { recordOrderEvent } from '../orders/orders.repository.ts';
import type { Db } from '../platform/db/database.ts';
import type { OrderJob } from '../platform/db/schema.ts';
import type { Logger } from '../platform/logger.ts';
import { findUnflaggedDead, markDead, markFlagged } from './order-jobs.repository.ts';

/**
 * Puts a dead job in front of a person, once: a `job_dead` event on the order's timeline (the
 * operator order view) and an error log line. The order itself stays as it is.
 */
export async function flagDeadJob(db: Db, logger: Logger, job: OrderJob): Promise<boolean> {
  const flagged = await db.transaction().execute(async (tx) => {
    if (!(await markFlagged(tx, job.id))) return false;
    await recordOrderEvent(tx, job.order_id, {
      type: 'job_dead',
      actorType: 'system',
      actorId: 'jobs',
      detail: {
        job_id: job.id,
        kind: job.kind,
        ref: job.ref,
        attempts: job.attempts,
        last_error: job.last_error,
      },
    });
    return true;
  });
  if (flagged) {
    logger.error(
      {
        orderId: job.order_id,
        orderJobId: job.id,
        kind: job.kind,
        attempts: job.attempts,
        lastError: job.last_error,
      },
      `post-payment job ${job.kind} is dead after ${job.attempts} attempt(s); retry with jobs:retry ${job.id}`,
    );
  }
  return flagged;
}

/** The dead letter queue's handler: the queue job that owned the row gave up. */
export async function buryOrderJob(
  db: Db,
  logger: Logger,
  orderJobId: string,
  queueJobId: string | null,
): Promise<void> {
  const row = await markDead(db, orderJobId, queueJobId);
  if (row) await flagDeadJob(db, logger, row);
}

/** The reconciler's sweep: dead rows nobody flagged yet (say the flag's transaction failed). */
export async function flagUnflaggedDeadJobs(db: Db, logger: Logger, limit = 100): Promise<number> {
  let count = 0;
  for (const job of await findUnflaggedDead(db, limit)) {
    if (await flagDeadJob(db, logger, job)) count += 1;
  }
  return count;
}
