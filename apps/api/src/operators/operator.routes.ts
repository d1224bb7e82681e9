import {
  AcceptOrderRequest,
  CancelOrderRequest,
  CreateRefundRequest,
  KitchenStatusRequest,
  OrderListQuery,
  RejectOrderRequest,
} from '@repo/contracts';
import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../platform/app-deps.ts';
import { keyedRequest, missingBeforeInvalid, parseInput, sendStored } from '../platform/http.ts';
import type { StoredResponse } from '../platform/idempotency.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import type { Operator } from './operator.ts';
import { operatorOf, requireOperator } from './operator-auth.ts';
import { cancelOperatorOrder } from './operator-cancel.service.ts';
import {
  listOperatorOrders,
  type OrderActionCommand,
  requireOperatorOrder,
} from './operator-orders.service.ts';
import { createOperatorRefund } from './operator-refunds.service.ts';
import {
  acceptOperatorOrder,
  moveOperatorOrderStatus,
  rejectOperatorOrder,
} from './restaurant-service.service.ts';

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
  const guard = [limits.operatorPerIp, requireOperator(deps.db, deps.now), limits.operatorPerKey];
  // Another restaurant's order, or none, is a 404 before any input problem.
  const orderFirst = missingBeforeInvalid((req, res) =>
    requireOperatorOrder(deps.db, operatorOf(res), String(req.params.orderId)),
  );

  router.get('/api/clients/:slug/orders', ...guard, async (req, res) => {
    const query = parseInput(OrderListQuery, req.query, 'query');
    const page = await listOperatorOrders(deps.db, operatorOf(res), query);
    res.set('Cache-Control', 'no-store').json(page);
  });

  // Every write on one order: its body parsed by `schema`, run under its Idempotency-Key.
  const orderWrite = <S extends z.ZodType>(
    path: string,
    action: string,
    schema: S,
    run: (
      deps: AppDeps,
      operator: Operator,
      command: OrderActionCommand<z.output<S>>,
    ) => Promise<StoredResponse>,
  ) =>
    router.post(
      path,
      ...guard,
      async (req: Request, res: Response) => {
        const request = parseInput(schema, req.body) as z.output<S>;
        const command = { request, ...orderAction(req, action) };
        sendStored(res, await run(deps, operatorOf(res), command));
      },
      orderFirst,
    );
  orderWrite(
    '/api/clients/:slug/orders/:orderId/refunds',
    'refunds.create',
    CreateRefundRequest,
    createOperatorRefund,
  );
  orderWrite(
    '/api/clients/:slug/orders/:orderId/cancel',
    'orders.cancel',
    CancelOrderRequest,
    cancelOperatorOrder,
  );
  orderWrite(
    '/api/clients/:slug/orders/:orderId/accept',
    'orders.accept',
    AcceptOrderRequest,
    acceptOperatorOrder,
  );
  orderWrite(
    '/api/clients/:slug/orders/:orderId/reject',
    'orders.reject',
    RejectOrderRequest,
    rejectOperatorOrder,
  );
  orderWrite(
    '/api/clients/:slug/orders/:orderId/status',
    'orders.status',
    KitchenStatusRequest,
    moveOperatorOrderStatus,
  );

  return router;
}
