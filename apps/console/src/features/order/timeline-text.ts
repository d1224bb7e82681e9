import type { Actor, TimelineEntryType } from '@repo/contracts';

/** Each timeline entry in words, for the order page. */
export const TIMELINE_WORDS: Record<TimelineEntryType, string> = {
  created: 'Order placed',
  payment_processing: 'Payment processing',
  payment_requires_action: 'Payment waiting for the diner (card check)',
  payment_requires_confirmation: 'Payment waiting for confirmation',
  payment_authorized: 'Amount held on the card',
  payment_succeeded: 'Payment received',
  payment_failed: 'Payment failed',
  payment_canceled: 'Payment cancelled',
  payment_mismatch: 'Payment does not match the order',
  payment_intent_missing: 'Payment unknown to Stripe',
  cancel_requested: 'Cancel requested',
  cancel_abandoned: 'Cancel abandoned',
  cancelled: 'Order cancelled',
  accept_requested: 'Accept requested',
  accept_abandoned: 'Accept abandoned',
  accepted: 'Order accepted',
  rejected: 'Order rejected',
  preparing: 'Preparing',
  ready: 'Ready',
  completed: 'Completed',
  refund_requested: 'Refund requested',
  refund_refused: 'Refund refused by Stripe',
  refund_imported: 'Refund made in the Stripe Dashboard',
  refund_pending: 'Refund pending',
  refund_requires_action: 'Refund needs action',
  refund_succeeded: 'Refund succeeded',
  refund_failed: 'Refund failed',
  refund_canceled: 'Refund cancelled',
  refund_mismatch: 'Refund does not match',
  refund_failed_after_cancel: 'A refund failed after the order was cancelled',
  refund_covered_after_cancel: 'Refunds cover the cancelled order again',
  charge_dispute_created: 'The diner disputed the charge',
  charge_dispute_updated: 'Dispute updated',
  charge_dispute_closed: 'Dispute closed',
  charge_dispute_funds_withdrawn: 'Disputed money withdrawn',
  charge_dispute_funds_reinstated: 'Disputed money returned',
  job_dead: 'A follow-up task gave up (email or POS)',
};

/** Who did it: a person's name where the API gives one, else what kind of actor it was. */
export function actorText(actor: Actor): string {
  switch (actor.type) {
    case 'diner':
      return 'Diner';
    case 'stripe':
      return actor.id ? `Stripe (${actor.id})` : 'Stripe';
    case 'operator':
      return actor.id ? `API key ${actor.id}` : 'API key';
    case 'staff':
      return actor.name ? `${actor.name}${actor.role ? ` (${actor.role})` : ''}` : 'A staff member';
    case 'system':
      return actor.id ? `System (${actor.id})` : 'System';
    default: {
      const unknown: never = actor.type;
      return String(unknown);
    }
  }
}

/** The details worth a glance: a reason, an amount, a status, as short "key: value" text. */
export function detailText(detail: Record<string, unknown> | null, money: (minor: number) => string): string {
  if (!detail) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || value === undefined || typeof value === 'object') continue;
    const label = key.replaceAll('_', ' ');
    const isAmount = /amount|captured|authorized|refunded|received/.test(key) && typeof value === 'number';
    parts.push(`${label}: ${isAmount ? money(value as number) : String(value)}`);
  }
  return parts.join(' · ');
}
