import type { AddressInfo } from 'node:net';
import {
  createApp,
  createLogger,
  createStripeGateway,
  databaseOptions,
  loadConfig,
  openDatabase,
} from '@repo/api';

// The real app on the bench database; jobs and rate limits are not what is measured here.
const env = process.env;
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: env.BENCH_DATABASE_URL,
  // No job runs here, so no email is sent: production's SMTP requirement is waived explicitly.
  MAIL_TRANSPORT: 'file',
  LOG_LEVEL: env.LOG_LEVEL ?? 'silent',
  STRIPE_SECRET_KEY: env.BENCH_STRIPE_SECRET_KEY,
  STRIPE_PUBLISHABLE_KEY: env.BENCH_STRIPE_PUBLISHABLE_KEY,
  STRIPE_WEBHOOK_SECRETS: env.BENCH_WEBHOOK_SECRET,
  STRIPE_API_BASE: env.BENCH_STRIPE_API_BASE,
  DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE,
  DATABASE_PREPARED_STATEMENTS: env.DATABASE_PREPARED_STATEMENTS,
  ...Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('RATE_LIMIT_'))),
});
const database = await openDatabase(databaseOptions(config));
const logger = createLogger(config);
const payments = createStripeGateway({
  secretKey: config.STRIPE_SECRET_KEY!,
  publishableKey: config.STRIPE_PUBLISHABLE_KEY!,
  webhookSecrets: config.STRIPE_WEBHOOK_SECRETS ?? [],
  apiBase: config.STRIPE_API_BASE,
  logger,
});
const app = createApp({ config, db: database.db, logger, payments });
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
