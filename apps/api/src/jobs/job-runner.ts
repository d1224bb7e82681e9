import type { Db as BossDb, PgBoss } from 'pg-boss';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Config } from '../platform/config.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { IDEMPOTENCY_RETENTION_HOURS, purgeIdempotencyKeys } from '../platform/idempotency.ts';
import type { Logger } from '../platform/logger.ts';
import { rejectOverdueOrders } from './acceptance-expiry.ts';
import { buryOrderJob } from './dead-jobs.ts';
import { type Dispatcher, startDispatcher } from './job-dispatcher.ts';
import {
  ACCEPTANCE_EXPIRY_QUEUE,
  createBoss,
  DEAD_LETTER_QUEUE,
  ensureQueues,
  IDEMPOTENCY_PURGE_QUEUE,
  ORDER_JOB_KINDS,
  RECONCILE_QUEUE,
} from './job-queue.ts';
import type { JobDeps, OrderJobData } from './job-types.ts';
import { createMailer } from './mailer.ts';
import { runOrderJob } from './order-job.worker.ts';
import { runReconciler } from './reconciler.ts';

export interface JobRunnerDeps {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  /** Needed by the reconciler; without it the reconciler does not run here. */
  payments?: PaymentGateway | undefined;
}

export interface JobRunnerOptions {
  /** pg-boss's connection; by default the app's own (see queueDatabaseFor). */
  queueDb?: BossDb;
}

export interface JobRunner {
  boss: PgBoss;
  /** Moves staged rows into the queue now instead of at the next tick. */
  dispatchNow(): Promise<number>;
  /**
   * Graceful (default): running jobs get JOB_SHUTDOWN_GRACE_MS to finish. Otherwise they are failed
   * at once and retried by whichever runner is left.
   */
  stop(options?: { graceful?: boolean }): Promise<void>;
}

/**
 * Starts the background side: a worker per order-job queue, the dead letter handler, the outbox
 * dispatcher, the idempotency key purge (IDEMPOTENCY_PURGE_CRON) and, when a payment gateway is
 * given, the reconciler (RECONCILE_CRON). Runs inside the API (JOBS_IN_PROCESS) or in the `worker`
 * process, in any number.
 */
export async function startJobRunner(
  deps: JobRunnerDeps,
  options: JobRunnerOptions = {},
): Promise<JobRunner> {
  const { config, database } = deps;
  const logger = deps.logger.child({ component: 'jobs' });
  const reconcile = deps.payments !== undefined && config.RECONCILE_CRON !== 'off';
  const purge = config.IDEMPOTENCY_PURGE_CRON !== 'off';
  const expire = deps.payments !== undefined && config.ACCEPTANCE_EXPIRY_CRON !== 'off';
  const boss = createBoss(database, config, {
    ...(options.queueDb ? { db: options.queueDb } : {}),
    schedule: reconcile || purge || expire,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  await ensureQueues(boss, config);

  const mailer = createMailer(config, logger);
  const jobDeps: JobDeps = { db: database.db, config, logger, mailer, payments: deps.payments };
  const polling = { pollingIntervalSeconds: config.JOB_POLL_INTERVAL_SECONDS };
  for (const kind of ORDER_JOB_KINDS) {
    await boss.work<OrderJobData>(kind, polling, async ([job]) => {
      if (job) await runOrderJob(jobDeps, job);
    });
  }
  const withMetadata = { ...polling, includeMetadata: true } as const;
  await boss.work<OrderJobData, void, typeof withMetadata>(DEAD_LETTER_QUEUE, withMetadata, async ([job]) => {
    if (job) await buryOrderJob(database.db, logger, job.data.orderJobId, job.sourceId);
  });
  const { payments } = deps;
  if (payments) {
    await boss.work(RECONCILE_QUEUE, polling, async () => {
      await runReconciler({ db: database.db, payments, logger, config });
    });
    await boss.work(ACCEPTANCE_EXPIRY_QUEUE, polling, async () => {
      await rejectOverdueOrders({ db: database.db, payments, logger });
    });
  }
  await boss.work(IDEMPOTENCY_PURGE_QUEUE, polling, async () => {
    const deleted = await purgeIdempotencyKeys(database.db);
    logger.info(
      { deleted },
      `idempotency purge: deleted ${deleted} key(s) older than ${IDEMPOTENCY_RETENTION_HOURS} h`,
    );
  });
  // pg-boss keeps schedules in the database, so `off` must remove one an earlier start created:
  // any process whose scheduler runs would otherwise go on sending it. A runner without Stripe
  // keys leaves the reconciler's schedule to the processes that have them.
  if (reconcile) await boss.schedule(RECONCILE_QUEUE, config.RECONCILE_CRON, null, { tz: 'UTC' });
  else if (config.RECONCILE_CRON === 'off') await boss.unschedule(RECONCILE_QUEUE);
  if (expire)
    await boss.schedule(ACCEPTANCE_EXPIRY_QUEUE, config.ACCEPTANCE_EXPIRY_CRON, null, { tz: 'UTC' });
  else if (config.ACCEPTANCE_EXPIRY_CRON === 'off') await boss.unschedule(ACCEPTANCE_EXPIRY_QUEUE);
  if (purge) await boss.schedule(IDEMPOTENCY_PURGE_QUEUE, config.IDEMPOTENCY_PURGE_CRON, null, { tz: 'UTC' });
  else await boss.unschedule(IDEMPOTENCY_PURGE_QUEUE);

  const dispatcher: Dispatcher = startDispatcher(database.db, boss, config.JOB_DISPATCH_INTERVAL_MS, logger);
  logger.info(
    {
      queues: [...ORDER_JOB_KINDS, DEAD_LETTER_QUEUE],
      reconcile: reconcile ? config.RECONCILE_CRON : 'off',
      idempotencyPurge: config.IDEMPOTENCY_PURGE_CRON,
    },
    'job runner started',
  );
  let stopping: Promise<void> | undefined;
  return {
    boss,
    dispatchNow: () => dispatcher.runOnce(),
    stop({ graceful = true } = {}) {
      stopping ??= (async () => {
        await dispatcher.stop();
        await boss.stop({ graceful, timeout: Math.max(config.JOB_SHUTDOWN_GRACE_MS, 1000) });
        mailer.close();
        logger.info({ graceful }, 'job runner stopped');
      })();
      return stopping;
    },
  };
}
