import express, { Router } from 'express';
import { MalformedEventError, WebhookSignatureError } from '../payments/payment-gateway.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { BadRequestError, DomainError } from '../platform/errors.ts';
import { receiveEvent } from './webhooks.service.ts';

/** Stripe's webhook endpoint: raw body on this route only, verified before anything is parsed. */
export function webhookRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post(
    '/payments/webhooks/stripe',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let verified: ReturnType<typeof deps.payments.verifyWebhook>;
      try {
        verified = deps.payments.verifyWebhook(raw, req.get('Stripe-Signature'));
      } catch (error) {
        if (error instanceof WebhookSignatureError) {
          req.log.warn({ reason: error.message }, 'webhook signature rejected');
          throw new BadRequestError(
            `Webhook signature verification failed: ${error.message}`,
            'invalid-signature',
          );
        }
        if (error instanceof MalformedEventError) {
          // Signed by Stripe yet unreadable: a retry cannot fix it, so refuse it and store nothing.
          req.log.warn({ errors: error.errors }, 'webhook event malformed');
          throw new DomainError(400, 'malformed-event', 'Malformed event', error.message, {
            errors: error.errors,
          });
        }
        throw error;
      }
      const receipt = await receiveEvent(deps, verified);
      res.json({ received: true, ...receipt });
    },
  );
  return router;
}
