import { CancelOrderRequest, CreateRefundRequest, OrderListQuery } from '@repo/contracts';
import { type Request, type Response, Router } from 'express';
import type { AppDeps } from '../platform/app-deps.ts';
import { keyedRequest, missingBeforeInvalid, parseInput, sendStored } from '../platform/http.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import { operatorOf, requireOperator } from './operator-auth.ts';
import { cancelOperatorOrder } from './operator-cancel.service.ts';
import { listOperatorOrders, requireOperatorOrder } from './operator-orders.service.ts';
import { createOperatorRefund } from './operator-refunds.service.ts';

/**
 * An operator's write on one order, as a command: the parsed body, the Idempotency-Key, and the
 * fingerprint of action, order and body, since one key space serves every operator write.
 */
function orderAction(req: Request, action: string) {
  const orderId = String(req.params.orderId);
  return { orderId, ...keyedRequest(req, { action, order_id: orderId, body: req.body }) };
}

/** The operator API; the one order's GET, shared with diners, is in orders/orders.routes.ts. */
export function operatorRoutes(deps: AppDeps, limits: RateLimits): Router {
  const router = Router();
  const guard = [limits.operatorPerIp, requireOperator(deps.db), limits.operatorPerKey];
  // Another restaurant's order, or none, is a 404 before any input problem.
  const orderFirst = missingBeforeInvalid((req, res) =>
    requireOperatorOrder(deps.db, operatorOf(res), String(req.params.orderId)),
  );

  router.get('/api/clients/:slug/orders', ...guard, async (req, res) => {
    const query = parseInput(OrderListQuery, req.query, 'query');
    const page = await listOperatorOrders(deps.db, operatorOf(res), query);
    res.set('Cache-Control', 'no-store').json(page);
  });

  router.post(
    '/api/clients/:slug/orders/:orderId/refunds',
    ...guard,
    async (req: Request, res: Response) => {
      const request = parseInput(CreateRefundRequest, req.body);
      const command = { request, ...orderAction(req, 'refunds.create') };
      sendStored(res, await createOperatorRefund(deps, operatorOf(res), command));
    },
    orderFirst,
  );
  router.post(
    '/api/clients/:slug/orders/:orderId/cancel',
    ...guard,
    async (req: Request, res: Response) => {
      const request = parseInput(CancelOrderRequest, req.body);
      const command = { request, ...orderAction(req, 'orders.cancel') };
      sendStored(res, await cancelOperatorOrder(deps, operatorOf(res), command));
    },
    orderFirst,
  );

  return router;
}
