import type Stripe from 'stripe';
import { invalidRequest, unexpectedState } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { AUTHORIZATION_VALIDITY_SECONDS } from './charge.object.ts';
import type { Domain } from './context.ts';
import { scheduleDispute } from './disputes.ts';
import { backgroundCause, type Cause } from './events.ts';
import { mergeMetadata, optionalInteger, type Params } from './params.ts';

/** The held charge of a PaymentIntent in requires_capture. */
function heldCharge(domain: Domain, pi: Stripe.PaymentIntent): Stripe.Charge {
  const charge = domain.store.chargeFor(pi.id);
  if (!charge) throw new Error(`${pi.id} is requires_capture without a charge`);
  return charge;
}

/** An authorization Stripe is not told to capture lapses after about seven days. */
export function scheduleExpiry(domain: Domain, pi: Stripe.PaymentIntent): void {
  domain.store.holdUntil(pi.id, AUTHORIZATION_VALIDITY_SECONDS * 1000, () => {
    const cause = backgroundCause();
    expireAuthorization(domain, pi, cause);
    void domain.events.flush(cause);
  });
}

function captureRefusal(pi: Stripe.PaymentIntent) {
  if (pi.status === 'succeeded') {
    return unexpectedState('This PaymentIntent could not be captured because it has already been captured.');
  }
  return unexpectedState(
    `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
  );
}

/** POST /v1/payment_intents/:id/capture: takes all or part of the hold and releases the rest. */
export function capturePaymentIntent(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  params: Params,
  cause: Cause,
): Stripe.PaymentIntent {
  if (pi.status !== 'requires_capture') throw captureRefusal(pi);
  const amount = optionalInteger(params, 'amount_to_capture') ?? pi.amount_capturable;
  if (amount < 1) {
    throw invalidRequest(
      'This value must be greater than or equal to 1.',
      'parameter_invalid_integer',
      'amount_to_capture',
    );
  }
  if (amount > pi.amount_capturable) {
    throw invalidRequest(
      'The payment could not be captured because the requested capture amount is greater than the amount you can capture for this charge.',
      'amount_too_large',
      'amount_to_capture',
    );
  }
  const metadata = mergeMetadata(pi.metadata, params);
  const charge = heldCharge(domain, pi);
  domain.store.releaseHold(pi.id);
  pi.metadata = metadata;
  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = newId('txn');
  pi.status = 'succeeded';
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  domain.events.emit('charge.captured', charge, cause);
  domain.events.emit('payment_intent.succeeded', pi, cause);
  const pm =
    typeof charge.payment_method === 'string'
      ? domain.store.paymentMethods.get(charge.payment_method)
      : undefined;
  if (pm?.card.dispute) scheduleDispute(domain, charge);
  return pi;
}

/**
 * Canceling a held PaymentIntent releases the authorization. Since API version 2025-03-31 Stripe makes
 * no Refund for it: the charge stays uncaptured, amount_refunded unchanged, and no charge.refunded.
 */
export function releaseAuthorization(domain: Domain, pi: Stripe.PaymentIntent): void {
  domain.store.releaseHold(pi.id);
  pi.amount_capturable = 0;
}

/** The hold lapsed: charge.expired, then the PaymentIntent is canceled with reason `expired`. */
export function expireAuthorization(domain: Domain, pi: Stripe.PaymentIntent, cause: Cause): void {
  if (pi.status !== 'requires_capture') {
    throw unexpectedState(`Only an authorization in requires_capture can expire; ${pi.id} is ${pi.status}.`);
  }
  const charge = heldCharge(domain, pi);
  releaseAuthorization(domain, pi);
  pi.status = 'canceled';
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = 'expired';
  domain.events.emit('charge.expired', charge, cause);
  domain.events.emit('payment_intent.canceled', pi, cause);
}
