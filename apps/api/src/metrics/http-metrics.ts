import type { Request, RequestHandler } from 'express';
import { observeHttpRequest } from './metrics.ts';

/**
 * The route template (`/api/clients/:slug/orders`), never the URL, so ids and slugs do not become
 * label values. Requests that matched no route share one value.
 */
function routeOf(req: Request): string {
  const route: unknown = req.route;
  if (route && typeof route === 'object' && 'path' in route && typeof route.path === 'string') {
    return `${req.baseUrl}${route.path}`;
  }
  return 'unmatched';
}

/** Times every request, from arrival to the last byte of its response (or a dropped connection). */
export const httpMetrics: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.once('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    observeHttpRequest(req.method, routeOf(req), res.statusCode, seconds);
  });
  next();
};
