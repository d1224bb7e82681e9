import { Router } from 'express';
import { trackEventStream } from '../../metrics/metrics.ts';
import { operatorOf, requireOperator } from '../../operators/operator-auth.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { lastEventId, openEventStream } from '../../platform/event-stream.ts';
import type { RateLimits } from '../../platform/rate-limit.ts';
import { requireDinerOrder } from '../diner-order.service.ts';
import type { OrderFeed } from './order-feed.ts';
import { followDinerOrder, followRestaurantOrders, parsePosition } from './order-following.ts';

/**
 * Server-Sent Events of order changes: the restaurant's board (operator key or staff session) and
 * the diner's own order (order token in `X-Order-Token`, never in the URL). Any process serves
 * either: changes come from the database's change feed, not from this process's memory.
 */
export function orderEventRoutes(deps: AppDeps & { orderFeed: OrderFeed }, limits: RateLimits): Router {
  const router = Router();

  router.get(
    '/api/clients/:slug/orders/events',
    limits.operatorPerIp,
    requireOperator(deps.db, deps.now),
    limits.operatorPerKey,
    async (req, res) => {
      const since = parsePosition(lastEventId(req));
      const stream = openEventStream(req, res);
      stream.onClose(trackEventStream('board'));
      await followRestaurantOrders(deps, operatorOf(res).restaurant.id, since, stream);
    },
  );

  router.get('/api/clients/:slug/orders/:orderId/events', async (req, res) => {
    const { restaurant, order } = await requireDinerOrder(
      deps.db,
      deps.config.ORDER_LINK_SECRET,
      String(req.params.slug),
      String(req.params.orderId),
      req.get('X-Order-Token'),
    );
    const stream = openEventStream(req, res);
    stream.onClose(trackEventStream('diner'));
    await followDinerOrder(deps, restaurant, order, stream);
  });

  return router;
}
