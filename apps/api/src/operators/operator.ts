import type { Actor } from '../orders/lifecycle/lifecycle.repository.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import type { SignedInStaff } from '../sessions/sessions.service.ts';
import type { StaffNames } from '../staff/staff-names.ts';

/** Who is using a restaurant's operator routes: an API key, or a staff member signed in. */
export interface Operator {
  restaurant: Restaurant;
  /** Who acts, as rate limits count them: the key's prefix (`rk_3f9a1c2b`) or `staff:<id>`. */
  principal: string;
  /** The member of a staff session, whose role decides what they may do; null for a key, which may do everything. */
  staff: SignedInStaff | null;
}

/** What an operator's changes record in the order's timeline and the refund ledger. */
export function operatorActor(operator: Operator): Actor {
  return operator.staff
    ? { actorType: 'staff', actorId: operator.staff.id }
    : { actorType: 'operator', actorId: operator.principal };
}

/** The acting member's own name, for an answer that shows only what they just did. */
export function staffNamesOfOperator(operator: Operator): StaffNames {
  const { staff } = operator;
  return new Map(staff ? [[staff.id, { name: staff.name, role: staff.role }]] : []);
}
