import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createApp,
  createLogger,
  createStripeGateway,
  databaseOptions,
  loadConfig,
  OrderFeed,
  openDatabase,
} from '@repo/api';

// The real app on the bench database; jobs and rate limits are not what is measured here.
const env = process.env;
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: env.BENCH_DATABASE_URL,
  // No job runs here, so no email is sent: production's SMTP requirement is waived explicitly.
  MAIL_TRANSPORT: 'file',
  // Nor is an order link signed or opened here; production's own secret is still required.
  ORDER_LINK_SECRET: randomBytes(32).toString('hex'),
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
// Counts the PaymentIntent reads the app makes (the diner's re-sync), answered on a port of its own.
let retrieves = 0;
const counted = {
  ...payments,
  livemode: payments.livemode,
  publicInfo: payments.publicInfo,
  retrievePaymentIntent: (id: string) => {
    retrieves += 1;
    return payments.retrievePaymentIntent(id);
  },
};
// The order event streams read the change feed on PostgreSQL's notifications, as in main.
const orderFeed = new OrderFeed(database.db, {
  logger,
  listen: database.listen,
  pollMs: config.ORDER_FEED_POLL_MS,
});
const app = createApp({ config, db: database.db, logger, payments: counted, orderFeed });
const counter = createServer((_req, res) => res.end(JSON.stringify({ retrieves })));
await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
const port = (address: AddressInfo | string | null) => (address as AddressInfo).port;
const server = app.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${port(server.address())}`;
  const stripeCalls = `http://127.0.0.1:${port(counter.address())}`;
  process.stdout.write(`${JSON.stringify({ url, stripeCalls })}\n`);
});
process.on('SIGTERM', () => {
  counter.close();
  server.closeAllConnections();
  void orderFeed.close();
  server.close(() => void database.close().then(() => process.exit(0)));
});
