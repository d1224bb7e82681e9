import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { startJobRunner } from './jobs/job-runner.ts';
import { provisionDemoOperatorKey } from './operators/demo-key.ts';
import { loadConfigOrExit } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { openRateLimits } from './platform/rate-limit.ts';
import { openRuntime } from './platform/runtime.ts';
import { seedDemoRestaurant } from './restaurants/seed.ts';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const publicUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const runtime = await openRuntime(config, logger, `${publicUrl}/payments/webhooks/stripe`);
  const { db } = runtime.database;
  if (config.NODE_ENV !== 'production') {
    const demo = await seedDemoRestaurant(db);
    logger.info({ slug: 'demo' }, 'demo restaurant seeded');
    await provisionDemoOperatorKey(db, demo, config.DEMO_OPERATOR_API_KEY, (line) =>
      process.stdout.write(`${line}\n`),
    );
  }

  const rateLimits = openRateLimits(config, logger);
  const app = createApp({ config, db, logger, payments: runtime.payments, rateLimits });
  // JOBS_IN_PROCESS=false when separate `worker` processes run the jobs (PostgreSQL only).
  const jobs = config.JOBS_IN_PROCESS
    ? await startJobRunner({ config, database: runtime.database, logger, payments: runtime.payments })
    : undefined;
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port }, `API listening on http://${config.HOST}:${port}`);
    if (runtime.emulatorUrl) logger.info(`Stripe emulator (test double) on ${runtime.emulatorUrl}`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      await jobs?.stop();
      await rateLimits.close();
      await runtime.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
