import { Router } from 'express';
import { CatalogCache } from '../menu/catalog-cache.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { sendStored } from '../platform/http.ts';
import { getDinerOrder } from './diner-order.service.ts';
import { createOrder } from './orders.service.ts';

export function orderRoutes(deps: AppDeps): Router {
  const router = Router();
  const orders = { ...deps, catalogs: new CatalogCache() };

  router.post('/api/clients/:slug/orders', async (req, res) => {
    const result = await createOrder(orders, req.params.slug, req.get('Idempotency-Key'), req.body);
    sendStored(res, result);
  });

  router.get('/api/clients/:slug/orders/:orderId', async (req, res, next) => {
    // Operators (Authorization header) get their own view from the operator routes.
    if (req.get('Authorization')) return next();
    const view = await getDinerOrder(deps, req.params.slug, req.params.orderId, req.get('X-Order-Token'));
    res.set('Cache-Control', 'no-store').json(view);
  });

  return router;
}
