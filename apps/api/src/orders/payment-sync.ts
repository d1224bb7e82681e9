import type { PaymentIntentSnapshot } from '../payments/payment-gateway.ts';
import type { Tx } from '../platform/db/database.ts';
import type { ActorType, Order } from '../platform/db/schema.ts';
import type { Logger } from '../platform/logger.ts';
import { planIntentTransition, planMissingIntent, type TransitionPlan } from './intent-transition.ts';
import { updateOrder } from './orders.repository.ts';
import { type EventOutcome, writeTransition } from './transition.repository.ts';

export interface SyncActor {
  actorType: ActorType;
  actorId: string | null;
}

/** Hears, after commit, of a flag raised on an order: for the error log (the alerts). */
export type FlagListener = (flag: { orderId: string; reason: string }) => void;

/**
 * Writes each flag to the error log with the order, the reason and `context` (an event id, an
 * intent id). Every path logs a flag through this one message, for the alerts to match.
 */
export function flagLogger(logger: Logger, context: Record<string, unknown> = {}): FlagListener {
  return (flag) => logger.error({ ...context, ...flag }, `order flagged for review: ${flag.reason}`);
}

export type SyncResult =
  /** `flagged`: a reason for a person this change raised on the order (`review_reason`). */
  | { outcome: 'applied'; change: string; flagged?: string }
  | { outcome: 'unchanged'; reason: string }
  | { outcome: 'needs_review'; reason: string };

/** A written plan as its callers see it: flagged for a person, or applied. */
function resultOf(plan: TransitionPlan): SyncResult {
  return plan.reviewReason
    ? { outcome: 'needs_review', reason: plan.reviewReason }
    : { outcome: 'applied', change: plan.type };
}

/**
 * Moves a locked order forward to match its PaymentIntent. The one code path shared by the webhook,
 * the diner's re-sync after the redirect, the reconciler and cancellation; applying the same state
 * twice is a no-op.
 */
export async function applyIntentToOrder(
  tx: Tx,
  order: Order,
  intent: PaymentIntentSnapshot,
  actor: SyncActor,
  event?: Omit<EventOutcome, 'outcome' | 'detail'> & { createdAt: Date },
): Promise<SyncResult> {
  const decision = planIntentTransition(order, intent, new Date(), event?.createdAt);
  if (decision.kind === 'unchanged') {
    if (decision.eventAt) await updateOrder(tx, order.id, { payment_event_at: decision.eventAt });
    return { outcome: 'unchanged', reason: decision.reason };
  }
  const { plan } = decision;
  const outcome = event
    ? { eventId: event.eventId, outcome: 'applied' as const, detail: plan.reviewReason ?? plan.type }
    : undefined;
  await writeTransition(tx, order.id, plan, actor, outcome);
  return resultOf(plan);
}

/** Flags a locked pending order whose PaymentIntent Stripe does not know (see planMissingIntent). */
export async function flagMissingIntent(
  tx: Tx,
  order: Order,
  intentId: string,
  actor: SyncActor,
): Promise<SyncResult> {
  const decision = planMissingIntent(order, intentId);
  if (decision.kind === 'unchanged') return { outcome: 'unchanged', reason: decision.reason };
  await writeTransition(tx, order.id, decision.plan, actor);
  return resultOf(decision.plan);
}
