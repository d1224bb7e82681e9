import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Domain } from './context.ts';
import { backgroundCause, type Cause } from './events.ts';
import { mergeMetadata, optionalInteger, optionalString, type Params } from './params.ts';
import { buildRefund } from './refund.object.ts';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

function money(amount: number, currency: string): string {
  return currency === 'jpy' ? `¥${amount}` : `$${(amount / 100).toFixed(2)}`;
}

/** Money that was only held was never taken; Stripe's answer is to cancel the PaymentIntent. */
function refuseUncaptured(charge: Stripe.Charge, params: Params): Stripe.Charge {
  if (charge.captured) return charge;
  throw invalidRequest(
    `Charge ${charge.id} has not been captured, so it has nothing to refund. Cancel the PaymentIntent instead to release the authorization.`,
    'charge_not_refundable',
    params.charge === undefined ? 'payment_intent' : 'charge',
  );
}

function findCharge(domain: Domain, params: Params): Stripe.Charge {
  const piId = optionalString(params, 'payment_intent');
  const chargeId = optionalString(params, 'charge');
  if (chargeId) {
    const charge = domain.store.charges.get(chargeId);
    if (!charge) throw resourceMissing('charge', chargeId, 'charge');
    return charge;
  }
  if (!piId) {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
    );
  }
  if (!domain.store.paymentIntents.has(piId)) throw resourceMissing('payment_intent', piId, 'payment_intent');
  const charge = domain.store.chargeFor(piId);
  if (charge?.status !== 'succeeded') {
    throw invalidRequest(
      `This PaymentIntent (${piId}) does not have a successful charge to refund.`,
      'charge_not_refundable',
      'payment_intent',
    );
  }
  return charge;
}

export function createRefund(domain: Domain, params: Params, cause: Cause): Stripe.Refund {
  const charge = refuseUncaptured(findCharge(domain, params), params);
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0)
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
  const amount = optionalInteger(params, 'amount') ?? remaining;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', 'parameter_invalid_integer', 'amount');
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
      'amount_too_large',
      'amount',
    );
  }
  const reason = optionalString(params, 'reason');
  if (reason !== undefined && !REASONS.includes(reason)) {
    throw invalidRequest(
      `Invalid reason: must be one of ${REASONS.join(', ')}`,
      'parameter_invalid_string',
      'reason',
    );
  }
  const pm =
    typeof charge.payment_method === 'string'
      ? domain.store.paymentMethods.get(charge.payment_method)
      : undefined;
  const behaviour = pm?.card.refund;
  const refund = buildRefund({
    charge,
    amount,
    reason: (reason as Stripe.Refund.Reason | undefined) ?? null,
    metadata: mergeMetadata({}, params),
    status: behaviour === 'pending_then_succeeded' ? 'pending' : 'succeeded',
  });
  domain.store.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  charge.refunds?.data.unshift(refund);
  domain.events.emit('refund.created', refund, cause);
  domain.events.emit('charge.refunded', charge, cause);
  if (behaviour) scheduleTransition(domain, refund, charge, behaviour);
  return refund;
}

function scheduleTransition(
  domain: Domain,
  refund: Stripe.Refund,
  charge: Stripe.Charge,
  behaviour: 'pending_then_succeeded' | 'succeeded_then_failed',
): void {
  domain.store.schedule(domain.refundSettleMs, () => {
    const cause = backgroundCause();
    const previous = { status: refund.status };
    if (behaviour === 'pending_then_succeeded') {
      refund.status = 'succeeded';
      refund.balance_transaction = newId('txn');
      domain.events.emit('refund.updated', refund, cause, previous);
    } else {
      refund.status = 'failed';
      refund.failure_reason = 'expired_or_canceled_card';
      refund.failure_balance_transaction = newId('txn');
      charge.amount_refunded -= refund.amount;
      charge.refunded = false;
      domain.events.emit('refund.failed', refund, cause);
      domain.events.emit('refund.updated', refund, cause, previous);
    }
    void domain.events.flush(cause);
  });
}
