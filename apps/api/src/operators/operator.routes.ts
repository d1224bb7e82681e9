import { OrderListQuery } from '@repo/contracts';
import { type RequestHandler, Router } from 'express';
import type { AppDeps } from '../platform/app-deps.ts';
import { parseInput, sendStored } from '../platform/http.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import { operatorOf, requireOperator } from './operator-auth.ts';
import { cancelOperatorOrder } from './operator-cancel.service.ts';
import { getOperatorOrder, listOperatorOrders } from './operator-orders.service.ts';
import { createOperatorRefund } from './operator-refunds.service.ts';

/**
 * The operator API. Mounted after the diner's order routes: the diner's GET of one order passes
 * requests that carry an Authorization header on to here.
 */
export function operatorRoutes(deps: AppDeps, limits: RateLimits): Router {
  const router = Router();
  const guard = [limits.operatorPerIp, requireOperator(deps.db), limits.operatorPerKey];

  router.get('/api/clients/:slug/orders', ...guard, async (req, res) => {
    const query = parseInput(OrderListQuery, req.query, 'query');
    const page = await listOperatorOrders(deps.db, operatorOf(res), query);
    res.set('Cache-Control', 'no-store').json(page);
  });

  router.get('/api/clients/:slug/orders/:orderId', ...guard, async (req, res) => {
    const view = await getOperatorOrder(deps.db, operatorOf(res), String(req.params.orderId));
    res.set('Cache-Control', 'no-store').json(view);
  });

  // Refund and cancel: the same shape, an order action under an Idempotency-Key.
  const orderAction =
    (action: typeof createOperatorRefund): RequestHandler =>
    async (req, res) => {
      const orderId = String(req.params.orderId);
      sendStored(res, await action(deps, operatorOf(res), orderId, req.get('Idempotency-Key'), req.body));
    };
  router.post('/api/clients/:slug/orders/:orderId/refunds', ...guard, orderAction(createOperatorRefund));
  router.post('/api/clients/:slug/orders/:orderId/cancel', ...guard, orderAction(cancelOperatorOrder));

  return router;
}
