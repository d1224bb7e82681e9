import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { type Options, type RateLimitInfo, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { Config } from './config.ts';
import { TooManyRequestsError } from './errors.ts';
import type { Logger } from './logger.ts';
import { FailoverStore } from './rate-limit-store.ts';

/** The API's limiters. Each has its own store: express-rate-limit refuses a shared one. */
export interface RateLimits {
  /** Operator routes, per client IP, before authentication: slows down key guessing. */
  operatorPerIp: RequestHandler;
  /** Operator routes, per API key (its prefix) or staff member, after authentication. */
  operatorPerKey: RequestHandler;
  /** The diner's `POST …/orders`, per client IP: each order opens a PaymentIntent. */
  orderCreationPerIp: RequestHandler;
  /** Staff sign-in and password change, per client IP: failed attempts only. */
  signInPerIp: RequestHandler;
  /** Staff sign-in and password change, per email (hashed): failed attempts only, so guessing one account's password is slow. */
  signInPerEmail: RequestHandler;
  /** `degraded` while REDIS_URL is set but Redis does not answer: limits are per process meanwhile. */
  state(): 'ok' | 'degraded';
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
  countOnlyFailures = false,
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
    skipSuccessfulRequests: countOnlyFailures,
    ...(store ? { store } : {}),
    ...(keyGenerator ? { keyGenerator } : {}),
    handler: (req, _res, next) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? Date.now() + windowMs;
      next(new TooManyRequestsError(Math.max(1, Math.ceil((reset - Date.now()) / 1000))));
    },
  });
}

/**
 * The account a password change (the signed-in member's email) or a sign-in (its body's email)
 * tries, hashed so no email is kept in Redis.
 */
function attemptedAccount(req: Request, res: Response): string {
  const body: unknown = req.body;
  const fromBody =
    typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string'
      ? body.email
      : undefined;
  const email = (res.locals.staffEmail ?? fromBody ?? '').trim().toLowerCase();
  return createHash('sha256').update(email).digest('base64url');
}

export function createRateLimits(config: Config, storeFor: StoreFactory = () => undefined): RateLimits {
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const signInWindowMs = config.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS * 1000;
  return {
    operatorPerIp: limiter('operator-ip', config.RATE_LIMIT_OPERATOR_PER_IP, windowMs, storeFor),
    operatorPerKey: limiter(
      'operator-key',
      config.RATE_LIMIT_OPERATOR_PER_KEY,
      windowMs,
      storeFor,
      (_req, res) => String(res.locals.operator?.principal ?? 'anonymous'),
    ),
    orderCreationPerIp: limiter('orders-ip', config.RATE_LIMIT_ORDERS_PER_IP, windowMs, storeFor),
    signInPerIp: limiter(
      'sign-in-ip',
      config.RATE_LIMIT_SIGN_IN_PER_IP,
      signInWindowMs,
      storeFor,
      undefined,
      true,
    ),
    signInPerEmail: limiter(
      'sign-in-email',
      config.RATE_LIMIT_SIGN_IN_PER_EMAIL,
      signInWindowMs,
      storeFor,
      attemptedAccount,
      true,
    ),
    state: () => 'ok',
    close: async () => {},
  };
}

/**
 * With REDIS_URL the counters live in Redis, shared by every API process; otherwise in memory
 * (one process). `prefix` separates deployments (or tests) sharing one Redis. Start-up never waits
 * for Redis: until it answers, and whenever it stops answering, each limit counts per process, and
 * the client reconnects in the background.
 */
export function openRateLimits(config: Config, logger: Logger, prefix = 'rl'): RateLimits {
  if (!config.REDIS_URL) return createRateLimits(config);
  // Without the offline queue a command fails at once while Redis is away, rather than waiting.
  const client = createClient({ url: config.REDIS_URL, disableOfflineQueue: true });
  const stores: FailoverStore[] = [];
  let announced: 'ok' | 'degraded' | undefined;
  client.on('ready', () => {
    for (const store of stores) store.reconnected();
    announced = 'ok';
    logger.info('rate limits shared through Redis');
  });
  // The client reports every failed reconnection; the log says once that limits changed.
  client.on('error', (err: unknown) => {
    if (announced === 'degraded') return;
    announced = 'degraded';
    logger.warn(
      { err },
      'rate-limit store (Redis) unreachable: limits are per process until Redis is back; reconnecting in the background',
    );
  });
  client.connect().catch(() => undefined);
  const limits = createRateLimits(config, (name) => {
    const redis = new RedisStore({
      prefix: `${prefix}:${name}:`,
      sendCommand: (...args: string[]) => client.sendCommand(args),
    });
    const store = new FailoverStore(redis, () => client.isReady);
    stores.push(store);
    return store;
  });
  return {
    ...limits,
    state: () => (client.isReady ? 'ok' : 'degraded'),
    close: async () => {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
      for (const store of stores) store.shutdown();
    },
  };
}
