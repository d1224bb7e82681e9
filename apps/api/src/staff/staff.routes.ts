import { CreateStaffRequest } from '@repo/contracts';
import { Router } from 'express';
import { operatorOf, requireOperator } from '../operators/operator-auth.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { systemClock } from '../platform/clock.ts';
import { parseInput } from '../platform/http.ts';
import type { RateLimits } from '../platform/rate-limit.ts';
import { createStaffMember, disableStaffMember, listStaffMembers, toStaffView } from './staff.service.ts';

/** The owner's staff management (the role is in operators/operator-roles.ts). */
export function staffRoutes(deps: AppDeps, limits: RateLimits): Router {
  const router = Router();
  const { db } = deps;
  const now = deps.now ?? systemClock;
  const guard = [limits.operatorPerIp, requireOperator(db, now), limits.operatorPerKey];

  router.get('/api/clients/:slug/staff', ...guard, async (_req, res) => {
    const staff = await listStaffMembers(db, operatorOf(res).restaurant.id);
    res.set('Cache-Control', 'no-store').json({ data: staff.map(toStaffView) });
  });

  router.post('/api/clients/:slug/staff', ...guard, async (req, res) => {
    const request = parseInput(CreateStaffRequest, req.body);
    const created = await createStaffMember(db, operatorOf(res).restaurant, request);
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ staff: toStaffView(created.staff), one_time_password: created.password });
  });

  router.post('/api/clients/:slug/staff/:staffId/disable', ...guard, async (req, res) => {
    const staff = await disableStaffMember(db, operatorOf(res), String(req.params.staffId), now());
    res.json(toStaffView(staff));
  });

  return router;
}
