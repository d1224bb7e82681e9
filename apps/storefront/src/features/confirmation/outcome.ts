import type { DinerOrderView } from '@repo/contracts';

/** What the diner is shown: first the payment's outcome, then each step the restaurant takes. */
export type Outcome =
  | { kind: 'processing' }
  | { kind: 'failed'; reason: string }
  | { kind: 'review' }
  | { kind: 'cancelled' }
  | { kind: 'not_accepted' }
  | { kind: 'waiting' }
  | { kind: 'confirmed' }
  | { kind: 'preparing' }
  | { kind: 'ready' }
  | { kind: 'completed' };

export type OutcomeKind = Outcome['kind'];

/** The outcomes of an order the restaurant has, or is about to have: the cart's job is done. */
export type PlacedKind = 'waiting' | 'confirmed' | 'preparing' | 'ready' | 'completed';
export type PlacedOutcome = Extract<Outcome, { kind: PlacedKind }>;
/** The outcomes shown on a panel of their own rather than on the order card. */
export type OtherOutcome = Exclude<Outcome, PlacedOutcome>;

export function isPlaced(outcome: Outcome): outcome is PlacedOutcome {
  switch (outcome.kind) {
    case 'waiting':
    case 'confirmed':
    case 'preparing':
    case 'ready':
    case 'completed':
      return true;
    default:
      return false;
  }
}

const DEFAULT_FAILURE = 'Your bank did not approve the payment. You have not been charged.';

/**
 * What the diner should be told. A pending order is "processing", never "failed": the redirect often
 * arrives before Stripe's webhook, and only a recorded failure (or Stripe's own failed redirect) says no.
 */
export function outcomeOf(
  order: Pick<DinerOrderView, 'status' | 'payment_status' | 'payment_error' | 'rejected'>,
  redirectStatus: string | null,
): Outcome {
  switch (order.status) {
    case 'awaiting_acceptance':
      return { kind: 'waiting' };
    case 'confirmed':
    case 'preparing':
    case 'ready':
    case 'completed':
      return { kind: order.status };
    case 'cancelled':
      return { kind: order.rejected ? 'not_accepted' : 'cancelled' };
    case 'needs_review':
      return { kind: 'review' };
    case 'pending_payment':
      if (order.payment_status === 'failed' || order.payment_status === 'canceled')
        return { kind: 'failed', reason: order.payment_error ?? DEFAULT_FAILURE };
      if (
        redirectStatus === 'failed' &&
        order.payment_status !== 'processing' &&
        order.payment_status !== 'succeeded' &&
        order.payment_status !== 'authorized'
      )
        return { kind: 'failed', reason: order.payment_error ?? DEFAULT_FAILURE };
      return { kind: 'processing' };
    default: {
      const unknown: never = order.status;
      return unknown;
    }
  }
}

/** Polls come at most this far apart while the page is in view, so a change shows within 5 s. */
export const MAX_DELAY_MS = 4000;
/** A tab in the background is checked rarely; it checks at once when the diner looks at it again. */
export const HIDDEN_DELAY_MS = 30_000;

/**
 * The wait before the next poll: 1 s, then gently slower, capped at MAX_DELAY_MS; longer when the
 * tab is hidden, and never shorter than the server's Retry-After.
 */
export function nextDelay(attempt: number, hidden = false, retryAfterMs: number | null = null): number {
  const backoff = hidden ? HIDDEN_DELAY_MS : Math.min(MAX_DELAY_MS, Math.round(1000 * 1.5 ** attempt));
  return Math.max(backoff, retryAfterMs ?? 0);
}
