import type { RefundView } from '@repo/contracts';
import type { Refund } from '../platform/db/schema.ts';
import { actorView, type StaffNames } from '../staff/staff-names.ts';

/** A ledger row; `names` names the staff members who made refunds. */
export function toRefundView(refund: Refund, names: StaffNames = new Map()): RefundView {
  return {
    id: refund.id,
    order_id: refund.order_id,
    stripe_refund_id: refund.stripe_refund_id,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status,
    reason: refund.reason,
    note: refund.note,
    failure_reason: refund.failure_reason,
    actor: actorView(refund.actor_type, refund.actor_id, names),
    created_at: refund.created_at.toISOString(),
    updated_at: refund.updated_at.toISOString(),
  };
}
