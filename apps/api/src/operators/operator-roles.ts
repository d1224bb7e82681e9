import type { StaffRole } from '@repo/contracts';
import { ForbiddenError } from '../platform/errors.ts';
import type { Operator } from './operator.ts';

/**
 * The least role each operator route needs from a staff member, by method and route path. An API
 * key may use every route. A route missing here is refused to everyone but keys and owners.
 */
export const ROUTE_ROLES = {
  'GET /api/clients/:slug/orders': 'staff',
  'GET /api/clients/:slug/orders/events': 'staff',
  'GET /api/clients/:slug/orders/:orderId': 'staff',
  'POST /api/clients/:slug/orders/:orderId/accept': 'staff',
  'POST /api/clients/:slug/orders/:orderId/reject': 'staff',
  'POST /api/clients/:slug/orders/:orderId/status': 'staff',
  'POST /api/clients/:slug/orders/:orderId/refunds': 'manager',
  'POST /api/clients/:slug/orders/:orderId/cancel': 'manager',
  'GET /api/clients/:slug/hours': 'staff',
  'PUT /api/clients/:slug/hours': 'manager',
  'POST /api/clients/:slug/pause': 'staff',
  'POST /api/clients/:slug/resume': 'staff',
  'PATCH /api/clients/:slug/menu/items/:id': 'staff',
  'PATCH /api/clients/:slug/menu/options/:id': 'staff',
  'GET /api/clients/:slug/staff': 'owner',
  'POST /api/clients/:slug/staff': 'owner',
  'POST /api/clients/:slug/staff/:staffId/disable': 'owner',
} as const satisfies Record<string, StaffRole>;

const RANK: Record<StaffRole, number> = { staff: 0, manager: 1, owner: 2 };

export function roleFor(method: string, routePath: string): StaffRole {
  const key = `${method === 'HEAD' ? 'GET' : method} ${routePath}`;
  return (ROUTE_ROLES as Record<string, StaffRole>)[key] ?? 'owner';
}

/** Refuses a staff member whose role is below what the route needs (403 `role-required`). */
export function requireRole(operator: Operator, method: string, routePath: string): void {
  if (!operator.staff) return;
  const required = roleFor(method, routePath);
  if (RANK[operator.staff.role] >= RANK[required]) return;
  throw new ForbiddenError(
    'role-required',
    'Role required',
    `This needs the ${required} role; you are signed in as ${operator.staff.role}.`,
    { required_role: required },
  );
}
