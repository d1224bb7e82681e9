import type { Request, RequestHandler } from 'express';
import { type Options, type RateLimitInfo, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { Config } from './config.ts';
import { TooManyRequestsError } from './errors.ts';
import type { Logger } from './logger.ts';

/** The API's limiters. Each has its own store: express-rate-limit refuses a shared one. */
export interface RateLimits {
  /** Operator routes, per client IP, before authentication: slows down key guessing. */
  operatorPerIp: RequestHandler;
  /** Operator routes, per API key (its prefix), after authentication. */
  operatorPerKey: RequestHandler;
  /** The diner's `POST …/orders`, per client IP: each order opens a PaymentIntent. */
  orderCreationPerIp: RequestHandler;
  close(): Promise<void>;
}

/** Builds a store for one limiter; undefined means express-rate-limit's in-memory store. */
export type StoreFactory = (name: string) => Store | undefined;

const passThrough: RequestHandler = (_req, _res, next) => next();

function limiter(
  name: string,
  limit: number,
  windowMs: number,
  storeFor: StoreFactory,
  keyGenerator?: Options['keyGenerator'],
): RequestHandler {
  if (limit === 0) return passThrough;
  const store = storeFor(name);
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // A Redis outage must not take the API down with it.
    passOnStoreError: true,
    ...(store ? { store } : {}),
    ...(keyGenerator ? { keyGenerator } : {}),
    handler: (req, _res, next) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? Date.now() + windowMs;
      next(new TooManyRequestsError(Math.max(1, Math.ceil((reset - Date.now()) / 1000))));
    },
  });
}

export function createRateLimits(config: Config, storeFor: StoreFactory = () => undefined): RateLimits {
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  return {
    operatorPerIp: limiter('operator-ip', config.RATE_LIMIT_OPERATOR_PER_IP, windowMs, storeFor),
    operatorPerKey: limiter(
      'operator-key',
      config.RATE_LIMIT_OPERATOR_PER_KEY,
      windowMs,
      storeFor,
      (_req, res) => String(res.locals.operator?.keyPrefix ?? 'anonymous'),
    ),
    orderCreationPerIp: limiter('orders-ip', config.RATE_LIMIT_ORDERS_PER_IP, windowMs, storeFor),
    close: async () => {},
  };
}

/**
 * With REDIS_URL the counters live in Redis, shared by every API process; otherwise in memory
 * (one process). `prefix` separates deployments (or tests) sharing one Redis.
 */
export async function openRateLimits(config: Config, logger: Logger, prefix = 'rl'): Promise<RateLimits> {
  if (!config.REDIS_URL) return createRateLimits(config);
  const client = createClient({ url: config.REDIS_URL });
  client.on('error', (err: unknown) => logger.warn({ err }, 'rate-limit store (Redis) error'));
  await client.connect();
  const limits = createRateLimits(
    config,
    (name) =>
      new RedisStore({
        prefix: `${prefix}:${name}:`,
        sendCommand: (...args: string[]) => client.sendCommand(args),
      }),
  );
  return {
    ...limits,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
