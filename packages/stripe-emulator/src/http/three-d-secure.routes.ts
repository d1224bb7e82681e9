import express, { type Router } from 'express';
import { chargeCard, failAuthentication } from '../domain/charging.ts';
import type { Domain } from '../domain/context.ts';
import { backgroundCause } from '../domain/events.ts';
import { ApiError, invalidRequest, resourceMissing } from '../errors.ts';
import { challengePage, resultPage } from './three-d-secure.page.ts';

/** An authorized (requires_capture) payment returns as succeeded: the customer's part is done. */
const REDIRECT_STATUS: Partial<Record<string, string>> = {
  succeeded: 'succeeded',
  requires_capture: 'succeeded',
  processing: 'processing',
};

/** The page a 3-D Secure card's next_action.redirect_to_url points at. */
export function threeDSecureRoutes(domain: Domain): Router {
  const router = express.Router();
  const { store } = domain;

  const load = (id: string, clientSecret: unknown) => {
    const pi = store.paymentIntents.get(id);
    if (!pi) throw resourceMissing('payment_intent', id);
    if (clientSecret !== pi.client_secret)
      throw invalidRequest('The client_secret does not match.', undefined, 'client_secret');
    return pi;
  };

  router.get('/3ds/:id', (req, res) => {
    const pi = load(req.params.id, req.query.client_secret);
    const amount = `${(pi.amount / 100).toFixed(2)} ${pi.currency.toUpperCase()}`;
    res.type('html').send(challengePage(`/_emulator/3ds/${pi.id}`, pi.client_secret ?? '', amount));
  });

  router.post('/3ds/:id', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const pi = load(req.params.id, body.client_secret);
    const cause = backgroundCause();
    const pm =
      typeof pi.payment_method === 'string' ? store.paymentMethods.get(pi.payment_method) : undefined;
    if (pi.status === 'requires_action' && pm) {
      if (body.result === 'complete') {
        try {
          chargeCard(domain, pi, pm, true, cause);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      } else {
        failAuthentication(domain, pi, pm, cause);
      }
    }
    const redirectStatus = REDIRECT_STATUS[pi.status] ?? 'failed';
    res.once('finish', () => void domain.events.flush(cause));
    const returnUrl = store.returnUrls.get(pi.id);
    if (!returnUrl) {
      res.type('html').send(resultPage(redirectStatus));
      return;
    }
    const target = new URL(returnUrl);
    target.searchParams.set('payment_intent', pi.id);
    target.searchParams.set('payment_intent_client_secret', pi.client_secret ?? '');
    target.searchParams.set('redirect_status', redirectStatus);
    res.redirect(303, target.toString());
  });
  return router;
}
