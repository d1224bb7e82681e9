import { Router } from 'express';
import { sql } from 'kysely';
import type { AppDeps } from '../platform/app-deps.ts';
import { isMigrated } from '../platform/db/migrate.ts';

export function healthRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await sql`select 1`.execute(db);
      if (!(await isMigrated(db))) {
        res.status(503).json({ status: 'unavailable', database: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready', database: 'ok' });
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}
