import express, { type Router } from 'express';
import { capturePaymentIntent } from '../domain/authorization.ts';
import {
  cancelPaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  findPaymentIntent,
  updatePaymentIntent,
} from '../domain/payment-intents.service.ts';
import { refuseRawCardData, requireIntentAccess } from './auth.ts';
import { paginate } from './list.ts';
import {
  CANCEL_PAYMENT_INTENT,
  CAPTURE_PAYMENT_INTENT,
  CONFIRM_PAYMENT_INTENT,
  CREATE_PAYMENT_INTENT,
  LIST_PAYMENT_INTENTS,
  RETRIEVE_PAYMENT_INTENT,
  SEARCH_PAYMENT_INTENTS,
  UPDATE_PAYMENT_INTENT,
} from './params/payment-intents.params.ts';
import { allowed, type RouteKit } from './routing.ts';
import { search } from './search.ts';

const SEARCH_FIELDS = ['amount', 'created', 'currency', 'customer', 'status'] as const;

/** /v1/payment_intents: create, retrieve, update, confirm, capture, cancel, list, search. */
export function paymentIntentRoutes({ domain, route }: RouteKit): Router {
  const router = express.Router();
  const { store } = domain;
  const intent = (id: string | undefined) => findPaymentIntent(domain, id ?? '');

  router.post(
    '/payment_intents',
    route(
      CREATE_PAYMENT_INTENT,
      allowed('payment_intent', 'write', ({ params, auth, cause }) => {
        refuseRawCardData(auth, params);
        return createPaymentIntent(domain, params, cause);
      }),
    ),
  );
  router.get(
    '/payment_intents',
    route(
      LIST_PAYMENT_INTENTS,
      allowed('payment_intent', 'read', ({ params }) =>
        paginate(store.paymentIntents.values(), params, '/v1/payment_intents', 'payment_intent'),
      ),
    ),
  );
  router.get(
    '/payment_intents/search',
    route(
      SEARCH_PAYMENT_INTENTS,
      allowed('payment_intent', 'read', ({ params }) =>
        search(store.paymentIntents.values(), params, SEARCH_FIELDS, 'payment_intents'),
      ),
    ),
  );
  router.get(
    '/payment_intents/:id',
    route(RETRIEVE_PAYMENT_INTENT, ({ path, params, auth }) => {
      const pi = intent(path.id);
      requireIntentAccess(auth, pi, params.client_secret, 'read');
      return pi;
    }),
  );
  router.post(
    '/payment_intents/:id',
    route(
      UPDATE_PAYMENT_INTENT,
      allowed('payment_intent', 'write', ({ path, params, auth }) => {
        refuseRawCardData(auth, params);
        return updatePaymentIntent(domain, intent(path.id), params);
      }),
    ),
  );
  router.post(
    '/payment_intents/:id/confirm',
    route(CONFIRM_PAYMENT_INTENT, ({ path, params, auth, cause }) => {
      const pi = intent(path.id);
      requireIntentAccess(auth, pi, params.client_secret, 'write');
      refuseRawCardData(auth, params);
      return confirmPaymentIntent(domain, pi, params, cause);
    }),
  );
  router.post(
    '/payment_intents/:id/capture',
    route(
      CAPTURE_PAYMENT_INTENT,
      allowed('payment_intent', 'write', ({ path, params, cause }) =>
        capturePaymentIntent(domain, intent(path.id), params, cause),
      ),
    ),
  );
  router.post(
    '/payment_intents/:id/cancel',
    route(
      CANCEL_PAYMENT_INTENT,
      allowed('payment_intent', 'write', ({ path, params, cause }) =>
        cancelPaymentIntent(domain, intent(path.id), params, cause),
      ),
    ),
  );
  return router;
}
