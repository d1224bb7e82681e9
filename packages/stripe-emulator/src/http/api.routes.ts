import express, { type Router } from 'express';
import type { Domain } from '../domain/context.ts';
import { ApiError } from '../errors.ts';
import { paymentIntentRoutes } from './payment-intents.routes.ts';
import { resourceRoutes } from './resources.routes.ts';
import { routeKit } from './routing.ts';

/** Stripe's /v1 subset; anything else is answered as Stripe answers a URL it does not know. */
export function apiRoutes(domain: Domain, log: (line: string) => void): Router {
  const router = express.Router();
  const kit = routeKit(domain, log);
  router.use(paymentIntentRoutes(kit), resourceRoutes(kit));
  router.use((req) => {
    throw new ApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: ${req.originalUrl.split('?')[0]}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    });
  });
  return router;
}
