import { Router } from 'express';
import type { AppDeps } from '../platform/app-deps.ts';
import { databaseReadiness } from './readiness.ts';

export function healthRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const database = await databaseReadiness(db, req.log);
    res.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ready' : 'unavailable',
      database,
    });
  });
  return router;
}
