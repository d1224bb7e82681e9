import type { RefundView } from '@repo/contracts';
import type { Refund } from '../platform/db/schema.ts';

export function toRefundView(refund: Refund): RefundView {
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
    actor: { type: refund.actor_type, id: refund.actor_id },
    created_at: refund.created_at.toISOString(),
    updated_at: refund.updated_at.toISOString(),
  };
}
