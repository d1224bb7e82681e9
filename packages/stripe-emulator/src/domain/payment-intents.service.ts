import type Stripe from 'stripe';
import { invalidRequest, resourceMissing, unexpectedState } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { releaseAuthorization } from './authorization.ts';
import { chargeCard } from './charging.ts';
import type { Domain } from './context.ts';
import type { Cause } from './events.ts';
import {
  mergeMetadata,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  type Params,
  requiredString,
  validateAmount,
  validateCurrency,
} from './params.ts';
import { buildPaymentIntent } from './payment-intent.object.ts';
import { resolvePaymentMethod } from './payment-methods.ts';
import type { StoredPaymentMethod } from './store.ts';
import { authenticationAction } from './three-d-secure.ts';

const UPDATABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = [...UPDATABLE, 'requires_capture', 'processing'];
const CANCEL_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];
const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'];
/** Stripe lets these change whatever the status, even after the payment succeeded. */
const ANY_STATUS_UPDATES = ['metadata', 'description', 'receipt_email', 'shipping', 'expand'];

function captureMethod(params: Params): Stripe.PaymentIntent.CaptureMethod | undefined {
  const value = optionalString(params, 'capture_method');
  if (value === undefined || CAPTURE_METHODS.includes(value))
    return value as Stripe.PaymentIntent.CaptureMethod | undefined;
  throw invalidRequest(
    `Invalid capture_method: must be one of ${CAPTURE_METHODS.join(', ')}`,
    'parameter_invalid_string',
    'capture_method',
  );
}

export function findPaymentIntent(domain: Domain, id: string): Stripe.PaymentIntent {
  const pi = domain.store.paymentIntents.get(id);
  if (!pi) throw resourceMissing('payment_intent', id);
  return pi;
}

/** Customers are not modelled, so any customer id is one Stripe would not find. */
function refuseCustomer(params: Params): void {
  const customer = optionalString(params, 'customer');
  if (customer) throw resourceMissing('customer', customer, 'customer');
}

function validReturnUrl(params: Params): string | undefined {
  const returnUrl = optionalString(params, 'return_url');
  if (returnUrl !== undefined && !/^https?:\/\//.test(returnUrl))
    throw invalidRequest('Not a valid URL', 'url_invalid', 'return_url');
  return returnUrl;
}

/** Everything that can refuse a create is checked before the intent exists or any event is sent. */
export function createPaymentIntent(domain: Domain, params: Params, cause: Cause): Stripe.PaymentIntent {
  const currency = validateCurrency(requiredString(params, 'currency'));
  const amount = validateAmount(optionalInteger(params, 'amount'), currency);
  const apm = optionalObject(params, 'automatic_payment_methods');
  refuseCustomer(params);
  validReturnUrl(params);
  const pi = buildPaymentIntent({
    amount,
    currency,
    automaticPaymentMethods: apm ? optionalBoolean(apm, 'enabled') === true : false,
    metadata: mergeMetadata({}, params),
    description: optionalString(params, 'description') ?? null,
    receiptEmail: optionalString(params, 'receipt_email') ?? null,
    captureMethod: captureMethod(params) ?? 'automatic_async',
  });
  if (Array.isArray(params.allowed_payment_method_types))
    pi.allowed_payment_method_types = params.allowed_payment_method_types.map(String);
  const pm = resolvePaymentMethod(domain.store, params);
  domain.store.paymentIntents.set(pi.id, pi);
  domain.events.emit('payment_intent.created', pi, cause);
  if (optionalBoolean(params, 'confirm')) return confirmPaymentIntent(domain, pi, params, cause, pm);
  if (pm) {
    pi.payment_method = pm.id;
    pi.status = 'requires_confirmation';
  }
  return pi;
}

export function updatePaymentIntent(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  params: Params,
): Stripe.PaymentIntent {
  const locked = Object.keys(params).find((key) => !ANY_STATUS_UPDATES.includes(key));
  if (locked && !UPDATABLE.includes(pi.status)) {
    throw unexpectedState(
      `This PaymentIntent's ${locked} could not be updated because it has a status of ${pi.status}. You may only update the ${locked} of a PaymentIntent with one of the following statuses: ${UPDATABLE.join(', ')}.`,
    );
  }
  const currency =
    params.currency === undefined ? pi.currency : validateCurrency(requiredString(params, 'currency'));
  const amount = optionalInteger(params, 'amount');
  const newAmount =
    amount !== undefined || currency !== pi.currency
      ? validateAmount(amount ?? pi.amount, currency)
      : pi.amount;
  refuseCustomer(params);
  const method = captureMethod(params);
  const metadata = mergeMetadata(pi.metadata, params);
  const description = optionalString(params, 'description');
  const receiptEmail = optionalString(params, 'receipt_email');
  const pm = resolvePaymentMethod(domain.store, params);
  pi.amount = newAmount;
  pi.currency = currency;
  pi.metadata = metadata;
  pi.capture_method = method ?? pi.capture_method;
  if (description !== undefined) pi.description = description || null;
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail || null;
  if (pm) {
    pi.payment_method = pm.id;
    pi.status = 'requires_confirmation';
  }
  return pi;
}

export function confirmPaymentIntent(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  params: Params,
  cause: Cause,
  resolved?: StoredPaymentMethod,
) {
  if (pi.status === 'succeeded') {
    throw unexpectedState(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
  }
  if (!UPDATABLE.includes(pi.status)) {
    throw unexpectedState(`You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`);
  }
  const returnUrl = validReturnUrl(params);
  const pm =
    resolved ??
    resolvePaymentMethod(domain.store, params) ??
    (typeof pi.payment_method === 'string' ? domain.store.paymentMethods.get(pi.payment_method) : undefined);
  if (!pm) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, update it with a payment_method or pass one to confirm.",
    );
  }
  if (returnUrl !== undefined) domain.store.returnUrls.set(pi.id, returnUrl);
  pi.capture_method = captureMethod(params) ?? pi.capture_method;
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  if (pm.card.threeDSecure) {
    pi.status = 'requires_action';
    pi.next_action = authenticationAction(domain, pi, optionalBoolean(params, 'use_stripe_sdk') === true);
    domain.events.emit('payment_intent.requires_action', pi, cause);
    return pi;
  }
  return chargeCard(domain, pi, pm, false, cause);
}

export function cancelPaymentIntent(domain: Domain, pi: Stripe.PaymentIntent, params: Params, cause: Cause) {
  if (!CANCELABLE.includes(pi.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  const reason = optionalString(params, 'cancellation_reason');
  if (reason !== undefined && !CANCEL_REASONS.includes(reason)) {
    throw invalidRequest(
      `Invalid cancellation_reason: must be one of ${CANCEL_REASONS.join(', ')}`,
      'parameter_invalid_string',
      'cancellation_reason',
    );
  }
  if (pi.status === 'requires_capture') releaseAuthorization(domain, pi);
  pi.status = 'canceled';
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = (reason as Stripe.PaymentIntent.CancellationReason | undefined) ?? null;
  pi.next_action = null;
  domain.events.emit('payment_intent.canceled', pi, cause);
  return pi;
}
