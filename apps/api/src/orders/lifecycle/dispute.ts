import type { TimelineEntryType } from '@repo/contracts';
import type { Tx } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import { type Actor, recordOrderEvent, updateOrder } from './lifecycle.repository.ts';
import type { SyncResult } from './payment-sync.ts';

/**
 * Stripe's dispute statuses by stage. Events arrive in any order, so a closed dispute never
 * reopens on a late event; only a lost one can go on to an appeal.
 */
const DISPUTE_STAGES = {
  warning_needs_response: 'open',
  warning_under_review: 'open',
  needs_response: 'open',
  under_review: 'open',
  appeal_needs_response: 'appeal',
  appeal_under_review: 'appeal',
  warning_closed: 'closed',
  won: 'closed',
  lost: 'closed',
  prevented: 'closed',
} as const;

export type DisputeStage = (typeof DISPUTE_STAGES)[keyof typeof DISPUTE_STAGES] | 'unknown';

export function disputeStageOf(status: string): DisputeStage {
  return Object.hasOwn(DISPUTE_STAGES, status)
    ? DISPUTE_STAGES[status as keyof typeof DISPUTE_STAGES]
    : 'unknown';
}

/** Which dispute stage may follow which: the table docs/order-lifecycle.md draws. */
export const DISPUTE_STAGE_MOVES: { readonly [From in DisputeStage]: readonly DisputeStage[] } = {
  open: ['open', 'appeal', 'closed', 'unknown'],
  unknown: ['open', 'appeal', 'closed', 'unknown'],
  appeal: ['appeal', 'closed'],
  closed: ['appeal'],
};

/** Whether an order whose dispute stands at `current` takes the status an event reports. */
export function canMoveDispute(current: string | null, reported: string): boolean {
  if (current === reported) return false;
  if (current === null) return true;
  const from = disputeStageOf(current);
  const to = disputeStageOf(reported);
  switch (from) {
    case 'open':
    case 'unknown':
    case 'appeal':
      return DISPUTE_STAGE_MOVES[from].includes(to);
    case 'closed':
      // Only a lost dispute can be appealed; won, prevented and warning_closed are final.
      return current === 'lost' && DISPUTE_STAGE_MOVES.closed.includes(to);
    default: {
      const unreachable: never = from;
      throw new Error(`unknown dispute stage ${String(unreachable)}`);
    }
  }
}

/** The timeline entry of a dispute event: Stripe may add dispute events; those read as updates. */
function disputeEntryType(eventType: string): TimelineEntryType {
  switch (eventType) {
    case 'charge.dispute.created':
      return 'charge_dispute_created';
    case 'charge.dispute.closed':
      return 'charge_dispute_closed';
    case 'charge.dispute.funds_withdrawn':
      return 'charge_dispute_funds_withdrawn';
    case 'charge.dispute.funds_reinstated':
      return 'charge_dispute_funds_reinstated';
    default:
      return 'charge_dispute_updated';
  }
}

/** Records a dispute's new status on a locked order, unless the dispute has moved past it. */
export async function applyDisputeToOrder(
  tx: Tx,
  order: Order,
  dispute: { type: string; status: string; amount: number },
  actor: Actor,
): Promise<SyncResult> {
  if (!canMoveDispute(order.dispute_status, dispute.status))
    return { outcome: 'unchanged', reason: `dispute already ${order.dispute_status}` };
  await updateOrder(tx, order.id, { dispute_status: dispute.status });
  await recordOrderEvent(tx, order.id, {
    type: disputeEntryType(dispute.type),
    actor,
    detail: { status: dispute.status, amount: dispute.amount },
  });
  return { outcome: 'applied', change: `dispute_${dispute.status}` };
}
