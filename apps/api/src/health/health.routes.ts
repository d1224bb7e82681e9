import { Router } from 'express';
import type { AppDeps } from '../platform/app-deps.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import { databaseReadiness } from './readiness.ts';

export function healthRoutes({ db }: AppDeps, limits: RateLimits): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Degraded rate limits (Redis away) still serve traffic, so they never make the API unready.
  router.get('/readyz', async (req, res) => {
    const database = await databaseReadiness(db, req.log);
    res.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ready' : 'unavailable',
      database,
      rate_limits: limits.state(),
    });
  });
  return router;
}
