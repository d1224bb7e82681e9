import type { OrderFeed } from '../orders/feed/order-feed.ts';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Logger } from './logger.ts';
import type { RateLimits } from './rate-limit.ts';

/** Everything the HTTP app needs, built by main (or a test) and passed in. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  payments: PaymentGateway;
  /** Shared (Redis) limiters from main; in-memory ones from config when absent. */
  rateLimits?: RateLimits;
  /** The process's one reader of the order change feed, for the event streams. */
  orderFeed?: OrderFeed;
}
