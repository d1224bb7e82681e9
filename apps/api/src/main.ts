import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { startJobRunner } from './jobs/job-runner.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { provisionDemoOperatorKey } from './operators/demo-key.ts';
import { OrderFeed } from './orders/feed/order-feed.ts';
import { loadConfigOrExit } from './platform/config.ts';
import { gracefulServer } from './platform/graceful-server.ts';
import { createLogger } from './platform/logger.ts';
import { openRateLimits } from './platform/rate-limit.ts';
import { openRuntime } from './platform/runtime.ts';
import { seedDemoRestaurant } from './restaurants/seed.ts';
import { provisionDemoManager } from './staff/demo-staff.ts';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const publicUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const runtime = await openRuntime(config, logger, `${publicUrl}/payments/webhooks/stripe`);
  const { db } = runtime.database;
  if (config.NODE_ENV !== 'production') {
    const demo = await seedDemoRestaurant(db, 'demo', config.DEMO_HOURS, config.DEMO_SITE_URL);
    const manual = await seedDemoRestaurant(
      db,
      'demo-manual',
      config.DEMO_HOURS,
      config.DEMO_MANUAL_SITE_URL,
    );
    logger.info({ slugs: ['demo', 'demo-manual'] }, 'demo restaurants seeded');
    const print = (line: string) => process.stdout.write(`${line}\n`);
    await provisionDemoOperatorKey(db, demo, config.DEMO_OPERATOR_API_KEY, print);
    // The manual-acceptance demo's staff key is made fresh on every start, for trying accept and reject.
    await provisionDemoOperatorKey(db, manual, undefined, print);
    await provisionDemoManager(db, demo, print);
    await provisionDemoManager(db, manual, print);
  }

  const rateLimits = openRateLimits(config, logger);
  const orderFeed = new OrderFeed(db, {
    logger,
    listen: runtime.database.listen,
    pollMs: config.ORDER_FEED_POLL_MS,
  });
  const app = createApp({ config, db, logger, payments: runtime.payments, rateLimits, orderFeed });
  // JOBS_IN_PROCESS=false when separate `worker` processes run the jobs (PostgreSQL only).
  const jobs = config.JOBS_IN_PROCESS
    ? await startJobRunner({ config, database: runtime.database, logger, payments: runtime.payments })
    : undefined;
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port }, `API listening on http://${config.HOST}:${port}`);
    if (runtime.emulatorUrl) logger.info(`Stripe emulator (test double) on ${runtime.emulatorUrl}`);
  });
  const graceful = gracefulServer(server, logger);
  const metrics =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          logger,
          pool: runtime.database.pool,
        });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    // A close that hangs (a stuck connection pool, say) must not keep an old process alive.
    const force = setTimeout(
      () => {
        logger.error('shutdown timed out; exiting');
        process.exit(1);
      },
      config.SHUTDOWN_GRACE_MS + config.JOB_SHUTDOWN_GRACE_MS + 5_000,
    );
    force.unref();
    await graceful.drain(config.SHUTDOWN_GRACE_MS);
    await orderFeed.close();
    await jobs?.stop();
    await rateLimits.close();
    await runtime.close();
    await metrics?.close();
    logger.info('stopped');
    process.exit(0);
  };
  const onSignal = (signal: string) =>
    shutdown(signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
