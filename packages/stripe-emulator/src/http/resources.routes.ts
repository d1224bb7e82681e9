import express, { type Router } from 'express';
import { optionalString } from '../domain/params.ts';
import { paymentMethodObject } from '../domain/payment-methods.ts';
import { createRefund } from '../domain/refunds.service.ts';
import { paginate } from './list.ts';
import {
  CREATE_REFUND,
  LIST_CHARGES,
  LIST_EVENTS,
  LIST_REFUNDS,
  RETRIEVE,
  SEARCH_CHARGES,
} from './params/resources.params.ts';
import { allowed, find, type RouteKit } from './routing.ts';
import { search } from './search.ts';

const CHARGE_SEARCH_FIELDS = ['amount', 'created', 'currency', 'customer', 'disputed', 'refunded', 'status'];

/** Charges, Refunds, Disputes, PaymentMethods and Events. */
export function resourceRoutes({ domain, route }: RouteKit): Router {
  const router = express.Router();
  const { store } = domain;

  router.get(
    '/charges',
    route(
      LIST_CHARGES,
      allowed('charge', 'read', ({ params }) => {
        const pi = optionalString(params, 'payment_intent');
        const charges = [...store.charges.values()].filter((c) => !pi || c.payment_intent === pi);
        return paginate(charges, params, '/v1/charges', 'charge');
      }),
    ),
  );
  router.get(
    '/charges/search',
    route(
      SEARCH_CHARGES,
      allowed('charge', 'read', ({ params }) =>
        search(store.charges.values(), params, CHARGE_SEARCH_FIELDS, 'charges'),
      ),
    ),
  );
  router.get(
    '/charges/:id',
    route(
      RETRIEVE,
      allowed('charge', 'read', ({ path }) => find(store.charges, 'charge', path.id ?? '')),
    ),
  );

  router.post(
    '/refunds',
    route(
      CREATE_REFUND,
      allowed('refund', 'write', ({ params, cause }) => createRefund(domain, params, cause)),
    ),
  );
  router.get(
    '/refunds',
    route(
      LIST_REFUNDS,
      allowed('refund', 'read', ({ params }) => {
        const pi = optionalString(params, 'payment_intent');
        const charge = optionalString(params, 'charge');
        const refunds = [...store.refunds.values()].filter(
          (r) => (!pi || r.payment_intent === pi) && (!charge || r.charge === charge),
        );
        return paginate(refunds, params, '/v1/refunds', 'refund');
      }),
    ),
  );
  router.get(
    '/refunds/:id',
    route(
      RETRIEVE,
      allowed('refund', 'read', ({ path }) => find(store.refunds, 'refund', path.id ?? '')),
    ),
  );

  router.get(
    '/disputes/:id',
    route(
      RETRIEVE,
      allowed('dispute', 'read', ({ path }) => find(store.disputes, 'dispute', path.id ?? '')),
    ),
  );
  router.get(
    '/payment_methods/:id',
    route(
      RETRIEVE,
      allowed('payment_method', 'read', ({ path }) =>
        paymentMethodObject(find(store.paymentMethods, 'PaymentMethod', path.id ?? '')),
      ),
    ),
  );

  router.get(
    '/events',
    route(
      LIST_EVENTS,
      allowed('event', 'read', ({ params }) => {
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
  router.get(
    '/events/:id',
    route(
      RETRIEVE,
      allowed('event', 'read', ({ path }) =>
        find(new Map(store.events.map((e) => [e.id, e])), 'event', path.id ?? ''),
      ),
    ),
  );
  return router;
}
