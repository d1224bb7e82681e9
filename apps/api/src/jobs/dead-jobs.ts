import { countJobDead } from '../metrics/metrics.ts';
import { recordOrderEvent } from '../orders/lifecycle/lifecycle.repository.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { OrderJob } from '../platform/db/schema.ts';
import type { Logger } from '../platform/logger.ts';
import { findUnflaggedDead, markDead, markFlagged } from './order-jobs.repository.ts';

/**
 * Puts a dead job in front of a person, once: a `job_dead` event on the order's timeline (the
 * operator order view), then an error log line. The order itself stays as it is.
 */
async function flagInTx(tx: Tx, job: OrderJob): Promise<boolean> {
  if (!(await markFlagged(tx, job.id))) return false;
  await recordOrderEvent(tx, job.order_id, {
    type: 'job_dead',
    actor: { actorType: 'system', actorId: 'jobs' },
    detail: {
      job_id: job.id,
      kind: job.kind,
      ref: job.ref,
      attempts: job.attempts,
      last_error: job.last_error,
    },
  });
  return true;
}

function logDead(logger: Logger, job: OrderJob): void {
  countJobDead(job.kind);
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

/** The dead letter queue's handler: the queue job that owned the row gave up. Dead and flagged at once. */
export async function buryOrderJob(
  db: Db,
  logger: Logger,
  orderJobId: string,
  queueJobId: string | null,
): Promise<void> {
  const dead = await db.transaction().execute(async (tx) => {
    const row = await markDead(tx, orderJobId, queueJobId);
    return row && (await flagInTx(tx, row)) ? row : undefined;
  });
  if (dead) logDead(logger, dead);
}

/** The reconciler's sweep: dead rows nobody flagged yet. */
export async function flagUnflaggedDeadJobs(db: Db, logger: Logger, limit = 100): Promise<number> {
  let count = 0;
  for (const job of await findUnflaggedDead(db, limit)) {
    const flagged = await db.transaction().execute((tx) => flagInTx(tx, job));
    if (flagged) {
      logDead(logger, job);
      count += 1;
    }
  }
  return count;
}
