import type { Job } from 'pg-boss';
import { countJobFailed } from '../metrics/metrics.ts';
import type { OrderJobKind } from '../platform/db/schema.ts';
import { sendCancellationEmail } from './cancellation-email.job.ts';
import { sendConfirmationEmail } from './confirmation-email.job.ts';
import type { JobDeps, JobOutcome, OrderJobData, OrderJobHandler } from './job-types.ts';
import { finishAttempt, startAttempt } from './order-jobs.repository.ts';
import { handOffToPos } from './pos-handoff.job.ts';
import { sendRefundEmail } from './refund-email.job.ts';
import { sendReadyEmail, sendRejectionEmail } from './service-email.job.ts';

const HANDLERS: Record<OrderJobKind, OrderJobHandler> = {
  confirmation_email: sendConfirmationEmail,
  pos_handoff: handOffToPos,
  refund_email: sendRefundEmail,
  rejection_email: sendRejectionEmail,
  ready_email: sendReadyEmail,
  cancellation_email: sendCancellationEmail,
};

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/**
 * Runs one delivery of an order job and keeps its order_jobs row current (running, then succeeded,
 * skipped or failed). A throw fails the queue job, which the queue retries with back-off and finally
 * moves to the dead letter queue.
 */
export async function runOrderJob(deps: JobDeps, job: Job<OrderJobData>): Promise<void> {
  const row = await startAttempt(deps.db, job.data.orderJobId, job.id);
  if (!row) {
    deps.logger.info(
      { orderJobId: job.data.orderJobId, queueJobId: job.id },
      'order job finished or re-queued; stale delivery ignored',
    );
    return;
  }
  const log = deps.logger.child({
    orderJobId: row.id,
    orderId: row.order_id,
    kind: row.kind,
    attempt: row.attempts,
  });
  let outcome: JobOutcome;
  try {
    outcome = await HANDLERS[row.kind](deps, row, job.signal);
  } catch (error) {
    const message = messageOf(error);
    await finishAttempt(deps.db, row, { status: 'failed', lastError: message });
    countJobFailed(row.kind);
    log.warn(
      { error: message },
      `order job ${row.kind} attempt ${row.attempts} failed; the queue retries it`,
    );
    throw error;
  }
  const recorded = await finishAttempt(deps.db, row, { status: outcome.status, detail: outcome.detail });
  log.info({ detail: outcome.detail, recorded }, `order job ${row.kind} ${outcome.status}`);
}
