import { registerOperatorRoutes } from '@repo/contracts';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { availabilityRoutes } from './availability/availability.routes.ts';
import { docsRoutes } from './docs/docs.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { menuRoutes } from './menu/menu.routes.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { operatorRoutes } from './operators/operator.routes.ts';
import { orderEventRoutes } from './orders/feed/order-events.routes.ts';
import { OrderFeed } from './orders/feed/order-feed.ts';
import { orderRoutes } from './orders/orders.routes.ts';
import type { AppDeps } from './platform/app-deps.ts';
import { errorHandler, notFound } from './platform/http.ts';
import { jsonBody } from './platform/json-body.ts';
import { masksEmails } from './platform/logger.ts';
import { createRateLimits } from './platform/rate-limit.ts';
import { requestLogging } from './platform/request-logging.ts';
import { webhookRoutes } from './webhooks/webhooks.routes.ts';

/** Builds the Express app without listening; only main listens. */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const limits = deps.rateLimits ?? createRateLimits(config);
  // main passes the process's feed (listening for notifications); without one, it polls only.
  const orderFeed = deps.orderFeed ?? new OrderFeed(deps.db, { logger, pollMs: config.ORDER_FEED_POLL_MS });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(httpMetrics);
  app.use(requestLogging(logger, masksEmails(config)));
  // Server to server and before any JSON parser: the signature covers the exact raw bytes.
  app.use(webhookRoutes(deps));
  app.use(helmet());
  app.use(
    cors({
      origin: config.CORS_ORIGINS,
      allowedHeaders: [
        'Content-Type',
        'Authorization',
        'Idempotency-Key',
        'X-Order-Token',
        'X-Request-Id',
        'Last-Event-ID',
      ],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );
  app.use(healthRoutes(deps, limits));
  app.use(docsRoutes([registerOperatorRoutes]));
  app.use(jsonBody(config.BODY_LIMIT));
  app.use(menuRoutes(deps));
  // Before orderRoutes: `/orders/events` is not an order id.
  app.use(orderEventRoutes({ ...deps, orderFeed }, limits));
  app.use(orderRoutes(deps, limits));
  app.use(operatorRoutes(deps, limits));
  app.use(availabilityRoutes(deps, limits));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
