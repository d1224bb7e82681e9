import { startJobRunner } from './jobs/job-runner.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { stripeGatewayFromConfig } from './payments/stripe-gateway.ts';
import { loadConfigOrExit } from './platform/config.ts';
import { databaseOptions, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createLogger } from './platform/logger.ts';

/**
 * The `worker` process: the job runner without the HTTP API, so workers scale apart from it
 * (`pnpm --filter @repo/api worker`, with JOBS_IN_PROCESS=false on the API). Needs DATABASE_URL
 * when an API runs too: the embedded database belongs to one process.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const database = await openDatabase(
    databaseOptions(config, (err) => logger.warn({ err }, 'database connection lost; the pool reconnects')),
  );
  await migrateToLatest(database.db);
  const payments = stripeGatewayFromConfig(config, logger);
  if (!payments) logger.warn('no STRIPE_SECRET_KEY: the reconciler does not run in this worker');
  const runner = await startJobRunner({ config, database, logger, payments });
  const metrics =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          logger,
          pool: database.pool,
        });
  logger.info({ database: database.kind }, 'worker running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down: letting running jobs finish');
    const force = setTimeout(() => {
      logger.error('worker shutdown timed out; exiting (unfinished jobs are retried after they expire)');
      process.exit(1);
    }, config.JOB_SHUTDOWN_GRACE_MS + 5_000);
    force.unref();
    await runner.stop();
    await database.close();
    await metrics?.close();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
