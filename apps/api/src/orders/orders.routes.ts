import { CreateOrderRequest } from '@repo/contracts';
import { type Request, type Response, Router } from 'express';
import { CatalogCache } from '../menu/catalog-cache.ts';
import { requireRestaurant } from '../menu/menu.service.ts';
import { operatorOf, requireOperator } from '../operators/operator-auth.ts';
import { getOperatorOrder } from '../operators/operator-orders.service.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { keyedRequest, missingBeforeInvalid, onlyWhen, parseInput, sendStored } from '../platform/http.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import { hasSessionCookie } from '../sessions/session-cookie.ts';
import { getDinerOrder } from './diner-order.service.ts';
import { createOrder } from './orders.service.ts';

export function orderRoutes(deps: AppDeps, limits: RateLimits): Router {
  const router = Router();
  const orders = { ...deps, catalogs: new CatalogCache() };

  router.post(
    '/api/clients/:slug/orders',
    limits.orderCreationPerIp,
    async (req: Request, res: Response) => {
      const request = parseInput(CreateOrderRequest, req.body);
      const command = { slug: String(req.params.slug), request, ...keyedRequest(req) };
      sendStored(res, await createOrder(orders, command));
    },
    // An unknown restaurant is a 404 before any input problem.
    missingBeforeInvalid((req) => requireRestaurant(deps.db, String(req.params.slug))),
  );

  // One URL, two viewers: the diner with the order token, or an operator with a key or a staff session.
  const asOperator = onlyWhen(
    (req) =>
      req.get('Authorization') !== undefined ||
      (hasSessionCookie(req) && req.get('X-Order-Token') === undefined),
    limits.operatorPerIp,
    requireOperator(deps.db, deps.now),
    limits.operatorPerKey,
  );
  router.get('/api/clients/:slug/orders/:orderId', asOperator, async (req, res) => {
    const slug = String(req.params.slug);
    const orderId = String(req.params.orderId);
    const view = res.locals.operator
      ? await getOperatorOrder(deps.db, operatorOf(res), orderId)
      : await getDinerOrder(deps, slug, orderId, req.get('X-Order-Token'));
    res.set('Cache-Control', 'no-store').json(view);
  });

  return router;
}
