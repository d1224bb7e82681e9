import type Stripe from 'stripe';
import type { Domain } from './context.ts';
import { backgroundCause } from './events.ts';
import { buildDispute } from './refund.object.ts';

/** A pm_card_createDispute payment is disputed shortly after its money is taken. */
export function scheduleDispute(domain: Domain, charge: Stripe.Charge): void {
  domain.store.schedule(domain.refundSettleMs, () => {
    const dispute = buildDispute(charge);
    domain.store.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    const cause = backgroundCause();
    domain.events.emit('charge.dispute.created', dispute, cause);
    void domain.events.flush(cause);
  });
}

export function closeDispute(domain: Domain, dispute: Stripe.Dispute, outcome: 'won' | 'lost'): void {
  dispute.status = outcome;
  const cause = backgroundCause();
  domain.events.emit('charge.dispute.closed', dispute, cause);
  void domain.events.flush(cause);
}
