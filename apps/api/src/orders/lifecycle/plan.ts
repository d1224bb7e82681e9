import type { OrderStatus, PaymentStatus, TimelineEntryType } from '@repo/contracts';
import type { OrderJobKind, OrderUpdate } from '../../platform/db/schema.ts';

/** What one move does to an order: decided by a pure planner, written in one statement. */
export interface MovePlan {
  /** The timeline entry the move writes, e.g. `payment_succeeded`. */
  type: TimelineEntryType;
  changes: OrderUpdate;
  /** Confirmation without a scheduled time: ready = now + the restaurant's prep time. */
  readyAfterPrep: boolean;
  /** An authorization to accept: the deadline is now + the restaurant's acceptance window. */
  deadlineAfterWindow: boolean;
  /** Post-payment work staged with the change (outbox). */
  jobs: OrderJobKind[];
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  detail: Record<string, unknown> | null;
  /** Set when the payment does not match the order (invariant 3). */
  reviewReason: string | null;
}

export type IntentDecision =
  /** `eventAt`: a newer event that changes nothing still moves the order's event clock. */
  { kind: 'unchanged'; reason: string; eventAt?: Date } | { kind: 'move'; plan: MovePlan };

/** A step's own part of a plan; planIntentTransition completes it. */
export type Step = Partial<MovePlan> & Pick<MovePlan, 'type' | 'changes'>;
