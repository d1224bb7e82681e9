import { type Db as BossDb, fromPglite, PgBoss, type Queue } from 'pg-boss';
import type { Config } from '../platform/config.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import type { OrderJobKind } from '../platform/db/schema.ts';

/** One queue per kind of order job, named after the kind. */
export const ORDER_JOB_KINDS: readonly OrderJobKind[] = [
  'confirmation_email',
  'pos_handoff',
  'refund_email',
  'rejection_email',
  'ready_email',
  'cancellation_email',
];
/** Where an order job goes when its retries are exhausted. */
export const DEAD_LETTER_QUEUE = 'order_jobs_dead';
export const RECONCILE_QUEUE = 'reconcile';
export const IDEMPOTENCY_PURGE_QUEUE = 'idempotency_purge';
export const ACCEPTANCE_EXPIRY_QUEUE = 'acceptance_expiry';

/**
 * pg-boss's connection: PGlite through pg-boss's own adapter (the same single session kysely uses;
 * PGlite serializes them), or the app's pg pool on PostgreSQL.
 */
export function queueDatabaseFor(database: DatabaseHandle): BossDb {
  if (database.pglite) return fromPglite(database.pglite);
  const { pool } = database;
  if (!pool) throw new Error('the database handle has neither PGlite nor a pg pool');
  return { executeSql: (text, values) => pool.query(text, values) };
}

export function createBoss(
  database: DatabaseHandle,
  config: Config,
  options: { db?: BossDb; schedule: boolean },
): PgBoss {
  return new PgBoss({
    db: options.db ?? queueDatabaseFor(database),
    backend: database.kind === 'pglite' ? 'pglite' : 'postgres',
    schema: 'pgboss',
    schedule: options.schedule,
    superviseIntervalSeconds: config.JOB_SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: config.JOB_SUPERVISE_INTERVAL_SECONDS,
    instanceName: 'restaurant-orders',
  });
}

function orderJobQueue(config: Config): Omit<Queue, 'name'> {
  return {
    retryLimit: config.JOB_RETRY_LIMIT,
    retryDelay: config.JOB_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    retryDelayMax: config.JOB_RETRY_DELAY_MAX_SECONDS,
    expireInSeconds: config.JOB_EXPIRE_SECONDS,
    deadLetter: DEAD_LETTER_QUEUE,
  };
}

async function upsertQueue(boss: PgBoss, name: string, options: Omit<Queue, 'name'>): Promise<void> {
  if (!(await boss.getQueue(name))) {
    await boss.createQueue(name, options);
    return;
  }
  const { policy: _policy, partition: _partition, ...changeable } = options;
  // Retry settings follow the configuration on every start; policy and partitioning are fixed.
  await boss.updateQueue(name, changeable);
}

/** Creates the queues, or brings their retry settings in line with the configuration. */
export async function ensureQueues(boss: PgBoss, config: Config): Promise<void> {
  await upsertQueue(boss, DEAD_LETTER_QUEUE, { deleteAfterSeconds: 30 * 24 * 3600 });
  for (const kind of ORDER_JOB_KINDS) await upsertQueue(boss, kind, orderJobQueue(config));
  // Scheduled passes: one at a time across processes, and a failed one waits for the next tick.
  for (const name of [RECONCILE_QUEUE, IDEMPOTENCY_PURGE_QUEUE, ACCEPTANCE_EXPIRY_QUEUE]) {
    await upsertQueue(boss, name, {
      policy: 'stately',
      retryLimit: 0,
      expireInSeconds: 15 * 60,
      deleteAfterSeconds: 24 * 3600,
    });
  }
}
