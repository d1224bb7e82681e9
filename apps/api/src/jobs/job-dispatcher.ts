import { fromKysely, type PgBoss } from 'pg-boss';
import { countJobQueued } from '../metrics/metrics.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import type { OrderJobData } from './job-types.ts';
import { lockUndispatched, markQueued } from './order-jobs.repository.ts';

const BATCH = 100;

/**
 * Moves staged order_jobs rows into the queue: the queue job is inserted in the same transaction
 * that marks the row queued, so each row gets exactly one queue job even with several dispatchers.
 */
export function dispatchStagedJobs(db: Db, boss: PgBoss, limit = BATCH): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await lockUndispatched(tx, limit);
    const queueTx = fromKysely(tx);
    for (const row of rows) {
      const data: OrderJobData = { orderJobId: row.id };
      const queueJobId = await boss.send(row.kind, data, { db: queueTx });
      if (!queueJobId) throw new Error(`the queue refused order job ${row.id}`);
      await markQueued(tx, row.id, queueJobId);
      countJobQueued(row.kind);
    }
    return rows.length;
  });
}

export interface Dispatcher {
  /** Dispatches now (serialized with the loop); resolves with how many rows moved. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startDispatcher(db: Db, boss: PgBoss, intervalMs: number, logger: Logger): Dispatcher {
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runOnce = () => {
    running = running.then(
      () => dispatchStagedJobs(db, boss),
      () => dispatchStagedJobs(db, boss),
    );
    return running;
  };
  const tick = async () => {
    let moved = 0;
    try {
      moved = await runOnce();
      if (moved > 0) logger.debug({ moved }, 'order jobs dispatched to the queue');
    } catch (error) {
      logger.warn({ err: error }, 'order job dispatch failed; retrying');
    }
    if (!stopped) timer = setTimeout(tick, moved >= BATCH ? 0 : intervalMs);
  };
  timer = setTimeout(tick, 0);
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => 0);
    },
  };
}
