import type { DinerOrderView } from '@repo/contracts';

export type Outcome =
  | { kind: 'confirmed' }
  | { kind: 'processing' }
  | { kind: 'failed'; reason: string }
  | { kind: 'cancelled' }
  | { kind: 'review' };

const DEFAULT_FAILURE = 'Your bank did not approve the payment. You have not been charged.';

/**
 * What the diner should be told. A pending order is "processing", never "failed": the redirect often
 * arrives before Stripe's webhook, and only a recorded failure (or Stripe's own failed redirect) says no.
 */
export function outcomeOf(
  order: Pick<DinerOrderView, 'status' | 'payment_status' | 'payment_error'>,
  redirectStatus: string | null,
): Outcome {
  switch (order.status) {
    case 'confirmed':
    case 'preparing':
    case 'ready':
    case 'completed':
      return { kind: 'confirmed' };
    case 'awaiting_acceptance':
      return { kind: 'processing' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'needs_review':
      return { kind: 'review' };
    case 'pending_payment':
      if (order.payment_status === 'failed' || order.payment_status === 'canceled')
        return { kind: 'failed', reason: order.payment_error ?? DEFAULT_FAILURE };
      if (
        redirectStatus === 'failed' &&
        order.payment_status !== 'processing' &&
        order.payment_status !== 'succeeded'
      )
        return { kind: 'failed', reason: order.payment_error ?? DEFAULT_FAILURE };
      return { kind: 'processing' };
    default: {
      const unknown: never = order.status;
      return unknown;
    }
  }
}

/** 1 s, then gently slower, never more than 10 s apart. */
export function nextDelay(attempt: number): number {
  return Math.min(10_000, Math.round(1000 * 1.5 ** attempt));
}
