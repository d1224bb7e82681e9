import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, startEmulator } from '@repo/stripe-emulator';
import type { Express } from 'express';
import { createApp } from '../src/app.ts';
import { OrderFeed } from '../src/orders/feed/order-feed.ts';
import type { PaymentGateway } from '../src/payments/payment-gateway.ts';
import { createStripeGateway } from '../src/payments/stripe-gateway.ts';
import { type Config, loadConfig } from '../src/platform/config.ts';
import type { DatabaseHandle, Db } from '../src/platform/db/database.ts';
import type { Database, Restaurant } from '../src/platform/db/schema.ts';
import { createLogger, type Logger } from '../src/platform/logger.ts';
import { seedDemoRestaurant } from '../src/restaurants/seed.ts';
import { closeAll } from './close-all.ts';
import { createTestDatabase } from './database.ts';

export const WEBHOOK_SECRET = 'whsec_test_harness_secret_0001';

export interface TestContext {
  app: Express;
  config: Config;
  database: DatabaseHandle;
  db: Db;
  emulator: Emulator;
  payments: PaymentGateway;
  restaurant: Restaurant;
  /** The app listening on an ephemeral loopback port, for the emulator's webhook deliveries. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface TestContextOptions {
  env?: Record<string, string>;
  webhookSecrets?: string[];
}

/** One isolated database, one emulator and the real app, for one test file. */
export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    LOG_LEVEL: process.env.LOG_LEVEL,
    ...options.env,
  });
  const database = await createTestDatabase(config.DATABASE_URL);
  let emulator: Emulator | undefined;
  try {
    const restaurant = await seedDemoRestaurant(database.db);
    emulator = await startEmulator({ retryScheduleMs: [50, 100, 200] });
    return startedContext(config, database, restaurant, emulator, options);
  } catch (error) {
    // A failed setup closes what it started (open handles would keep Jest from exiting) and
    // reports its own error rather than one from closing.
    await closeAll(
      () => emulator?.close(),
      () => database.close(),
    ).catch(() => {});
    throw error;
  }
}

function startedContext(
  config: Config,
  database: DatabaseHandle,
  restaurant: Restaurant,
  emulator: Emulator,
  options: TestContextOptions,
): TestContext {
  const logger = createLogger(config);
  const payments = createStripeGateway({
    secretKey: emulator.secretKey,
    publishableKey: emulator.publishableKey,
    webhookSecrets: options.webhookSecrets ?? [WEBHOOK_SECRET],
    apiBase: emulator.url,
    timeoutMs: 2_000,
    logger,
  });
  // The event streams read the change feed when PostgreSQL (or PGlite) notifies, as in main.
  const orderFeed = new OrderFeed(database.db, {
    logger,
    listen: database.listen,
    pollMs: config.ORDER_FEED_POLL_MS,
  });
  const app = createApp({ config, db: database.db, logger, payments, orderFeed });
  let server: Server | undefined;
  return {
    app,
    config,
    database,
    db: database.db,
    emulator,
    payments,
    restaurant,
    async listen() {
      server ??= await new Promise<Server>((resolve) => {
        const started = app.listen(0, '127.0.0.1', () => resolve(started));
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      emulator.control.addWebhookEndpoint({ url: `${url}/payments/webhooks/stripe`, secret: WEBHOOK_SECRET });
      return url;
    },
    close: () =>
      closeAll(
        () =>
          new Promise<void>((resolve) => {
            if (!server) return resolve();
            server.close(() => resolve());
            // Event streams never end by themselves.
            server.closeAllConnections();
          }),
        () => orderFeed.close(),
        () => emulator.close(),
        () => database.close(),
      ),
  };
}

/** The real app over this context's configuration, with another database handle or payment gateway. */
export function appWith(
  ctx: TestContext,
  parts: { db?: Db; payments?: PaymentGateway; logger?: Logger },
): Express {
  return createApp({
    config: ctx.config,
    db: parts.db ?? ctx.db,
    logger: parts.logger ?? createLogger(ctx.config),
    payments: parts.payments ?? ctx.payments,
  });
}

/** A logger that keeps each error-level line (parsed), for tests of what reaches the alerts. */
export function errorLog(ctx: TestContext): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { ...ctx.config, LOG_LEVEL: 'error' },
    {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines };
}

/**
 * The same database, where the first statement that mentions `column` (in its query tree, or in the
 * text of a statement run as compiled SQL) fails before it runs, as a serialization failure
 * (SQLSTATE 40001) would: for the retry paths of idempotent requests. Compiled SQL is matched by
 * whole word, so pick a column only the target statement names: the order's placing statement
 * names most of `orders` (`status`, `livemode`, …), its seal `response_body`. Compiled statements
 * run inside `transaction()` are not checked.
 */
export function contendedOnce(db: Db, column: string): { db: Db; failed: () => boolean } {
  let failed = false;
  const failOnce = () => {
    failed = true;
    throw Object.assign(new Error('could not serialize access due to concurrent update'), {
      code: '40001',
    });
  };
  const contended = db.withPlugin({
    transformQuery({ node }) {
      if (!failed && JSON.stringify(node).includes(`"${column}"`)) failOnce();
      return node;
    },
    transformResult: async ({ result }) => result,
  });
  const mentions = new RegExp(`\\b${column}\\b`);
  const compiled = new Proxy(contended, {
    get(target, property) {
      if (property === 'executeQuery') {
        return (...args: Parameters<Db['executeQuery']>) => {
          const [query] = args;
          if (!failed && 'sql' in query && mentions.test(query.sql)) failOnce();
          return target.executeQuery(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: compiled, failed: () => failed };
}

/**
 * The same database, where `action` runs once, awaited, right after the first statement whose query
 * tree (as JSON) `matches` has run: to land a webhook, say, at one exact point of a request. Built
 * queries only: the two compiled statements of order creation (placing, sealing) have no tree.
 */
export function hookedOnce(
  db: Db,
  matches: (tree: string) => boolean,
  action: () => Promise<void>,
): { db: Db; ran: () => boolean } {
  let target: string | undefined;
  let ran = false;
  const hooked = db.withPlugin({
    transformQuery({ node, queryId }) {
      if (target === undefined && matches(JSON.stringify(node))) target = queryId.queryId;
      return node;
    },
    async transformResult({ result, queryId }) {
      if (!ran && queryId.queryId === target) {
        ran = true;
        await action();
      }
      return result;
    },
  });
  return { db: hooked, ran: () => ran };
}

/** How many rows a table holds: for asserting that a refused request wrote nothing. */
export async function rowCount(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
