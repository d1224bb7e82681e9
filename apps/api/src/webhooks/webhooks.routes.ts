import express, { Router } from 'express';
import type { AppDeps } from '../platform/app-deps.ts';
import { receiveWebhook } from './webhooks.service.ts';

/** Stripe's webhook endpoint: raw body on this route only, verified before anything is parsed. */
export function webhookRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post(
    '/payments/webhooks/stripe',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // The request's own logger, so the event's log lines carry the request id.
      const receipt = await receiveWebhook({ ...deps, logger: req.log }, raw, req.get('Stripe-Signature'));
      res.json({ received: true, ...receipt });
    },
  );
  return router;
}
