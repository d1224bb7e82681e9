import { AvailabilityPatch, PauseRequest, PutHoursRequest } from '@repo/contracts';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { operatorOf, requireOperator } from '../operators/operator-auth.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/http.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import {
  getAvailability,
  getHours,
  markAvailable,
  pauseOrdering,
  putHours,
  resumeOrdering,
} from './availability.service.ts';

function menuEntryId(req: Request): string {
  const parsed = z.uuid().safeParse(req.params.id);
  if (!parsed.success) throw new NotFoundError(`No menu entry ${String(req.params.id)}.`);
  return parsed.data;
}

/** Flow 11: the diner's live availability, and the operator's hours, pause and sold-out switches. */
export function availabilityRoutes(deps: AppDeps, limits: RateLimits): Router {
  const router = Router();
  const { db } = deps;
  const now = () => Date.now();
  const guard = [limits.operatorPerIp, requireOperator(db, deps.now), limits.operatorPerKey];

  // Express answers a weak ETag of the body, and 304 to a matching If-None-Match.
  router.get('/api/clients/:slug/availability', async (req, res) => {
    const availability = await getAvailability(db, String(req.params.slug), now());
    res.set('Cache-Control', 'public, max-age=5').json(availability);
  });

  router.get('/api/clients/:slug/hours', ...guard, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(getHours(operatorOf(res)));
  });
  router.put('/api/clients/:slug/hours', ...guard, async (req, res) => {
    const { hours } = parseInput(PutHoursRequest, req.body);
    res.json(await putHours(db, operatorOf(res), hours));
  });
  router.post('/api/clients/:slug/pause', ...guard, async (req, res) => {
    const request = parseInput(PauseRequest, req.body);
    res.json(await pauseOrdering(db, operatorOf(res), request, now()));
  });
  router.post('/api/clients/:slug/resume', ...guard, async (_req, res) => {
    res.json(await resumeOrdering(db, operatorOf(res), now()));
  });
  for (const kind of ['item', 'option'] as const)
    router.patch(`/api/clients/:slug/menu/${kind}s/:id`, ...guard, async (req, res) => {
      const id = menuEntryId(req);
      const { available } = parseInput(AvailabilityPatch, req.body);
      res.json(await markAvailable(db, operatorOf(res), { kind, id, available }, now()));
    });
  return router;
}
