import { sql } from 'kysely';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { OrderJob, OrderJobStatus } from '../platform/db/schema.ts';

/** Staged rows not yet in the queue, locked so two dispatchers never hand one over twice. */
export function lockUndispatched(tx: Tx, limit: number): Promise<Pick<OrderJob, 'id' | 'kind'>[]> {
  return tx
    .selectFrom('order_jobs')
    .select(['id', 'kind'])
    .where('queued_at', 'is', null)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markQueued(tx: Tx, id: string, queueJobId: string): Promise<void> {
  await tx
    .updateTable('order_jobs')
    .set({ queued_at: new Date(), queue_job_id: queueJobId, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Starts an attempt for the queue job that owns the row. Nothing when the row has finished, or
 * belongs to another queue job (it was re-queued): then this delivery is stale and does nothing.
 */
export function startAttempt(db: Executor, id: string, queueJobId: string): Promise<OrderJob | undefined> {
  return db
    .updateTable('order_jobs')
    .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('queue_job_id', '=', queueJobId)
    .where('status', 'in', ['pending', 'running', 'failed'])
    .returningAll()
    .executeTakeFirst();
}

export interface AttemptResult {
  status: Extract<OrderJobStatus, 'succeeded' | 'skipped' | 'failed'>;
  detail?: string | null;
  lastError?: string | null;
}

/** Records how an attempt ended, unless a later attempt has started meanwhile (a stale worker). */
export async function finishAttempt(db: Executor, job: OrderJob, result: AttemptResult): Promise<boolean> {
  const updated = await db
    .updateTable('order_jobs')
    .set({
      status: result.status,
      ...(result.detail !== undefined ? { detail: result.detail } : {}),
      last_error: result.lastError ?? null,
      updated_at: new Date(),
    })
    .where('id', '=', job.id)
    .where('attempts', '=', job.attempts)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Retries are exhausted: the row is dead until someone re-queues it (unless it was already). */
export function markDead(db: Executor, id: string, queueJobId: string | null): Promise<OrderJob | undefined> {
  let query = db
    .updateTable('order_jobs')
    .set({ status: 'dead', updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'running', 'failed']);
  if (queueJobId) query = query.where('queue_job_id', '=', queueJobId);
  return query.returningAll().executeTakeFirst();
}

export function findUnflaggedDead(db: Executor, limit: number): Promise<OrderJob[]> {
  return db
    .selectFrom('order_jobs')
    .selectAll()
    .where('status', '=', 'dead')
    .where('flagged_at', 'is', null)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Claims the flag once: true for the caller that set it. */
export async function markFlagged(db: Executor, id: string): Promise<boolean> {
  const updated = await db
    .updateTable('order_jobs')
    .set({ flagged_at: new Date() })
    .where('id', '=', id)
    .where('flagged_at', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export interface JobFilter {
  statuses?: OrderJobStatus[];
  orderId?: string;
  ids?: string[];
  limit?: number;
}

export function listOrderJobs(db: Executor, filter: JobFilter): Promise<OrderJob[]> {
  let query = db.selectFrom('order_jobs').selectAll();
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  if (filter.ids?.length) query = query.where('id', 'in', filter.ids);
  return query
    .orderBy('created_at', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
}

/**
 * Hands dead or skipped rows back to the dispatcher as fresh work. Rows still pending, running
 * or failed (retrying) are left alone: the queue still owns them.
 */
export function requeueOrderJobs(db: Executor, ids: string[]): Promise<OrderJob[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .updateTable('order_jobs')
    .set({
      status: 'pending',
      queued_at: null,
      queue_job_id: null,
      flagged_at: null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', 'in', ids)
    .where('status', 'in', ['dead', 'skipped'])
    .returningAll()
    .execute();
}
