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

type DisputeStage = (typeof DISPUTE_STAGES)[keyof typeof DISPUTE_STAGES] | 'unknown';

function stageOf(status: string): DisputeStage {
  return Object.hasOwn(DISPUTE_STAGES, status)
    ? DISPUTE_STAGES[status as keyof typeof DISPUTE_STAGES]
    : 'unknown';
}

/** Whether an order whose dispute stands at `current` takes the status an event reports. */
export function disputeStatusMayMove(current: string | null, reported: string): boolean {
  if (current === reported) return false;
  if (current === null) return true;
  const next = stageOf(reported);
  const stage = stageOf(current);
  switch (stage) {
    case 'open':
    case 'unknown':
      return true;
    case 'appeal':
      return next === 'appeal' || next === 'closed';
    case 'closed':
      return current === 'lost' && next === 'appeal';
    default: {
      const unreachable: never = stage;
      throw new Error(`unknown dispute stage ${String(unreachable)}`);
    }
  }
}
