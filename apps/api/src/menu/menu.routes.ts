import { Router } from 'express';
import type { AppDeps } from '../platform/app-deps.ts';
import { getMenu } from './menu.service.ts';

export function menuRoutes({ db, payments }: AppDeps): Router {
  const router = Router();
  router.get('/api/clients/:slug/menu', async (req, res) => {
    const menu = await getMenu(db, req.params.slug, payments.publicInfo);
    res.set('Cache-Control', 'public, max-age=30').json(menu);
  });
  return router;
}
