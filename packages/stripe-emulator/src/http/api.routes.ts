import express, { type Router } from 'express';
import { capturePaymentIntent } from '../domain/authorization.ts';
import type { Domain } from '../domain/context.ts';
import { optionalString } from '../domain/params.ts';
import {
  cancelPaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  findPaymentIntent,
  updatePaymentIntent,
} from '../domain/payment-intents.service.ts';
import { paymentMethodObject } from '../domain/payment-methods.ts';
import { createRefund } from '../domain/refunds.service.ts';
import { ApiError, resourceMissing } from '../errors.ts';
import { requireSecretKey, requireSecretOrClientSecret } from './auth.ts';
import { type ApiHandler, apiRoute } from './handler.ts';
import { paginate } from './list.ts';

function find<T>(map: Map<string, T>, kind: string, id: string): T {
  const found = map.get(id);
  if (!found) throw resourceMissing(kind, id);
  return found;
}

/** Stripe's /v1 subset: PaymentIntents, Charges, Refunds, Disputes, PaymentMethods, Events. */
export function apiRoutes(domain: Domain, log: (line: string) => void): Router {
  const router = express.Router();
  const { store } = domain;
  const secret =
    (handler: ApiHandler): ApiHandler =>
    (call) => {
      requireSecretKey(call.auth);
      return handler(call);
    };
  const route = (handler: ApiHandler) => apiRoute(domain, handler, log);

  router.post(
    '/payment_intents',
    route(secret(({ params, cause }) => createPaymentIntent(domain, params, cause))),
  );
  router.get(
    '/payment_intents',
    route(
      secret(({ params }) =>
        paginate(store.paymentIntents.values(), params, '/v1/payment_intents', 'payment_intent'),
      ),
    ),
  );
  router.get(
    '/payment_intents/:id',
    route(({ path, params, auth }) => {
      const pi = findPaymentIntent(domain, path.id ?? '');
      requireSecretOrClientSecret(auth, pi, params.client_secret);
      return pi;
    }),
  );
  router.post(
    '/payment_intents/:id',
    route(
      secret(({ path, params }) =>
        updatePaymentIntent(domain, findPaymentIntent(domain, path.id ?? ''), params),
      ),
    ),
  );
  router.post(
    '/payment_intents/:id/confirm',
    route(({ path, params, auth, cause }) => {
      const pi = findPaymentIntent(domain, path.id ?? '');
      requireSecretOrClientSecret(auth, pi, params.client_secret);
      return confirmPaymentIntent(domain, pi, params, cause);
    }),
  );
  router.post(
    '/payment_intents/:id/capture',
    route(
      secret(({ path, params, cause }) =>
        capturePaymentIntent(domain, findPaymentIntent(domain, path.id ?? ''), params, cause),
      ),
    ),
  );
  router.post(
    '/payment_intents/:id/cancel',
    route(
      secret(({ path, params, cause }) =>
        cancelPaymentIntent(domain, findPaymentIntent(domain, path.id ?? ''), params, cause),
      ),
    ),
  );

  router.get('/charges/:id', route(secret(({ path }) => find(store.charges, 'charge', path.id ?? ''))));
  router.get(
    '/charges',
    route(
      secret(({ params }) => {
        const pi = optionalString(params, 'payment_intent');
        const charges = [...store.charges.values()].filter((c) => !pi || c.payment_intent === pi);
        return paginate(charges, params, '/v1/charges', 'charge');
      }),
    ),
  );

  router.post('/refunds', route(secret(({ params, cause }) => createRefund(domain, params, cause))));
  router.get('/refunds/:id', route(secret(({ path }) => find(store.refunds, 'refund', path.id ?? ''))));
  router.get(
    '/refunds',
    route(
      secret(({ params }) => {
        const pi = optionalString(params, 'payment_intent');
        const charge = optionalString(params, 'charge');
        const refunds = [...store.refunds.values()].filter(
          (r) => (!pi || r.payment_intent === pi) && (!charge || r.charge === charge),
        );
        return paginate(refunds, params, '/v1/refunds', 'refund');
      }),
    ),
  );

  router.get('/disputes/:id', route(secret(({ path }) => find(store.disputes, 'dispute', path.id ?? ''))));
  router.get(
    '/payment_methods/:id',
    route(
      secret(({ path }) => paymentMethodObject(find(store.paymentMethods, 'PaymentMethod', path.id ?? ''))),
    ),
  );

  router.get(
    '/events/:id',
    route(secret(({ path }) => find(new Map(store.events.map((e) => [e.id, e])), 'event', path.id ?? ''))),
  );
  router.get(
    '/events',
    route(
      secret(({ params }) => {
        const type = optionalString(params, 'type');
        const types = Array.isArray(params.types) ? params.types.map(String) : undefined;
        const matchesType = (t: string) =>
          (!type || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type)) &&
          (!types || types.includes(t));
        return paginate(
          store.events.filter((e) => matchesType(e.type)),
          params,
          '/v1/events',
          'event',
        );
      }),
    ),
  );

  router.use((req) => {
    throw new ApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: ${req.originalUrl.split('?')[0]}).`,
    });
  });
  return router;
}
